/**
 * The soak: a long run of mixed reads and writes on the data of `pnpm bench:seed`. Prints JSON.
 *   pnpm bench:soak [--minutes 10] [--window 30]
 * 32 connections in a closed loop for `minutes`: per ten calls, five ledger pages of 河东区 (with
 * a changing filter), two dashboards (province, county), two item pages and one 报送进展 (a write
 * with its audit row and rollup update, each writer on its own items). Every `window` seconds it
 * records requests, errors, p50/p95 and the API's resident memory. At the end it counts the
 * audit rows the run wrote against the writes that answered 200: a lost write would show here.
 */
import { sql } from 'kysely';
import { createDb } from '@fz/db';
import { BENCH_DATABASE_URL, argValue, progress } from './config.js';
import { CONNECTIONS, queryPath } from './http.js';
import { login, startApi } from './server.js';

interface Window {
  atSeconds: number;
  requests: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  apiRssMiB: number;
}

const quantile = (sorted: number[], q: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10 : 0);
const LIGHTS = [[], ['red'], ['yellow'], ['green', 'yellow']] as const;

async function main(): Promise<void> {
  const minutes = Number(argValue('minutes') ?? 10);
  const windowSeconds = Number(argValue('window') ?? 30);
  const { db, close } = await createDb({ databaseUrl: BENCH_DATABASE_URL, poolMax: 4 });
  const api = await startApi(BENCH_DATABASE_URL);
  try {
    const county = await login(api.base, 'hedong');
    const province = await login(api.base, 'province');
    const items = await db.selectFrom('rectification_items').select(['id', 'version']).where('jurisdiction_id', '=', 371312).where('status', 'in', ['in_progress', 'ongoing']).orderBy('id').limit(20_000).execute();
    if (items.length < CONNECTIONS) throw new Error('too few in-progress items for 河东区: run pnpm bench:seed first');
    const pools = Array.from({ length: CONNECTIONS }, (_, w) => items.filter((_, i) => i % CONNECTIONS === w));
    const readIds = items.map((i) => i.id);
    const auditBefore = Number((await sql<{ n: string }>`select count(*) as n from audit_log where action = 'item.reportProgress'`.execute(db)).rows[0]?.n);

    const windows: Window[] = [];
    let latencies: number[] = [];
    let requests = 0;
    let errors = 0;
    let writesOk = 0;
    let totalRequests = 0;
    let totalErrors = 0;
    const started = performance.now();
    const until = started + minutes * 60_000;
    const ticker = setInterval(() => {
      const sorted = latencies.sort((a, b) => a - b);
      windows.push({ atSeconds: Math.round((performance.now() - started) / 1000), requests, errors, p50Ms: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), apiRssMiB: api.rssMiB() });
      progress(`soak ${windows.at(-1)?.atSeconds}s: ${requests} requests, ${errors} errors, p95 ${windows.at(-1)?.p95Ms} ms, RSS ${windows.at(-1)?.apiRssMiB} MiB`);
      totalRequests += requests;
      totalErrors += errors;
      latencies = [];
      requests = 0;
      errors = 0;
    }, windowSeconds * 1000);

    const get = async (path: string, cookie: string) => {
      const res = await fetch(`${api.base}${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(String(res.status));
    };
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, w) => {
        const pool = pools[w]!;
        for (let n = 0; performance.now() < until; n++) {
          const op = n % 10;
          const t = performance.now();
          try {
            if (op < 5) await get(queryPath('items.list', { jurisdictionId: 371312, light: LIGHTS[n % LIGHTS.length]!.length ? LIGHTS[n % LIGHTS.length] : undefined, limit: 50 }), county);
            else if (op === 5) await get(queryPath('dashboard.get', {}), province);
            else if (op === 6) await get(queryPath('dashboard.get', {}), county);
            else if (op < 9) await get(queryPath('items.get', { id: readIds[(w * 7919 + n) % readIds.length] }), county);
            else {
              const item = pool[n % pool.length]!;
              const res = await fetch(`${api.base}/trpc/items.transition`, {
                method: 'POST',
                headers: { cookie: county, 'content-type': 'application/json', 'x-fz-csrf': '1' },
                body: JSON.stringify({ id: item.id, version: item.version, event: 'reportProgress', note: '整改持续推进,本周完成专项检查' }),
              });
              const body = (await res.json()) as { result?: { data?: { version: number } } };
              if (!res.ok || !body.result?.data) throw new Error(String(res.status));
              item.version = body.result.data.version;
              writesOk++;
            }
            latencies.push(performance.now() - t);
            requests++;
          } catch {
            errors++;
          }
        }
      }),
    );
    clearInterval(ticker);
    totalRequests += requests;
    totalErrors += errors;
    const auditAfter = Number((await sql<{ n: string }>`select count(*) as n from audit_log where action = 'item.reportProgress'`.execute(db)).rows[0]?.n);
    const result = {
      soak: {
        minutes,
        connections: CONNECTIONS,
        mix: { ledgerPages: '50%', dashboards: '20%', itemPages: '20%', progressWrites: '10%' },
        requests: totalRequests,
        errors: totalErrors,
        errorRate: totalRequests ? Math.round((totalErrors / (totalRequests + totalErrors)) * 1e6) / 1e6 : 0,
        writesAnswered200: writesOk,
        auditRowsWritten: auditAfter - auditBefore,
        recordsLost: writesOk - (auditAfter - auditBefore),
        apiRssMiBEnd: api.rssMiB(),
        windows,
      },
    };
    console.info(JSON.stringify(result, null, 2));
  } finally {
    await api.stop();
    await close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

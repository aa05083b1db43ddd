/**
 * The benchmark, on the data of `pnpm bench:seed` (run that first). Prints one JSON object.
 *   pnpm bench [--seconds 15]
 * Starts the API in its own process on BENCH_DATABASE_URL, then measures with 32 concurrent
 * connections: the province's and a county's dashboard through HTTP and as SQL alone, the
 * ledger (filter + keyset page of 50), progress notes and flag toggles per second, and the
 * API's resident memory at the end.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { calendarDate } from '@fz/domain';
import { createDb } from '@fz/db';
import { loadPrincipalFor } from './principal.js';
import { BENCH_DATABASE_URL, argValue, progress } from './config.js';
import { CONNECTIONS, hammer, queryPath, warmUp } from './http.js';
import { dashboardSql, statementOnly } from './raw-sql.js';
import { cpuPerRequest, sampleCpu } from './cpu.js';
import type { Latency } from './stats.js';
import { login, startApi } from './server.js';
import { flagToggles, progressNotes } from './writes.js';

const PROVINCE = { username: 'province', id: 37 };
const COUNTY = { username: 'hedong', id: 371312 };
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function main(): Promise<void> {
  const seconds = Number(argValue('seconds') ?? 15);
  const today = calendarDate(new Date());
  const loadBefore = os.loadavg();
  const { db, close } = await createDb({ databaseUrl: BENCH_DATABASE_URL, poolMax: CONNECTIONS });
  const api = await startApi(BENCH_DATABASE_URL);
  try {
    const facts = (
      await sql<{ items: number; provinces: number; rollup_rows: number; pg: string }>`select (select count(*)::int from rectification_items) as items,
        (select count(distinct province_id)::int from rectification_items) as provinces,
        (select (select count(*) from item_rollup_counts) + (select count(*) from item_rollup_months) + (select count(*) from item_rollup_due))::int as rollup_rows,
        current_setting('server_version') as pg`.execute(db)
    ).rows[0]!;
    progress(`${facts.items} items in ${facts.provinces} province(s); API at ${api.base}`);
    const province = await login(api.base, PROVINCE.username);
    const county = await login(api.base, COUNTY.username);

    const database = decodeURIComponent(new URL(BENCH_DATABASE_URL).pathname.slice(1));
    /** A measurement with the CPU it cost per request (API process, PostgreSQL backends, load generator). */
    const measured = async <T extends Latency>(label: string, run: () => Promise<T>, warm?: () => Promise<unknown>) => {
      progress(label);
      await warm?.();
      const before = await sampleCpu(db, api.pid, database);
      const result = await run();
      return { ...result, cpuMsPerRequest: cpuPerRequest(before, await sampleCpu(db, api.pid, database), result.requests) };
    };

    const dashboard = async (who: typeof PROVINCE, cookie: string) => {
      const path = queryPath('dashboard.get', {});
      const http = await measured(`dashboard ${who.id}: HTTP`, () => hammer(api.base, path, cookie, seconds), () => warmUp(api.base, path, cookie));
      const viewer = await loadPrincipalFor(db, who.username);
      const rawSql = await measured(`dashboard ${who.id}: SQL`, () => dashboardSql(db, viewer, today, seconds));
      const statement = await measured(`dashboard ${who.id}: statement`, () => statementOnly(db, { id: who.id }, today, seconds));
      // One connection: no queueing, so its p50 is the service time the 32-connection figures queue behind.
      const oneConnection = await measured(`dashboard ${who.id}: HTTP, one connection`, () => hammer(api.base, path, cookie, Math.min(seconds, 5), 1));
      return { http, sql: rawSql, statementOnly: statement, httpOneConnection: oneConnection, httpToSqlP95: ratio(http.p95, rawSql.p95), httpToSqlP50: ratio(http.p50, rawSql.p50) };
    };
    const provinceDashboard = await dashboard(PROVINCE, province);
    const countyDashboard = await dashboard(COUNTY, county);
    const national = facts.provinces > 1 ? { statementOnly: await measured('national: statement', () => statementOnly(db, 'national', today, seconds)) } : null;

    const ledgerFilter = { status: ['in_progress'], sort: 'deadline', limit: 50 };
    const first = (await (await fetch(`${api.base}${queryPath('items.list', ledgerFilter)}`, { headers: { cookie: county } })).json()) as { result: { data: { nextCursor: string | null } } };
    const page2 = { ...ledgerFilter, cursor: first.result.data.nextCursor };
    const countyLedger = queryPath('items.list', page2);
    const provinceLedger = queryPath('items.list', { ...ledgerFilter, jurisdictionId: PROVINCE.id });
    const ledger = {
      county: await measured('ledger: county', () => hammer(api.base, countyLedger, county, seconds), () => warmUp(api.base, countyLedger, county)),
      province: await measured('ledger: province', () => hammer(api.base, provinceLedger, province, seconds), () => warmUp(api.base, provinceLedger, province)),
    };
    const writes = {
      progressNotes: await measured('writes: progress notes', () => progressNotes(db, api.base, county, COUNTY.id, seconds)),
      flagToggles: await measured('writes: flag toggles', () => flagToggles(db, api.base, province, PROVINCE.id, seconds)),
    };
    const result = {
      command: `pnpm bench --seconds ${seconds}`,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: facts.pg },
      // The 1-minute load average before and after: anything else running on the machine shows here.
      loadAverage: { before: Math.round(loadBefore[0]! * 100) / 100, after: Math.round(os.loadavg()[0]! * 100) / 100 },
      data: { items: facts.items, provinces: facts.provinces, rollupRows: facts.rollup_rows },
      connections: CONNECTIONS,
      secondsPerMeasurement: seconds,
      dashboard: { province: provinceDashboard, county: countyDashboard, national },
      ledger,
      writes,
      apiRssMiB: api.rssMiB(),
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

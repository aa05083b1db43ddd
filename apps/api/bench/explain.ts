/**
 * The benchmark's operations, statement by statement, as Citus would route them. Prints JSON.
 *   pnpm bench:explain            (on the data of `pnpm bench:seed`)
 * Runs each operation of `pnpm bench` once through the real procedures (in-process tRPC caller,
 * real sessions, RLS), records every statement Kysely sends, then EXPLAINs each one under the
 * same user's RLS scope and reads the plan (bench/explain-plan.ts): does every distributed table
 * get reached through `county_id = <value>`? The writes (报送进展, 挂牌督办) commit, like the bench.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompiledQuery } from 'kysely';
import { DEMO_PASSWORD, createDb, withScope } from '@fz/db';
import type { Db } from '@fz/db';
import { appRouter } from '../src/router.js';
import { createCallerFactory, scopeOf } from '../src/trpc/init.js';
import { defaultServices } from '../src/trpc/context.js';
import type { RequestInfo, Scope } from '../src/trpc/context.js';
import { LocalDiskStorage } from '../src/storage/local-disk.js';
import { resolveSession } from '../src/modules/auth/session.js';
import { BENCH_DATABASE_URL, progress } from './config.js';
import { routingOf, scansOf } from './explain-plan.js';
import type { PlanNode, Routing } from './explain-plan.js';
import { RANKED, describeOperation } from './explain-report.js';
import type { Explained } from './explain-report.js';

const silent = { info() {}, warn() {}, error() {} };
const SKIP = /^(begin|commit|rollback|start transaction|select set_config\()/i;

function requestWith(token: string | null): RequestInfo & { token: string | null } {
  const req = {
    requestId: 'bench-explain',
    ip: '127.0.0.1',
    userAgent: 'bench-explain',
    sessionToken: token,
    csrfOk: true,
    token,
    setSessionCookie(t: string) {
      req.token = t;
    },
    clearSessionCookie() {},
  };
  return req;
}

async function main(): Promise<void> {
  let captured: CompiledQuery[] = [];
  const handle = await createDb({ databaseUrl: BENCH_DATABASE_URL, poolMax: 2, onQuery: (q) => void captured.push(q) });
  const db: Db = handle.db;
  const services = defaultServices(db, { cookieSecure: false, log: silent, storage: new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'fz-explain-'))) });
  const callerOf = createCallerFactory(appRouter);
  const signIn = async (username: string) => {
    const req = requestWith(null);
    await callerOf({ services, req }).auth.login({ username, password: DEMO_PASSWORD });
    const session = await resolveSession(db, req.token ?? '');
    if (!session) throw new Error(`login as ${username} failed`);
    return { caller: callerOf({ services, req: requestWith(req.token) }), scope: scopeOf(session.principal) };
  };
  try {
    const county = await signIn('hedong');
    const province = await signIn('province');
    const item = await db.selectFrom('rectification_items').select(['id', 'version']).where('jurisdiction_id', '=', 371312).where('status', '=', 'in_progress').orderBy('id').executeTakeFirstOrThrow();
    const flaggable = await db.selectFrom('rectification_items').select(['id', 'version', 'flagged']).where('supervising_jurisdiction_id', '=', 37).where('id', '<>', item.id).where('status', 'in', ['issued', 'acknowledged', 'in_progress']).orderBy('id').executeTakeFirstOrThrow();
    const ledger = { status: ['in_progress' as const], sort: 'deadline' as const, limit: 50 };
    const operations: Array<{ name: string; scope: Scope; run: () => Promise<unknown> }> = [
      { name: 'county dashboard (河东区 dashboard.get)', scope: county.scope, run: () => county.caller.dashboard.get({}) },
      { name: 'province dashboard (山东省 dashboard.get)', scope: province.scope, run: () => province.caller.dashboard.get({}) },
      { name: 'county ledger page (items.list, 50)', scope: county.scope, run: () => county.caller.items.list(ledger) },
      { name: 'province ledger page (items.list, 50)', scope: province.scope, run: () => province.caller.items.list({ ...ledger, jurisdictionId: 37 }) },
      { name: 'item page (items.get)', scope: county.scope, run: () => county.caller.items.get({ id: item.id }) },
      { name: '报送进展 (items.transition reportProgress)', scope: county.scope, run: () => county.caller.items.transition({ id: item.id, version: item.version, event: 'reportProgress', note: '已召开专题会议研究部署,正在逐项推进' }) },
      { name: '挂牌督办 (items.flag, province)', scope: province.scope, run: () => province.caller.items.flag({ id: flaggable.id, version: flaggable.version, flagged: !flaggable.flagged, reason: '整改进度滞后,列入挂牌督办' }) },
    ];
    const out: Array<ReturnType<typeof describeOperation>> = [];
    for (const op of operations) {
      progress(op.name);
      captured = [];
      await op.run();
      const statements = captured.filter((q) => !SKIP.test(q.sql.trim()));
      captured = [];
      const explained: Explained[] = [];
      for (const q of statements) {
        const explain = CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]);
        const planOf = async (on: Db) => (await on.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(explain)).rows[0]?.['QUERY PLAN'][0]?.Plan;
        // Request statements run under the user's RLS scope; login and session statements run as the owner.
        const plan = await withScope(db, op.scope, planOf)
          .catch(() => planOf(db))
          .catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
        if (!plan || 'error' in plan) {
          explained.push({ sql: q.sql, routing: 'not explainable' as const, error: plan?.error });
          continue;
        }
        const scans = scansOf(plan);
        const insertsCounty = /^\s*insert into "?\w+"?\s*\([^)]*"?county_id"?[^)]*\)/i.test(q.sql);
        explained.push({ sql: q.sql, routing: routingOf(scans, insertsCounty), scans });
      }
      out.push(describeOperation(op.name, explained));
    }
    const summary = Object.fromEntries(RANKED.map((r: Routing) => [r, out.filter((o) => o.routing === r).map((o) => o.operation)]));
    console.info(JSON.stringify({ command: 'pnpm bench:explain', database: new URL(BENCH_DATABASE_URL).pathname.slice(1), summary, operations: out }, null, 2));
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

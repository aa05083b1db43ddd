import { createDb, withScope } from '@fz/db';
import { CompiledQuery, sql } from 'kysely';
import { crumbLevels, dashboardQuery } from '../src/modules/dashboard/queries.js';
import { closedLoop } from './stats.js';
import { sampleCpu, cpuPerRequest } from './cpu.js';
const url = 'postgres://postgres@127.0.0.1:5432/fz_bench';
const { db, close } = await createDb({ databaseUrl: url, poolMax: 32 });
const q = dashboardQuery({ id: 37 }, {}, '2026-11-25', { from: '2025-12-01', to: '2026-11-01' }, crumbLevels('province')).compile(db);
const plain = CompiledQuery.raw(q.sql, [...q.parameters]);
const prepared = new WeakSet<object>();
const lit = (p: unknown) => typeof p === 'number' ? String(p) : Array.isArray(p) ? `'{${p.join(',')}}'` : `'${String(p)}'`;
const execText = `execute dash(${q.parameters.map(lit).join(', ')})`;
const scope = { userId: 1, level: 'province' as const, jurisdictionId: 37 };
const conns = new Set<number>();
for (const mode of ['plain', 'prepared', 'plain', 'prepared']) {
  const b = await sampleCpu(db, process.pid, 'fz_bench');
  const r = await closedLoop(32, 6, () => withScope(db, scope, async (tx) => {
    if (mode === 'plain') { await tx.executeQuery(plain); return; }
    const pid = (await sql<{ p: number }>`select pg_backend_pid() as p`.execute(tx)).rows[0]!.p;
    if (!conns.has(pid)) { await sql.raw(`prepare dash as ${q.sql}`).execute(tx); conns.add(pid); }
    await tx.executeQuery(CompiledQuery.raw(execText, []));
  }));
  console.info(mode, r.perSecond, r.p50, r.p95, r.errors, cpuPerRequest(b, await sampleCpu(db, process.pid, 'fz_bench'), r.requests));
}
void prepared;
await close();

import { createDb } from '@fz/db';
import { sql } from 'kysely';
import { resolveSession } from '../src/modules/auth/session.js';
import { closedLoop } from './stats.js';
import { sampleCpu, cpuPerRequest } from './cpu.js';
import { login, startApi } from './server.js';
const url = 'postgres://postgres@127.0.0.1:5432/fz_bench';
const api = await startApi(url);
const cookie = await login(api.base, 'province');
await api.stop();
const token = cookie.split('=')[1]!;
const { db, close } = await createDb({ databaseUrl: url, poolMax: 32 });
for (const [label, fn] of [
  ['session', () => resolveSession(db, token)],
  ['select 1', () => sql`select 1`.execute(db)],
  ['tx empty', () => db.transaction().execute(async (tx) => { await sql`select 1`.execute(tx); })],
] as const) {
  const b = await sampleCpu(db, process.pid, 'fz_bench');
  const r = await closedLoop(32, 4, async () => { await fn(); });
  console.info(label, r.perSecond, r.p50, cpuPerRequest(b, await sampleCpu(db, process.pid, 'fz_bench'), r.requests));
}
await close();

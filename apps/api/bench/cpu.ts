import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '@fz/db';

/** Linux clock ticks per second (getconf CLK_TCK): /proc times are in these. */
const TICKS = 100;

/** User + system CPU time of a process so far, in ms (0 once it has gone). */
function cpuMsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return 0;
  }
}

export interface CpuSample {
  api: number;
  postgres: number;
  client: number;
}

/**
 * CPU spent by the API process, by the PostgreSQL backends serving the benchmark database and
 * by this (load-generating) process. Unlike latency, CPU per request hardly depends on what
 * else the machine runs: it says what a quiet 2-core machine could serve.
 */
export async function sampleCpu(db: Db, apiPid: number, database: string): Promise<CpuSample & { backends: Map<number, number> }> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = ${database} and backend_type = 'client backend'`.execute(db);
  const backends = new Map(rows.map((r) => [r.pid, cpuMsOf(r.pid)]));
  const own = process.cpuUsage();
  return { api: cpuMsOf(apiPid), postgres: [...backends.values()].reduce((a, b) => a + b, 0), client: (own.user + own.system) / 1000, backends };
}

/** CPU ms per request between two samples (backends that appeared in between count from zero). */
export function cpuPerRequest(before: Awaited<ReturnType<typeof sampleCpu>>, after: Awaited<ReturnType<typeof sampleCpu>>, requests: number) {
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  const per = (ms: number) => Math.round((ms / Math.max(1, requests)) * 1000) / 1000;
  return { api: per(after.api - before.api), postgres: per(postgres), loadGenerator: per(after.client - before.client) };
}

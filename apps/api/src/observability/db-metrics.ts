import { sql } from 'kysely';
import { withJobs } from '@fz/db';
import type { Db, DbHandle } from '@fz/db';
import { deadLetterCounts, jobCounts, lastSuccesses, queueTablesExist } from '../jobs/queue-tables.js';
import { NOT_OPEN } from '../jobs/swept-item.js';
import type { MetricsRegistry } from './registry.js';

/** The pg pool's connections (absent on PGlite). Returns the function that stops watching. */
export function watchPool(registry: MetricsRegistry, handle: Pick<DbHandle, 'poolStats'>): () => void {
  const gauge = registry.gauge('fz_db_pool_connections', 'Connections of this process’s PostgreSQL pool: total, idle, and queries waiting for one', ['state']);
  return registry.onCollect('db_pool', () => {
    const s = handle.poolStats();
    gauge.replace(s ? [[{ state: 'total' }, s.total], [{ state: 'idle' }, s.idle], [{ state: 'waiting' }, s.waiting]] : []);
  });
}

export interface QueueWatchOptions {
  /** Overdue counts scan the items table: at most once per this many ms (default 5 min). */
  overdueEveryMs?: number;
}

/**
 * Queue depth per state, failed-after-retries jobs, last success per queue, and open overdue
 * items per province. Deployment-wide numbers: served by the process that runs the jobs, so
 * API replicas do not each repeat the queries.
 */
export function watchQueue(registry: MetricsRegistry, db: Db, opts: QueueWatchOptions = {}): () => void {
  const depth = registry.gauge('fz_jobs_queue_jobs', 'Jobs in the queue’s live table, by queue and state', ['queue', 'state']);
  const dead = registry.gauge('fz_jobs_dead_letter_jobs', 'Jobs that failed after their last retry and are still kept (7 days), by queue', ['queue']);
  const last = registry.gauge('fz_jobs_last_success_timestamp_seconds', 'When a job of the queue last completed, in Unix seconds', ['queue']);
  const overdue = registry.gauge('fz_items_overdue', 'Open rectification items marked overdue by the sweep, by province code', ['province']);
  const every = opts.overdueEveryMs ?? 5 * 60_000;
  let overdueReadAt = -Infinity;

  return registry.onCollect('job_queue', async () => {
    if (await queueTablesExist(db)) {
      const [counts, deadCounts, successes] = await Promise.all([jobCounts(db), deadLetterCounts(db), lastSuccesses(db)]);
      depth.replace(counts.map((r) => [{ queue: r.queue, state: r.state }, r.n] as const));
      dead.replace(deadCounts.map((r) => [{ queue: r.queue }, r.n] as const));
      last.replace(successes.map((r) => [{ queue: r.queue }, r.at] as const));
    }
    if (Date.now() - overdueReadAt >= every) {
      // As the jobs' role: it reads every tenant's items and nothing it could change here.
      const rows = await withJobs(db, async (tx) =>
        (
          await sql<{ province: number; n: number }>`
            select province_id as province, count(*)::int as n from rectification_items
            where overdue_since is not null and status not in (${sql.join(NOT_OPEN)}) group by province_id`.execute(tx)
        ).rows,
      );
      overdue.replace(rows.map((r) => [{ province: String(r.province) }, r.n] as const));
      overdueReadAt = Date.now();
    }
  });
}

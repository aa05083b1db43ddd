import { sql } from 'kysely';
import type { Db } from '@fz/db';
import { QUEUE_SCHEMA } from './queue.js';

/**
 * Read-only views of pg-boss's own tables (schema `pgboss`, owned by the connecting role; the
 * request role has no grant). A job that failed after its retries stays in `job` with state
 * `failed` until maintenance moves it to `archive` (12 h), where it is kept 7 days: both are read.
 * Nothing here exists before the first process has started the queue.
 */

const JOB = sql.raw(`${QUEUE_SCHEMA}.job`);
const ARCHIVE = sql.raw(`${QUEUE_SCHEMA}.archive`);

export async function queueTablesExist(db: Db): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select to_regclass(${`${QUEUE_SCHEMA}.archive`}) is not null as ok`.execute(db);
  return rows[0]?.ok === true;
}

/** Jobs per queue and state (created, retry, active, completed, cancelled, failed) still in the live table. */
export async function jobCounts(db: Db): Promise<Array<{ queue: string; state: string; n: number }>> {
  const { rows } = await sql<{ queue: string; state: string; n: number }>`
    select name as queue, state::text as state, count(*)::int as n from ${JOB} group by name, state`.execute(db);
  return rows;
}

/** Jobs that failed after their last retry, per queue, over the live table and the archive. */
export async function deadLetterCounts(db: Db): Promise<Array<{ queue: string; n: number }>> {
  const { rows } = await sql<{ queue: string; n: number }>`
    select name as queue, count(*)::int as n from (
      select name from ${JOB} where state = 'failed'
      union all
      select name from ${ARCHIVE} where state = 'failed'
    ) f group by name`.execute(db);
  return rows;
}

/** When each queue last completed a job (Unix seconds): an alert can fire when the sweep stops succeeding. */
export async function lastSuccesses(db: Db): Promise<Array<{ queue: string; at: number }>> {
  const { rows } = await sql<{ queue: string; at: number }>`
    select name as queue, extract(epoch from max(completed_on))::float8 as at from (
      select name, completed_on from ${JOB} where state = 'completed'
      union all
      select name, completed_on from ${ARCHIVE} where state = 'completed'
    ) c group by name`.execute(db);
  return rows;
}

export interface FailedJobRow {
  id: string;
  queue: string;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  retry_count: number;
  error: string | null;
}

/**
 * The newest failed jobs, over both tables. Only the error's message is read (pg-boss stores
 * the thrown error as JSON with its stack): stacks stay in the logs.
 */
export async function failedJobs(db: Db, limit: number): Promise<FailedJobRow[]> {
  const columns = sql`id::text as id, name as queue, created_on, started_on, completed_on, retry_count, left(output ->> 'message', 500) as error`;
  const { rows } = await sql<FailedJobRow>`
    select * from (
      select ${columns} from ${JOB} where state = 'failed'
      union all
      select ${columns} from ${ARCHIVE} where state = 'failed'
    ) f order by completed_on desc nulls last, id limit ${limit}`.execute(db);
  return rows;
}

import { withScope } from '@fz/db';
import type { Db, Tx } from '@fz/db';
import type { Logger, Scope } from '../trpc/context.js';
import { isConnectionError } from '../trpc/errors.js';
import { metrics } from '../observability/metrics.js';

/** Reads routed to the replica, and those that fell back to the primary because it was unreachable. */
export const replicaReads = metrics.counter('fz_db_replica_reads_total', 'Read-only requests (dashboards) by where they ran: replica, or primary after a replica connection failure', ['target']);

/** After a connection failure the replica is left alone this long, so a dead one costs one slow request, not every request. */
export const REPLICA_BACKOFF_MS = 30_000;

export type ScopedRunner = <T>(scope: Scope, fn: (tx: Tx) => Promise<T>) => Promise<T>;

export interface ReadRouting {
  primary: Db;
  /** DATABASE_REPLICA_URL's database; undefined = every read runs on the primary. */
  replica?: Db;
  log: Pick<Logger, 'warn'>;
  now?: () => number;
}

/**
 * The runner for read-only work that may lag the primary by a moment (dashboards over rollups):
 * one READ ONLY transaction under the same RLS scope as every request, on the replica when one
 * is configured. A replica that cannot be reached (connection refused, lost, timed out) does not
 * fail the request: the work reruns on the primary (it is read-only, so running it twice is
 * harmless) and the replica is skipped for REPLICA_BACKOFF_MS. SQL errors are not retried.
 */
export function readRunner(r: ReadRouting): ScopedRunner {
  const now = r.now ?? Date.now;
  let skipUntil = -Infinity;
  const onPrimary: ScopedRunner = (scope, fn) => withScope(r.primary, scope, fn, { readOnly: true });
  if (!r.replica) return onPrimary;
  const replica = r.replica;
  return async (scope, fn) => {
    if (now() < skipUntil) {
      replicaReads.inc({ target: 'primary_fallback' });
      return onPrimary(scope, fn);
    }
    try {
      const result = await withScope(replica, scope, fn, { readOnly: true });
      replicaReads.inc({ target: 'replica' });
      return result;
    } catch (e) {
      if (!isConnectionError(e)) throw e;
      skipUntil = now() + REPLICA_BACKOFF_MS;
      r.log.warn({ err: e instanceof Error ? e.message : String(e) }, `read replica unreachable: dashboards read the primary for ${REPLICA_BACKOFF_MS / 1000} s`);
      replicaReads.inc({ target: 'primary_fallback' });
      return onPrimary(scope, fn);
    }
  };
}

import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Put at the start or the end of a statement's text (`sql` templates, or Kysely's
 * `modifyEnd`) to have it run as a named prepared statement on
 * PostgreSQL: parsed and planned once per connection instead of on every call. Only for hot
 * statements of a fixed shape (a few variants at most): each distinct text stays prepared on
 * every pooled connection for the connection's life. Plans still follow RLS (PostgreSQL
 * re-plans a statement run under another role) and settings are read when it executes. Measured
 * on the dashboard statement under RLS: planning was about two thirds of its cost.
 */
export const PREPARED = '/* fz:prepared */';

const nameOf = (text: string) => `fz_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;

/**
 * Named statements kept per connection at most; past this a marked statement runs unnamed.
 * Statements whose text varies with their input (a list's filters) could otherwise grow the
 * server's memory without bound.
 */
const MAX_PREPARED_PER_CONNECTION = 100;

/** A pooled pg client that sends PREPARED-marked statements as named ones (pg keeps them per connection). */
class PreparingClient implements PostgresPoolClient {
  private readonly prepared = new Set<string>();

  constructor(private readonly client: pg.PoolClient) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(arg: string | PostgresCursor<R>, parameters: ReadonlyArray<unknown> = []): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Kysely's contract and pg's result shape agree at run time; their declared types do not.
    const client = this.client as unknown as PostgresPoolClient & { query(config: pg.QueryConfig): Promise<PostgresQueryResult<R>> };
    if (typeof arg !== 'string') return client.query(arg);
    if (!arg.startsWith(PREPARED) && !arg.endsWith(PREPARED)) return client.query<R>(arg, parameters);
    const name = nameOf(arg);
    if (!this.prepared.has(name)) {
      if (this.prepared.size >= MAX_PREPARED_PER_CONNECTION) return client.query<R>(arg, parameters);
      this.prepared.add(name);
    }
    return client.query({ name, text: arg, values: [...parameters] });
  }

  release(): void {
    this.client.release();
  }
}

/** `pool` for Kysely, with PREPARED statements prepared; one wrapper per pg client, as Kysely caches per client. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PreparingClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrappers.get(client);
      if (!w) wrappers.set(client, (w = new PreparingClient(client)));
      return w;
    },
    end: () => pool.end(),
  };
}

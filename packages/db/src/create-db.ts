import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { CompiledQuery, LogEvent } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';
import { preparingPool } from './prepared.js';

export interface DbConfig {
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data folder (created if missing); in-memory when undefined. Ignored with databaseUrl. */
  dataDir?: string;
  /** Maximum pooled connections (pg only; default 10). */
  poolMax?: number;
  /** Called with every statement Kysely runs (tools that study the SQL, e.g. `pnpm bench:explain`). */
  onQuery?: (query: CompiledQuery) => void;
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: 'pg' | 'pglite';
  /** True when the database answers `select 1` within a few seconds. */
  ping(): Promise<boolean>;
  /**
   * Runs SQL text as given, for libraries that bring their own SQL (the job queue). Without
   * values the text may hold several statements, even BEGIN … COMMIT. On PGlite it waits for
   * `db`'s open transaction and holds the single connection while it runs.
   */
  executeSql(text: string, values?: readonly unknown[]): Promise<SqlResult>;
  /** The pg pool's connections now (for metrics); null on PGlite, which has one connection and no pool. */
  poolStats(): PoolStats | null;
  /** Closes the pool or the embedded database; safe to call more than once. */
  close(): Promise<void>;
}

export interface PoolStats {
  /** Open connections, busy or idle. */
  total: number;
  idle: number;
  /** Queries waiting for a free connection: above zero for long, the pool is too small. */
  waiting: number;
}

export interface SqlResult {
  rows: unknown[];
}

const INT8 = 20;
const DATE = 1082;
const PING_TIMEOUT_MS = 3000;
// bigint (audit ids, count(*)) stays a string: a JS number would silently lose precision.
// A DATE stays 'yyyy-mm-dd': parsed into a Date it would shift with the process time zone.
const keepText = (value: string): string => value;

function pgPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 10_000,
    // Per pool rather than pg.types.setTypeParser, which would change every pg user in the process.
    types: { getTypeParser: (oid, format) => (oid === INT8 || oid === DATE ? keepText : pg.types.getTypeParser(oid, format)) },
  });
  // An idle client losing its server (restart, failover) must not crash the process; the pool
  // discards it and the next query reconnects.
  pool.on('error', (err) => console.warn(`PostgreSQL idle client error: ${err.message}`));
  // A client checked out by a query emits 'error' too when its server goes away; without a
  // listener that is an uncaught exception that takes the process down. The query itself
  // rejects and the request answers 503.
  pool.on('connect', (client) => client.on('error', (err) => console.warn(`PostgreSQL client error: ${err.message}`)));
  return pool;
}

async function pglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  // PGlite returns int8 as number or bigint by magnitude; match pg (always a string).
  return PGlite.create({ dataDir, extensions: { ltree }, parsers: { [INT8]: keepText, [DATE]: keepText } });
}

function pgExecutor(pool: pg.Pool): DbHandle['executeSql'] {
  return async (text, values) => {
    const client = await pool.connect();
    let failed = false;
    try {
      const result: pg.QueryResult | pg.QueryResult[] = await client.query(text, values === undefined ? undefined : [...values]);
      // Several statements answer with one result each; callers read the last.
      return { rows: (Array.isArray(result) ? result.at(-1) : result)?.rows ?? [] };
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      // A failed text may have left its BEGIN open: discard that connection, as pool.query does.
      client.release(failed);
    }
  };
}

function pgliteExecutor(db: Kysely<Database>, client: PGlite): DbHandle['executeSql'] {
  // Holding a Kysely connection queues this behind (and ahead of) every Kysely query and transaction.
  return (text, values) =>
    db.connection().execute(async () => {
      try {
        if (values !== undefined && values.length > 0) return { rows: (await client.query(text, [...values])).rows };
        return { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
      } catch (e) {
        // The only connection: a BEGIN left open by a failed text would swallow the next user's work.
        if (client.isInTransaction()) await client.exec('rollback').catch(() => undefined);
        throw e;
      }
    });
}

/**
 * Opens the database: PostgreSQL through a pg pool when `databaseUrl` is set, otherwise
 * PGlite (PostgreSQL in WASM, with ltree) in `dataDir`, or in memory. PGlite has a single
 * connection: the dialect queues every query and holds the connection for a whole
 * transaction, so concurrent transactions run one after another. Never await a query on `db`
 * inside a transaction on PGlite (it waits for the transaction to end: a deadlock).
 */
export async function createDb(config: DbConfig = {}): Promise<DbHandle> {
  let db: Kysely<Database>;
  let kind: DbHandle['kind'];
  let executeSql: DbHandle['executeSql'];
  let poolStats: DbHandle['poolStats'] = () => null;
  if (config.databaseUrl) {
    kind = 'pg';
    const pool = pgPool(config.databaseUrl, config.poolMax ?? 10);
    const onQuery = config.onQuery;
    const log = onQuery ? (e: LogEvent) => void (e.level === 'query' && onQuery(e.query)) : undefined;
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), ...(log ? { log } : {}) });
    executeSql = pgExecutor(pool);
    poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  } else {
    kind = 'pglite';
    const client = await pglite(config.dataDir);
    db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    executeSql = pgliteExecutor(db, client);
  }
  let closing: Promise<void> | undefined;
  return {
    db,
    kind,
    executeSql,
    poolStats,
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      const probe = sql<{ ok: number }>`select 1 as ok`.execute(db).then(
        (r) => r.rows[0]?.ok === 1,
        () => false,
      );
      try {
        return await Promise.race([probe, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= db.destroy();
      return closing;
    },
  };
}

import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';

export interface DbConfig {
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data folder (created if missing); in-memory when undefined. Ignored with databaseUrl. */
  dataDir?: string;
  /** Maximum pooled connections (pg only; default 10). */
  poolMax?: number;
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: 'pg' | 'pglite';
  /** True when the database answers `select 1` within a few seconds. */
  ping(): Promise<boolean>;
  /** Closes the pool or the embedded database; safe to call more than once. */
  close(): Promise<void>;
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
  return pool;
}

async function pglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  // PGlite returns int8 as number or bigint by magnitude; match pg (always a string).
  return PGlite.create({ dataDir, extensions: { ltree }, parsers: { [INT8]: keepText, [DATE]: keepText } });
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
  if (config.databaseUrl) {
    kind = 'pg';
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pgPool(config.databaseUrl, config.poolMax ?? 10) }) });
  } else {
    kind = 'pglite';
    db = new Kysely<Database>({ dialect: new PGliteDialect(await pglite(config.dataDir)) });
  }
  let closing: Promise<void> | undefined;
  return {
    db,
    kind,
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

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDb } from '../create-db.js';
import type { DbHandle } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import type { Database } from '../schema.js';

export type Seed = (db: Kysely<Database>) => Promise<void>;

export interface TestDatabaseOptions {
  /** Runs once into the template; every copy starts with its rows. */
  seed?: Seed;
  /** Names the seeded template; change it when the seed's behaviour changes. */
  templateKey?: string;
  /** Pool size of the returned `db` (default 5). */
  poolMax?: number;
}

export interface TestDatabase {
  url: string;
  db: Kysely<Database>;
  /** Destroys the pool and drops the database. */
  close(): Promise<void>;
}

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY_MS = 86_400_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const stamp = () => Date.now().toString(36);
const uniqueName = (prefix: string) => `${prefix}_${stamp()}_${randomBytes(4).toString('hex')}`;

function urlFor(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Admin work runs on the `postgres` database, where the advisory locks of every process meet. */
async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The template's name hashes the migrations' names and source, the key and the seed's source:
 * editing a migration during development yields a new template instead of a stale one.
 */
function templateName(opts: TestDatabaseOptions): string {
  const h = createHash('sha256');
  for (const [name, m] of Object.entries(migrations).sort(([a], [b]) => a.localeCompare(b))) h.update(`${name}\0${m.up.toString()}\0`);
  h.update(`key\0${opts.templateKey ?? ''}\0seed\0${opts.seed?.toString() ?? ''}`);
  return `fz_tpl_${h.digest('hex').slice(0, 16)}`;
}

async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  return (rowCount ?? 0) > 0;
}

/**
 * Builds under a temporary name and renames when complete, so a crash mid-build never leaves a
 * half-made template under the real name. The pool is closed before the rename: CREATE
 * DATABASE … TEMPLATE (and RENAME) refuse while anyone is connected.
 */
async function buildTemplate(admin: pg.Client, template: string, seed: Seed | undefined): Promise<void> {
  const building = uniqueName('fz_build');
  await admin.query(`create database ${quote(building)}`);
  try {
    const h = await createDb({ databaseUrl: urlFor(building), poolMax: 2 });
    try {
      await migrateToLatest(h.db);
      if (seed) await seed(h.db);
    } finally {
      await h.close();
    }
    await admin.query(`alter database ${quote(building)} rename to ${quote(template)}`);
    await admin.query(`comment on database ${quote(template)} is ${pg.escapeLiteral(`fz test template ${stamp()}`)}`);
  } catch (e) {
    await admin.query(`drop database if exists ${quote(building)} with (force)`).catch(() => undefined);
    throw e;
  }
}

/** Test databases and builds older than a day, and templates unused for a week, are leftovers of earlier runs. */
async function dropStale(admin: pg.Client, keep: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string; note: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as note from pg_database where datname ~ '^fz_(test|build|tpl)_'`,
  );
  const now = Date.now();
  for (const { datname, note } of rows) {
    const born = datname.startsWith('fz_tpl_') ? /template (\w+)$/.exec(note ?? '')?.[1] : datname.split('_')[2];
    const age = now - parseInt(born ?? '', 36);
    const limit = datname.startsWith('fz_tpl_') ? 7 * DAY_MS : DAY_MS;
    if (datname === keep || !(age > limit)) continue;
    // Another process may be dropping or using it; a leftover is not worth failing a test.
    await admin.query(`drop database if exists ${quote(datname)} with (force)`).catch(() => undefined);
  }
}

const templates = new Map<string, Promise<void>>();

function ensureTemplate(template: string, seed: Seed | undefined): Promise<void> {
  let ready = templates.get(template);
  if (!ready) {
    ready = withAdmin(async (admin) => {
      // Vitest processes of several packages start together: one builds, the others wait.
      await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
      try {
        if (!(await databaseExists(admin, template))) await buildTemplate(admin, template, seed);
        await dropStale(admin, template);
      } finally {
        await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
      }
    });
    ready.catch(() => templates.delete(template));
    templates.set(template, ready);
  }
  return ready;
}

async function copyTemplate(template: string, name: string): Promise<void> {
  await withAdmin(async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${quote(name)} template ${quote(template)}`);
        return;
      } catch (e) {
        // 55006: the template is briefly in use (e.g. an autovacuum worker); wait and retry.
        const busy = e instanceof Error && 'code' in e && e.code === '55006';
        if (!busy || attempt >= 30) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
}

/**
 * A fresh database on the local PostgreSQL (`TEST_DATABASE_URL`), copied from a migrated and
 * optionally seeded template that is built once per migration set, key and seed.
 */
export async function createTestDatabase(opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const template = templateName(opts);
  await ensureTemplate(template, opts.seed);
  const name = uniqueName('fz_test');
  await copyTemplate(template, name);
  const url = urlFor(name);
  const handle = await createDb({ databaseUrl: url, poolMax: opts.poolMax ?? 5 });
  let closing: Promise<void> | undefined;
  return {
    url,
    db: handle.db,
    close() {
      closing ??= handle.close().then(() => withAdmin(async (admin) => void (await admin.query(`drop database if exists ${quote(name)} with (force)`))));
      return closing;
    },
  };
}

/** An in-memory PGlite database, migrated (and seeded when asked). */
export async function createPgliteTestDb(seed?: Seed): Promise<DbHandle> {
  const handle = await createDb({});
  try {
    await migrateToLatest(handle.db);
    if (seed) await seed(handle.db);
    return handle;
  } catch (e) {
    await handle.close();
    throw e;
  }
}

export { ancestorsOf, insertFixtureTree } from './fixture.js';

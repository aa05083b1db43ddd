import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateToLatest, seedDemo, withScope } from '@fz/db';
import type { DbHandle } from '@fz/db';
import { startJobs } from '../src/jobs/queue.js';
import { sweepOverdue } from '../src/jobs/overdue-sweep.js';
import { LocalDiskStorage } from '../src/storage/local-disk.js';
import { schemaStatus } from '../src/ops/schema-status.js';
import { loginAs, servicesFor, silentLog } from './helpers.js';
import { itemWith } from './jobs-fixture.js';
import { TODAY, inDays, unitIdOf } from './rect-helpers.js';
import { snapshot } from './db-snapshot.js';
import type { DbSnapshot } from './db-snapshot.js';

/**
 * The procedure of docs/deploy.md, in the production role model: the application's owner is a
 * login role that is no superuser (fz_app and fz_jobs made beforehand, as infra/compose/initdb
 * does), migrates and seeds its database, dumps it with `pg_dump -Fc --enable-row-security`
 * and restores it with `pg_restore` into a new database it owns. A superuser then finds every
 * row of every table, sequences, row-level security, policies, grants and triggers equal.
 */
const run = promisify(execFile);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_BIN = process.env.PG_BIN ?? '/usr/bin';
const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
// Named like the test databases, so the next run drops a leftover of an interrupted one.
const SOURCE = `fz_test_${suffix}_src`;
const RESTORED = `fz_test_${suffix}_dst`;
const OWNER = `fz_backup_owner_${suffix}`;
const dir = mkdtempSync(path.join(tmpdir(), 'fz-backup-'));
const dumpFile = path.join(dir, 'fz.dump');

const urlOf = (db: string, user?: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${db}`;
  if (user) u.username = user;
  return u.toString();
};

/** Database and role statements, as the test cluster's superuser (outside any transaction). */
async function admin(...statements: string[]): Promise<void> {
  const { db, close } = await createDb({ databaseUrl: ADMIN_URL, poolMax: 1 });
  try {
    for (const s of statements) await sql.raw(s).execute(db);
  } finally {
    await close();
  }
}

let source: DbHandle;
let restored: DbHandle;
let before: DbSnapshot;
let after: DbSnapshot;

beforeAll(async () => {
  await admin(`create role "${OWNER}" login nosuperuser nocreatedb nocreaterole nobypassrls`, `grant fz_app, fz_jobs to "${OWNER}"`, `create database "${SOURCE}" owner "${OWNER}"`);
  source = await createDb({ databaseUrl: urlOf(SOURCE, OWNER), poolMax: 4 });
  await migrateToLatest(source.db);
  await seedDemo(source.db);
  // Some life: sessions, login audit rows, an overdue item with its timeline, audit and reminder, the queue's tables.
  await loginAs(servicesFor(source.db), 'hedong');
  const unitId = await unitIdOf(source.db, 371312, '河东区司法局');
  await itemWith(source.db, { code: '371312', unitId, deadline: inDays(-2) });
  await sweepOverdue(source.db, TODAY, { runId: 'backup-test' });
  const jobs = await startJobs({ handle: source, storage: new LocalDiskStorage(path.join(dir, 'files')), today: () => TODAY, log: silentLog });
  await jobs.stop();
  await source.close();

  before = await snapshot(urlOf(SOURCE));
  await run(path.join(PG_BIN, 'pg_dump'), ['--format=custom', '--enable-row-security', `--file=${dumpFile}`, `--dbname=${urlOf(SOURCE, OWNER)}`]);
  await admin(`create database "${RESTORED}" owner "${OWNER}"`);
  await run(path.join(PG_BIN, 'pg_restore'), ['--exit-on-error', '--single-transaction', `--dbname=${urlOf(RESTORED, OWNER)}`, dumpFile]);
  after = await snapshot(urlOf(RESTORED));
  restored = await createDb({ databaseUrl: urlOf(RESTORED, OWNER), poolMax: 2 });
}, 300_000);

afterAll(async () => {
  await restored?.close();
  await source?.close();
  await admin(`drop database if exists "${SOURCE}" with (force)`, `drop database if exists "${RESTORED}" with (force)`, `drop role if exists "${OWNER}"`);
  rmSync(dir, { recursive: true, force: true });
});

describe('backup with pg_dump and restore with pg_restore', () => {
  it('writes a custom-format dump', () => {
    expect(statSync(dumpFile).size).toBeGreaterThan(100_000);
  });

  it('restores every row of every table, the job queue’s included', () => {
    expect(Object.keys(after.tables)).toEqual(Object.keys(before.tables));
    expect(after.tables).toEqual(before.tables);
    for (const t of ['public.jurisdictions', 'public.units', 'public.users', 'public.sessions', 'public.rectification_items', 'public.item_events', 'public.notices', 'pgboss.job']) {
      expect([t, before.tables[t]?.rows]).toEqual([t, expect.any(Number)]);
      expect(before.tables[t]!.rows, t).toBeGreaterThan(0);
    }
  });

  it('restores every audit entry unchanged', () => {
    expect(before.tables['public.audit_log']!.rows).toBeGreaterThan(0);
    expect(after.tables['public.audit_log']).toEqual(before.tables['public.audit_log']);
  });

  it('restores sequences, so new rows do not collide with restored ones', () => {
    expect(Object.keys(before.sequences).length).toBeGreaterThan(5);
    expect(after.sequences).toEqual(before.sequences);
  });

  it('keeps row-level security forced, every policy, grant and trigger', () => {
    expect(before.rowSecurity.length).toBeGreaterThan(10);
    for (const line of before.rowSecurity) expect(line).toMatch(/enabled=true forced=true$/);
    expect(after.rowSecurity).toEqual(before.rowSecurity);
    expect(after.policies).toEqual(before.policies);
    expect(after.grants).toEqual(before.grants);
    expect(before.grants.some((g) => g.startsWith('public.rectification_items.overdue_since fz_jobs UPDATE'))).toBe(true);
    expect(after.triggers).toEqual(before.triggers);
  });

  it('enforces tenant isolation in the restored database', async () => {
    const seen = await withScope(restored.db, { userId: 1, level: 'county', jurisdictionId: 371312 }, async (tx) => {
      const { rows } = await sql<{ mine: number; others: number }>`
        select count(*) filter (where county_id = 371312)::int as mine, count(*) filter (where county_id is distinct from 371312)::int as others from units`.execute(tx);
      return rows[0]!;
    });
    expect(seen.mine).toBeGreaterThan(0);
    expect(seen.others).toBe(0);
    const tamper = withScope(restored.db, { userId: 1, level: 'county', jurisdictionId: 371312 }, (tx) => sql`update audit_log set action = 'x'`.execute(tx));
    await expect(tamper).rejects.toThrow(/permission denied|append-only/);
  });

  it('reports the application’s migrations up to date', async () => {
    expect(await schemaStatus(restored.db)).toEqual({ pending: [], unknown: [] });
    expect(await migrateToLatest(restored.db)).toEqual([]);
  });

  it('needs --enable-row-security when the owner dumps (forced RLS applies to owners)', async () => {
    const plain = run(path.join(PG_BIN, 'pg_dump'), ['--format=custom', `--file=${path.join(dir, 'plain.dump')}`, `--dbname=${urlOf(SOURCE, OWNER)}`]);
    await expect(plain).rejects.toThrow(/row-level security/);
  });
});

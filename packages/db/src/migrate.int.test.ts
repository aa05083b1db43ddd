import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from './schema.js';
import { migrateToLatest, MIGRATIONS } from './migrate.js';
import { createPgliteTestDb, createTestDatabase } from './testing/index.js';

const TABLES = [
  'annual_report_events', 'annual_reports', 'application_events', 'application_files', 'applications', 'assessments', 'attachments', 'audit_log', 'campaigns', 'indicator_nodes', 'indicator_systems', 'indicator_versions', 'inspection_targets', 'inspections', 'item_events', 'item_rollup_counts', 'item_rollup_due', 'item_rollup_months', 'jurisdictions',
  'ledger_exports', 'light_rules', 'login_failures', 'metric_value_files', 'metric_values', 'metrics', 'notice_receipts', 'notices', 'onboarding_credentials', 'onboarding_imports', 'plan_assignments', 'plan_reminders', 'plan_report_files', 'plan_reports', 'plan_task_units', 'plan_tasks', 'plans', 'progress_reports', 'rectification_items', 'role_memberships', 'sessions', 'units', 'users',
];
/** Every table but sessions and login_failures (owner-only, never reached by the API role). */
const FORCED = TABLES.filter((t) => t !== 'sessions' && t !== 'login_failures');

async function check(db: Kysely<Database>) {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely%' order by 1`.execute(db);
  expect(tables.rows.map((r) => r.table_name)).toEqual(TABLES);
  const forced = await sql<{ relname: string }>`select relname from pg_class where relforcerowsecurity and relrowsecurity order by 1`.execute(db);
  expect(forced.rows.map((r) => r.relname)).toEqual(FORCED);
  const app = await sql<{ rolbypassrls: boolean; rolsuper: boolean }>`select rolbypassrls, rolsuper from pg_roles where rolname = 'fz_app'`.execute(db);
  expect(app.rows[0]).toEqual({ rolbypassrls: false, rolsuper: false });
  // Running again is a no-op.
  expect(await migrateToLatest(db)).toEqual([]);
  const ltree = await sql<{ ok: boolean }>`select '37.3713.371312'::ltree <@ '37'::ltree as ok`.execute(db);
  expect(ltree.rows[0]?.ok).toBe(true);
}

describe('migrations', () => {
  it('the same migrations run on PostgreSQL', async () => {
    const env = await createTestDatabase();
    try {
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(env.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
      await check(env.db);
    } finally {
      await env.close();
    }
  });

  it('and on the embedded PGlite', async () => {
    const env = await createPgliteTestDb();
    try {
      await check(env.db);
    } finally {
      await env.close();
    }
  });
});

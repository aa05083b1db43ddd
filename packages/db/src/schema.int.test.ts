import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './schema.js';
import { withScope, withSystem, writeAudit } from './scope.js';
import { ancestorsOf, createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';

/** Every column of schema.ts; the type below fails to compile when one is missing here. */
const COLUMNS = {
  jurisdictions: ['id', 'code', 'name', 'level', 'kind', 'parent_id', 'path', 'province_id', 'city_id', 'county_id', 'township_id', 'sort_order', 'created_at'],
  units: ['id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'name', 'short_name', 'kind', 'sort_order', 'is_active', 'version', 'created_at', 'updated_at'],
  users: ['id', 'username', 'display_name', 'unit_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'password_hash', 'is_active', 'must_change_password', 'is_demo', 'password_changed_at', 'version', 'created_at', 'updated_at'],
  role_memberships: ['id', 'user_id', 'role', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'created_at'],
  sessions: ['id', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at', 'ip', 'user_agent'],
  login_failures: ['username', 'failed_count', 'first_failed_at', 'locked_until'],
  audit_log: ['id', 'at', 'actor_user_id', 'actor_username', 'jurisdiction_id', 'unit_id', 'province_id', 'city_id', 'county_id', 'township_id', 'action', 'subject_type', 'subject_id', 'before', 'after', 'request_id', 'ip'],
  inspections: ['id', 'supervising_jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'supervising_name', 'type', 'title', 'period_start', 'period_end', 'team', 'status', 'version', 'created_by', 'created_at', 'updated_at'],
  inspection_targets: ['inspection_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'created_at'],
  rectification_items: [
    'id', 'inspection_id', 'target_jurisdiction_id', 'number', 'problem', 'category', 'requirement', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id',
    'supervising_jurisdiction_id', 'unit_id', 'deadline', 'original_deadline', 'measures', 'status', 'flagged', 'flagged_at', 'flag_reason', 'overdue_since',
    'pending_extension_deadline', 'pending_extension_reason', 'pending_extension_note', 'pending_extension_requested_at', 'closed_at', 'version', 'created_by', 'created_at', 'updated_at',
  ],
  item_events: ['id', 'item_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'at', 'actor_user_id', 'actor_name', 'actor_unit_name', 'event', 'from_status', 'to_status', 'reason', 'note', 'payload'],
  attachments: ['id', 'item_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'sha256', 'size_bytes', 'mime', 'original_name', 'storage_key', 'uploaded_by', 'uploaded_by_name', 'created_at'],
  notices: ['id', 'item_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'unit_id', 'from_jurisdiction_id', 'from_user_id', 'from_name', 'text', 'requires_reply', 'reply_by', 'sent_at', 'kind', 'reminder_day'],
  notice_receipts: ['notice_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'unit_id', 'read_at', 'read_by', 'reply', 'replied_at', 'replied_by', 'replied_by_name'],
  light_rules: ['jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'yellow_within_days', 'version', 'updated_by', 'updated_at'],
  item_rollup_counts: [
    'node_id', 'parent_id', 'province_id', 'city_id', 'county_id', 'township_id', 'year', 'inspection_type', 'issued', 'acknowledged', 'in_progress', 'closure_requested', 'returned', 'closed',
    'ongoing', 'overdue', 'flagged', 'extension_pending', 'closed_on_time',
  ],
  item_rollup_months: ['node_id', 'parent_id', 'province_id', 'city_id', 'county_id', 'township_id', 'inspection_type', 'month', 'created', 'closed', 'closed_on_time'],
  item_rollup_due: ['node_id', 'parent_id', 'province_id', 'city_id', 'county_id', 'township_id', 'year', 'yellow_from', 'deadline', 'rule_of_law', 'special', 'case_file_review', 'unannounced', 'onsite'],
  indicator_systems: ['id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'name', 'participant_level', 'description', 'created_by', 'created_at'],
  indicator_versions: ['id', 'system_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'version_no', 'status', 'pass_line', 'satisfaction_pct', 'notes', 'published_at', 'version', 'created_by', 'created_at', 'updated_at'],
  indicator_nodes: ['id', 'version_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'parent_id', 'level', 'code', 'name', 'max_score', 'guidance', 'evidence', 'veto', 'sort_order'],
  campaigns: [
    'id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'owner_name', 'name', 'year', 'version_id', 'participant_level', 'submit_deadline', 'review_deadline', 'target_numerator', 'target_denominator',
    'pass_line', 'veto_fails', 'description', 'version', 'created_by', 'created_at', 'updated_at',
  ],
  applications: [
    'id', 'campaign_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'reviewer_jurisdiction_id', 'owner_jurisdiction_id', 'version_id', 'status', 'satisfaction_score', 'evaluation_comment',
    'evaluated_at', 'submitted_at', 'decided_at', 'version', 'created_at', 'updated_at',
  ],
  assessments: [
    'id', 'application_id', 'indicator_id', 'version_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'self_score', 'explanation', 'assessed_at', 'assessed_by_name', 'reviewed_score',
    'review_comment', 'veto_hit', 'reviewed_at', 'reviewed_by_name', 'version', 'created_at', 'updated_at',
  ],
  progress_reports: ['id', 'application_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'text', 'author_user_id', 'author_name', 'author_unit_name', 'created_at'],
  application_files: ['id', 'application_id', 'assessment_id', 'report_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'sha256', 'size_bytes', 'mime', 'original_name', 'storage_key', 'uploaded_by', 'uploaded_by_name', 'created_at'],
  application_events: ['id', 'application_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'at', 'actor_user_id', 'actor_name', 'actor_unit_name', 'event', 'from_status', 'to_status', 'reason', 'note', 'payload'],
  plans: [
    'id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'issuer_name', 'title', 'kind', 'period_start', 'period_end', 'report_cycle', 'report_grace_days', 'sections', 'status', 'source_name',
    'idempotency_key', 'published_at', 'published_by', 'version', 'created_by', 'created_at', 'updated_at',
  ],
  plan_tasks: ['id', 'plan_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'position', 'section_index', 'number', 'title', 'text', 'all_children', 'note', 'deadline', 'upper_task_id', 'created_at'],
  plan_task_units: ['task_id', 'plan_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'position', 'unit_id', 'unit_name', 'is_lead'],
  plan_assignments: ['id', 'plan_id', 'task_id', 'issuer_jurisdiction_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'unit_id', 'kind', 'is_lead', 'created_at'],
  plan_reports: ['id', 'assignment_id', 'plan_id', 'task_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'unit_id', 'period', 'text', 'percent', 'reported_on', 'reported_by', 'reported_by_name', 'version', 'created_at', 'updated_at'],
  plan_report_files: ['id', 'report_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'sha256', 'size_bytes', 'mime', 'original_name', 'storage_key', 'uploaded_by', 'uploaded_by_name', 'created_at'],
  plan_reminders: ['id', 'assignment_id', 'plan_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'unit_id', 'period', 'reminder_day', 'from_name', 'sent_by', 'sent_at'],
  metrics: [
    'id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'owner_name', 'code', 'name', 'unit', 'kind', 'direction', 'target_op', 'target_value', 'cycle', 'reporting_levels',
    'numerator_label', 'denominator_label', 'description', 'group_name', 'sort_order', 'status', 'published_at', 'version', 'created_by', 'created_at', 'updated_at',
  ],
  metric_values: [
    'id', 'metric_id', 'owner_jurisdiction_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'level', 'period', 'numerator', 'denominator', 'note', 'reported_by',
    'reported_by_name', 'version', 'created_at', 'updated_at',
  ],
  metric_value_files: ['id', 'value_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'sha256', 'size_bytes', 'mime', 'original_name', 'storage_key', 'uploaded_by', 'uploaded_by_name', 'created_at'],
  annual_reports: [
    'id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'level', 'issuer_name', 'reviewer_jurisdiction_id', 'reviewer_name', 'year', 'title', 'issuing_body', 'issue_date',
    'intro', 'measures', 'first_responsible', 'problems', 'next_year', 'figures', 'figures_generated_at', 'status', 'return_reason', 'submitted_at', 'reviewed_at', 'reviewed_by_name', 'published_at',
    'version', 'created_by', 'created_at', 'updated_at',
  ],
  annual_report_events: ['id', 'report_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'event', 'from_status', 'to_status', 'reason', 'actor_user_id', 'actor_name', 'actor_unit_name', 'at'],
  onboarding_imports: [
    'id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'uploaded_by', 'uploaded_by_name', 'file_name', 'sha256', 'size_bytes', 'file_data', 'status', 'total_rows',
    'processed_rows', 'unit_rows', 'user_rows', 'units_created', 'users_created', 'error_count', 'errors', 'failure', 'request_id', 'created_at', 'started_at', 'finished_at', 'updated_at',
  ],
  ledger_exports: [
    'id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'requested_by', 'requested_by_name', 'request_key', 'filter', 'status', 'total_rows', 'processed_rows', 'file_name',
    'file_data', 'size_bytes', 'failure', 'created_at', 'started_at', 'finished_at', 'updated_at', 'expires_at',
  ],
  onboarding_credentials: ['import_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'uploaded_by', 'credentials', 'expires_at', 'created_at'],
} as const satisfies { [T in keyof Database]: readonly (keyof Database[T] & string)[] };
type Missing = { [T in keyof Database]: Exclude<keyof Database[T], (typeof COLUMNS)[T][number]> }[keyof Database];
const exhaustive: [Missing] extends [never] ? true : Missing = true;

const CODES = ['37', '3713', '371312', '371312001', '371312004', '371302'];
const county = { userId: 1, level: 'county', jurisdictionId: 371312 } as const;

function pgCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return `${pgCode(e) ?? '?'} ${e instanceof Error ? e.message : String(e)}`;
  }
  return 'no error';
}

function suite(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  describe(`schema and grants (${name})`, () => {
    let db: Kysely<Database>;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ db, close } = await open());
      await insertFixtureTree(db, CODES);
    });
    afterAll(() => close());

    it('has exactly the columns of schema.ts', async () => {
      expect(exhaustive).toBe(true);
      const { rows } = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = 'public' and table_name not like 'kysely%' order by table_name, column_name`.execute(db);
      const actual: Record<string, string[]> = {};
      for (const r of rows) (actual[r.table_name] ??= []).push(r.column_name);
      const expected = Object.fromEntries(Object.entries(COLUMNS).map(([t, cols]) => [t, [...cols].sort()]));
      expect(actual).toEqual(expected);
    });

    it('keeps tenant rows consistent with their jurisdiction (RLS trusts these columns)', async () => {
      const unit = { name: '错位单位', short_name: '错位', kind: 'other' as const };
      // A sibling township's unit filed with our county's columns would be visible to us.
      const wrongCounty = { ...ancestorsOf('371312004'), county_id: 371302 };
      expect(await failure(db.insertInto('units').values({ ...unit, jurisdiction_id: 371312004, ...wrongCounty }).execute())).toMatch(/^23503/);
      const wrongLevel = { id: 371399, code: '371399', name: 'x', level: 'township' as const, kind: 'regular' as const, parent_id: 3713, path: '37.3713.371399', ...ancestorsOf('371399') };
      expect(await failure(db.insertInto('jurisdictions').values(wrongLevel).execute())).toMatch(/^23514/);
    });

    it('stores user names in lower case only', async () => {
      const unit = await db.selectFrom('units').select(['id']).where('jurisdiction_id', '=', 371312).executeTakeFirstOrThrow();
      const user = { display_name: 'x', unit_id: unit.id, jurisdiction_id: 371312, password_hash: 'x', ...ancestorsOf('371312') };
      expect(await failure(db.insertInto('users').values({ ...user, username: 'Hedong' }).execute())).toMatch(/^23514/);
      await db.insertInto('users').values({ ...user, username: 'hedong' }).execute();
    });

    it('gives the API role nothing on sessions and login failures, and read-only jurisdictions', async () => {
      for (const table of ['sessions', 'login_failures'] as const) {
        expect(await failure(withScope(db, county, (tx) => tx.selectFrom(table).selectAll().execute()))).toMatch(/^42501 permission denied/);
      }
      expect(await failure(withScope(db, county, (tx) => tx.updateTable('jurisdictions').set({ name: 'x' }).execute()))).toMatch(/^42501 permission denied/);
      const seen = await withScope(db, county, (tx) => tx.selectFrom('jurisdictions').select('id').orderBy('id').execute());
      expect(seen.map((j) => j.id)).toEqual([371312, 371312001, 371312004]);
    });

    it('writeAudit stores JSON values (or JSON text) and returns the bigint id as a string', async () => {
      const base = { jurisdiction_id: 371312, ...ancestorsOf('371312'), action: 'unit.update', subject_type: 'Unit', subject_id: '1' };
      const id = await withScope(db, county, (tx) => writeAudit(tx, { ...base, before: { name: '旧' }, after: '{"name":"新"}' }));
      expect(id).toMatch(/^\d+$/);
      const row = await withSystem(db, (tx) => tx.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      expect(row).toMatchObject({ id, before: { name: '旧' }, after: { name: '新' }, actor_user_id: null });
      expect(row.at).toBeInstanceOf(Date);
      const { rows } = await sql<{ n: unknown }>`select count(*) as n from audit_log`.execute(db);
      expect(rows[0]?.n).toBe('1');
    });

    it('refuses TRUNCATE of the audit log, even to the owner', async () => {
      expect(await failure(sql`truncate audit_log`.execute(db))).toMatch(/append-only/);
    });
  });
}

suite('PostgreSQL', () => createTestDatabase());
suite('PGlite', () => createPgliteTestDb());

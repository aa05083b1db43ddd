import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '@fz/domain';
import type { Database } from './schema.js';
import { withScope } from './scope.js';
import { ancestorsOf, createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';

const CODES = ['37', '3713', '371312', '371312001', '371312004', '371302'];

/**
 * 临沂市 (3713) published a plan and keeps a draft; 河东区 (371312) published a plan whose task
 * implements the city's and went to its own unit and to 371312001, which reported; 兰山区
 * (371302) published one of its own.
 */
async function fixture(db: Kysely<Database>) {
  await insertFixtureTree(db, CODES);
  const unitOf = async (code: string) => (await db.selectFrom('units').select('id').where('jurisdiction_id', '=', Number(code)).executeTakeFirstOrThrow()).id;
  const plan = async (code: string, published: boolean) => {
    const p = await db
      .insertInto('plans')
      .values({
        jurisdiction_id: Number(code),
        ...ancestorsOf(code),
        issuer_name: `区划${code}`,
        title: `方案${code}${published ? '' : '(草稿)'}`,
        kind: 'implementation_plan',
        period_start: '2026-01-01',
        period_end: '2026-12-31',
        report_cycle: 'quarter',
        // Drafted first: a published plan's tasks and units are frozen (trigger).
        status: 'draft',
        published_at: null,
        source_name: null,
        idempotency_key: null,
        published_by: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const t = await db
      .insertInto('plan_tasks')
      .values({ plan_id: p.id, jurisdiction_id: Number(code), ...ancestorsOf(code), position: 0, section_index: null, number: '1', title: '任务', text: '任务内容', deadline: null, upper_task_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('plan_task_units').values({ task_id: t.id, plan_id: p.id, jurisdiction_id: Number(code), ...ancestorsOf(code), position: 0, unit_id: await unitOf(code), unit_name: `单位${code}`, is_lead: true }).execute();
    if (published) await db.updateTable('plans').set({ status: 'published', published_at: new Date() }).where('id', '=', p.id).execute();
    return { planId: p.id, taskId: t.id };
  };
  const city = await plan('3713', true);
  const cityDraft = await plan('3713', false);
  const county = await plan('371312', true);
  const sibling = await plan('371302', true);
  await db.updateTable('plan_tasks').set({ upper_task_id: city.taskId }).where('id', '=', county.taskId).execute();
  const assign = async (code: string, kind: 'unit' | 'child') =>
    (
      await db
        .insertInto('plan_assignments')
        .values({ plan_id: county.planId, task_id: county.taskId, issuer_jurisdiction_id: 371312, jurisdiction_id: Number(code), ...ancestorsOf(code), unit_id: await unitOf(code), kind })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const own = await assign('371312', 'unit');
  const street = await assign('371312001', 'child');
  const report = await db
    .insertInto('plan_reports')
    .values({ assignment_id: street, plan_id: county.planId, task_id: county.taskId, jurisdiction_id: 371312001, ...ancestorsOf('371312001'), unit_id: await unitOf('371312001'), period: '2026-Q3', text: '已完成', percent: 60, reported_on: '2026-10-01', reported_by: null, reported_by_name: '填报员' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('plan_reminders').values({ assignment_id: own, plan_id: county.planId, jurisdiction_id: 371312, ...ancestorsOf('371312'), unit_id: await unitOf('371312'), period: '2026-Q3', reminder_day: '2026-10-10', from_name: '河东区', sent_by: null }).execute();
  return { city, cityDraft, county, sibling, own, street, reportId: report.id };
}

const scope = (level: Level, code: string) => ({ userId: 1, level, jurisdictionId: Number(code) });

function pgCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
}

function suite(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  describe(`plan tables under row-level security (${name})`, () => {
    let env: { db: Kysely<Database>; close(): Promise<void> };
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      env = await open();
      f = await fixture(env.db);
    });
    afterAll(() => env.close());

    /** What a scope sees with no WHERE clause: only the policies decide. */
    const visible = (level: Level, code: string) =>
      withScope(env.db, scope(level, code), async (tx) => {
        const ids = async (q: string) => (await sql<{ id: number }>`${sql.raw(q)}`.execute(tx)).rows.map((r) => r.id);
        return {
          plans: await ids('select id from plans order by id'),
          tasks: await ids('select plan_id as id from plan_tasks order by plan_id'),
          units: await ids('select plan_id as id from plan_task_units order by plan_id'),
          assignments: await ids('select id from plan_assignments order by id'),
          reports: await ids('select id from plan_reports order by id'),
          reminders: await ids('select assignment_id as id from plan_reminders order by id'),
        };
      });

    it('a county reads its own plans and the published plans above it, with their tasks', async () => {
      const { city, county } = f;
      expect(await visible('county', '371312')).toEqual({
        plans: [city.planId, county.planId],
        tasks: [city.planId, county.planId],
        units: [city.planId, county.planId],
        assignments: [f.own, f.street],
        reports: [f.reportId],
        reminders: [f.own],
      });
    });

    it('a township reads the published plans of every level above, and only its own assignment', async () => {
      expect(await visible('township', '371312001')).toEqual({
        plans: [f.city.planId, f.county.planId],
        tasks: [f.city.planId, f.county.planId],
        units: [f.city.planId, f.county.planId],
        assignments: [f.street],
        reports: [f.reportId],
        reminders: [],
      });
      expect((await visible('township', '371312004')).assignments).toEqual([]);
    });

    it('a sibling county sees neither the other county’s plan nor its assignments', async () => {
      expect(await visible('county', '371302')).toEqual({ plans: [f.city.planId, f.sibling.planId], tasks: [f.city.planId, f.sibling.planId], units: [f.city.planId, f.sibling.planId], assignments: [], reports: [], reminders: [] });
    });

    it('the city reads its draft and everything below it', async () => {
      const seen = await visible('city', '3713');
      expect(seen.plans).toEqual([f.city.planId, f.cityDraft.planId, f.county.planId, f.sibling.planId]);
      expect(seen.reports).toEqual([f.reportId]);
    });

    it('a level below may read an upper plan but not change it', async () => {
      const n = await withScope(env.db, scope('county', '371312'), (tx) => tx.updateTable('plans').set({ title: '改' }).where('id', '=', f.city.planId).executeTakeFirst());
      expect(Number(n.numUpdatedRows)).toBe(0);
      const t = await withScope(env.db, scope('county', '371312'), (tx) => tx.updateTable('plan_tasks').set({ upper_task_id: null }).where('id', '=', f.city.taskId).executeTakeFirst());
      expect(Number(t.numUpdatedRows)).toBe(0);
    });

    it('freezes a published plan’s tasks except their link to an upper task', async () => {
      const s = scope('county', '371312');
      const edit = withScope(env.db, s, (tx) => tx.updateTable('plan_tasks').set({ text: '改写' }).where('id', '=', f.county.taskId).execute());
      expect(pgCode(await edit.catch((e: unknown) => e))).toBe('42501');
      const drop = withScope(env.db, s, (tx) => tx.deleteFrom('plan_task_units').where('task_id', '=', f.county.taskId).execute());
      expect(pgCode(await drop.catch((e: unknown) => e))).toBe('42501');
      const relink = await withScope(env.db, s, (tx) => tx.updateTable('plan_tasks').set({ upper_task_id: null }).where('id', '=', f.county.taskId).executeTakeFirst());
      expect(Number(relink.numUpdatedRows)).toBe(1);
    });

    it('lets the issuer replace a draft’s tasks', async () => {
      const removed = await withScope(env.db, scope('city', '3713'), (tx) => tx.deleteFrom('plan_tasks').where('plan_id', '=', f.cityDraft.planId).executeTakeFirst());
      expect(Number(removed.numDeletedRows)).toBe(1);
    });

    it('keeps reminders append-only and refuses an issuer outside the assignee’s ancestors', async () => {
      const s = scope('county', '371312');
      await expect(withScope(env.db, s, (tx) => tx.deleteFrom('plan_reminders').execute())).rejects.toThrow(/permission denied|append-only/);
      const wrong = env.db
        .insertInto('plan_assignments')
        .values({ plan_id: f.sibling.planId, task_id: f.sibling.taskId, issuer_jurisdiction_id: 371302, jurisdiction_id: 371312001, ...ancestorsOf('371312001'), unit_id: 1, kind: 'child' })
        .execute();
      expect(pgCode(await wrong.catch((e: unknown) => e))).toMatch(/^23/);
    });
  });
}

suite('PostgreSQL', () => createTestDatabase());
suite('PGlite', () => createPgliteTestDb());

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './schema.js';
import { withJobs, withScope } from './scope.js';
import { ancestorsOf, createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';

const CODES = ['37', '3713', '371312', '371302'];

/** The province inspects two sibling counties; each gets one item for its own unit. */
async function fixture(db: Kysely<Database>) {
  await insertFixtureTree(db, CODES);
  const unitOf = async (code: string) => (await db.selectFrom('units').select('id').where('jurisdiction_id', '=', Number(code)).executeTakeFirstOrThrow()).id;
  const inspection = await db
    .insertInto('inspections')
    .values({ supervising_jurisdiction_id: 37, ...ancestorsOf('37'), supervising_name: '山东省', type: 'rule_of_law', title: '法治督察', period_start: '2026-06-01', period_end: '2026-06-10' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const code of ['371312', '371302']) {
    await db.insertInto('inspection_targets').values({ inspection_id: inspection.id, jurisdiction_id: Number(code), ...ancestorsOf(code) }).execute();
    const item = await db
      .insertInto('rectification_items')
      .values({
        inspection_id: inspection.id,
        target_jurisdiction_id: Number(code),
        number: code,
        problem: '问题',
        category: 'enforcement',
        requirement: '要求',
        jurisdiction_id: Number(code),
        ...ancestorsOf(code),
        supervising_jurisdiction_id: 37,
        unit_id: await unitOf(code),
        deadline: '2026-06-30',
        original_deadline: '2026-06-30',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(item.id);
  }
  return { hedong: ids[0]!, lanshan: ids[1]!, hedongUnit: await unitOf('371312') };
}

function pgCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
}
const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', pgCode);

function suite(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  describe(`the background jobs' role (${name})`, () => {
    let env: { db: Kysely<Database>; close(): Promise<void> };
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      env = await open();
      f = await fixture(env.db);
    });
    afterAll(() => env.close());

    const reminder = (day: string, over: Partial<{ kind: 'due_soon' | 'overdue' | 'supervision'; from_user_id: number }> = {}) => ({
      item_id: f.hedong,
      jurisdiction_id: 371312,
      ...ancestorsOf('371312'),
      unit_id: f.hedongUnit,
      from_jurisdiction_id: 37,
      from_name: '系统提醒',
      text: '临期',
      requires_reply: false,
      kind: over.kind ?? ('due_soon' as const),
      reminder_day: day,
      ...(over.from_user_id !== undefined && { from_user_id: over.from_user_id }),
    });

    it('sees the items of every tenant and may set only overdue_since', async () => {
      const ids = await withJobs(env.db, async (tx) => (await sql<{ id: number }>`select id from rectification_items order by id`.execute(tx)).rows.map((r) => r.id));
      expect(ids).toEqual([f.hedong, f.lanshan]);
      const n = await withJobs(env.db, (tx) => tx.updateTable('rectification_items').set({ overdue_since: '2026-07-01' }).where('id', '=', f.lanshan).executeTakeFirst());
      expect(Number(n.numUpdatedRows)).toBe(1);
      expect(await codeOf(withJobs(env.db, (tx) => tx.updateTable('rectification_items').set({ status: 'closed' }).execute()))).toBe('42501');
      expect(await codeOf(withJobs(env.db, (tx) => tx.deleteFrom('notices').execute()))).toBe('42501');
    });

    it('cannot read accounts, sessions or attachment contents', async () => {
      for (const table of ['users', 'sessions', 'units', 'role_memberships'] as const) {
        expect(await codeOf(withJobs(env.db, (tx) => tx.selectFrom(table).selectAll().execute()))).toBe('42501');
      }
      expect(await codeOf(withJobs(env.db, (tx) => tx.selectFrom('attachments').select('original_name').execute()))).toBe('42501');
      expect(await codeOf(withJobs(env.db, (tx) => tx.selectFrom('attachments').select('storage_key').execute()))).toBe('OK');
      expect(await codeOf(withJobs(env.db, (tx) => tx.selectFrom('audit_log').selectAll().execute()))).toBe('42501');
    });

    it('files a reminder at most once per item, kind and day', async () => {
      await withJobs(env.db, (tx) => tx.insertInto('notices').values(reminder('2026-06-25')).execute());
      expect(await codeOf(withJobs(env.db, (tx) => tx.insertInto('notices').values(reminder('2026-06-25')).execute()))).toBe('23505');
      expect(await codeOf(withJobs(env.db, (tx) => tx.insertInto('notices').values(reminder('2026-06-25', { kind: 'overdue' })).execute()))).toBe('OK');
      expect(await codeOf(withJobs(env.db, (tx) => tx.insertInto('notices').values(reminder('2026-06-26')).execute()))).toBe('OK');
      // A 督办通知 has no day; a reminder has no human sender.
      expect(await codeOf(env.db.insertInto('notices').values(reminder('2026-06-25', { kind: 'supervision' })).execute())).toBe('23514');
      expect(await codeOf(env.db.insertInto('notices').values(reminder('2026-06-27', { from_user_id: 1 })).execute())).toBe('23514');
    });

    it('leaves reminders to the tenant policies for requests: a sibling county sees none', async () => {
      const seen = (code: string) =>
        withScope(env.db, { userId: 1, level: 'county', jurisdictionId: Number(code) }, async (tx) => (await sql<{ kind: string }>`select kind from notices`.execute(tx)).rows.length);
      expect(await seen('371312')).toBe(3);
      expect(await seen('371302')).toBe(0);
    });
  });
}

suite('PostgreSQL', () => createTestDatabase());
suite('PGlite', () => createPgliteTestDb());

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '@fz/domain';
import type { Database } from './schema.js';
import { withScope } from './scope.js';
import { ancestorsOf, createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';

const CODES = ['37', '3713', '371312', '371312001', '371312004', '371302'];

/** The province inspects 河东区; one item stays with the county, one is delegated to 371312001. */
async function fixture(db: Kysely<Database>) {
  await insertFixtureTree(db, CODES);
  const unitOf = async (code: string) => (await db.selectFrom('units').select('id').where('jurisdiction_id', '=', Number(code)).executeTakeFirstOrThrow()).id;
  const inspection = await db
    .insertInto('inspections')
    .values({ supervising_jurisdiction_id: 37, ...ancestorsOf('37'), supervising_name: '山东省', type: 'rule_of_law', title: '法治督察', period_start: '2026-06-01', period_end: '2026-06-10', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('inspection_targets').values({ inspection_id: inspection.id, jurisdiction_id: 371312, ...ancestorsOf('371312') }).execute();
  const item = (number: string, code: string, unitId: number) => ({
    inspection_id: inspection.id,
    target_jurisdiction_id: 371312,
    number,
    problem: '问题',
    category: 'enforcement' as const,
    requirement: '要求',
    jurisdiction_id: Number(code),
    ...ancestorsOf(code),
    supervising_jurisdiction_id: 37,
    unit_id: unitId,
    deadline: '2026-12-31',
    original_deadline: '2026-12-31',
    created_by: null,
  });
  const [county, street] = await db
    .insertInto('rectification_items')
    .values([item('001', '371312', await unitOf('371312')), item('002', '371312001', await unitOf('371312001'))])
    .returning(['id'])
    .execute();
  for (const [row, code] of [
    [county!, '371312'],
    [street!, '371312001'],
  ] as const) {
    await db.insertInto('item_events').values({ item_id: row.id, jurisdiction_id: Number(code), ...ancestorsOf(code), event: 'create', to_status: 'issued' }).execute();
  }
  await db.insertInto('light_rules').values({ jurisdiction_id: 37, ...ancestorsOf('37'), yellow_within_days: 15 }).execute();
  return { inspectionId: inspection.id, countyItem: county!.id, streetItem: street!.id };
}

const scope = (level: Level, code: string) => ({ userId: 1, level, jurisdictionId: Number(code) });

function pgCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
}

function suite(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  describe(`rectification tables under row-level security (${name})`, () => {
    let env: { db: Kysely<Database>; close(): Promise<void> };
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      env = await open();
      f = await fixture(env.db);
    });
    afterAll(() => env.close());

    /** Ids visible without any WHERE clause: only the policies decide. */
    const visible = (level: Level, code: string) =>
      withScope(env.db, scope(level, code), async (tx) => ({
        inspections: (await sql<{ id: number }>`select id from inspections`.execute(tx)).rows.map((r) => r.id),
        items: (await sql<{ id: number }>`select id from rectification_items order by id`.execute(tx)).rows.map((r) => r.id),
        events: (await sql<{ item_id: number }>`select item_id from item_events order by item_id`.execute(tx)).rows.map((r) => r.item_id),
      }));

    it('the inspected county sees the province’s inspection and both of its items', async () => {
      expect(await visible('county', '371312')).toEqual({ inspections: [f.inspectionId], items: [f.countyItem, f.streetItem], events: [f.countyItem, f.streetItem] });
    });

    it('a township sees only the item delegated to it, and not the inspection', async () => {
      expect(await visible('township', '371312001')).toEqual({ inspections: [], items: [f.streetItem], events: [f.streetItem] });
      expect(await visible('township', '371312004')).toEqual({ inspections: [], items: [], events: [] });
    });

    it('a sibling county sees nothing', async () => {
      expect(await visible('county', '371302')).toEqual({ inspections: [], items: [], events: [] });
    });

    it('the inspected county may read the inspection but not change it', async () => {
      const n = await withScope(env.db, scope('county', '371312'), (tx) => tx.updateTable('inspections').set({ title: '改' }).where('id', '=', f.inspectionId).executeTakeFirst());
      expect(Number(n.numUpdatedRows)).toBe(0);
      const m = await withScope(env.db, scope('province', '37'), (tx) => tx.updateTable('inspections').set({ team: '督察组' }).where('id', '=', f.inspectionId).executeTakeFirst());
      expect(Number(m.numUpdatedRows)).toBe(1);
    });

    it('reads a supervising level’s light threshold without exposing its row', async () => {
      const r = await withScope(env.db, scope('township', '371312001'), async (tx) => ({
        rows: (await sql`select * from light_rules`.execute(tx)).rows.length,
        days: (await sql<{ d: number | null }>`select light_yellow_days(37) as d`.execute(tx)).rows[0]?.d,
        none: (await sql<{ d: number | null }>`select light_yellow_days(3713) as d`.execute(tx)).rows[0]?.d,
      }));
      expect(r).toEqual({ rows: 0, days: 15, none: null });
    });

    it('keeps the timeline append-only, even for the owner', async () => {
      const s = scope('county', '371312');
      await expect(withScope(env.db, s, (tx) => tx.updateTable('item_events').set({ note: 'x' }).execute())).rejects.toThrow(/permission denied|append-only/);
      await expect(env.db.deleteFrom('item_events').execute()).rejects.toThrow(/append-only/);
    });

    it('refuses rows whose ancestors or supervising level do not fit', async () => {
      const wrong = { item_id: f.countyItem, jurisdiction_id: 371312004, ...ancestorsOf('371312004'), county_id: 371302, event: 'update' as const };
      expect(pgCode(await env.db.insertInto('item_events').values(wrong).execute().catch((e: unknown) => e))).toBe('23514');
      const sibling = env.db.updateTable('rectification_items').set({ supervising_jurisdiction_id: 371302 }).where('id', '=', f.countyItem).execute();
      expect(pgCode(await sibling.catch((e: unknown) => e))).toMatch(/^23/);
      // A county cannot move an item out of its own subtree.
      const away = withScope(env.db, scope('county', '371312'), (tx) => tx.updateTable('rectification_items').set({ jurisdiction_id: 371302, ...ancestorsOf('371302'), unit_id: null }).where('id', '=', f.countyItem).execute());
      expect(pgCode(await away.catch((e: unknown) => e))).toBe('42501');
    });

    it('returns calendar dates as yyyy-mm-dd text', async () => {
      const row = await env.db.selectFrom('rectification_items').select(['deadline']).where('id', '=', f.countyItem).executeTakeFirstOrThrow();
      expect(row.deadline).toBe('2026-12-31');
    });
  });
}

suite('PostgreSQL', () => createTestDatabase());
suite('PGlite', () => createPgliteTestDb());

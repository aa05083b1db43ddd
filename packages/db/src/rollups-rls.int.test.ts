import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIGHT_RULE } from '@fz/domain';
import type { Level } from '@fz/domain';
import type { Database } from './schema.js';
import { withJobs, withScope } from './scope.js';
import { rebuildRollups, rollupDifferences } from './rollups/check.js';
import { ancestorsOf, createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';

const CODES = ['37', '3713', '371312', '371312001', '371312004', '371302'];

/** The province inspects 河东区: one item stays with the county, one sits at the street 371312001. */
async function fixture(db: Kysely<Database>) {
  await insertFixtureTree(db, CODES);
  const { id: inspectionId } = await db
    .insertInto('inspections')
    .values({ supervising_jurisdiction_id: 37, ...ancestorsOf('37'), supervising_name: '山东省', type: 'special', title: '专项督察', period_start: '2026-06-01', period_end: '2026-06-10', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('inspection_targets').values({ inspection_id: inspectionId, jurisdiction_id: 371312, ...ancestorsOf('371312') }).execute();
  const item = (number: string, code: string) => ({
    inspection_id: inspectionId, target_jurisdiction_id: 371312, number, problem: '问题', category: 'enforcement' as const, requirement: '要求',
    jurisdiction_id: Number(code), ...ancestorsOf(code), supervising_jurisdiction_id: 37, unit_id: null, deadline: '2026-12-31', original_deadline: '2026-12-31',
    created_by: null, created_at: '2026-06-15T02:00:00Z',
  });
  const [county, street] = await db.insertInto('rectification_items').values([item('001', '371312'), item('002', '371312001')]).returning('id').execute();
  return { countyItem: county!.id, streetItem: street!.id };
}

const scope = (level: Level, code: string) => ({ userId: 1, level, jurisdictionId: Number(code) });

function pgCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
}

function suite(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  describe(`dashboard rollups (${name})`, () => {
    let env: { db: Kysely<Database>; close(): Promise<void> };
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      env = await open();
      f = await fixture(env.db);
    });
    afterAll(() => env.close());

    const itemsPerNode = async (db: Kysely<Database>) =>
      Object.fromEntries((await sql<{ node_id: number; n: number }>`select node_id, sum(issued + acknowledged + in_progress + closure_requested + returned + closed + ongoing)::int as n from item_rollup_counts group by node_id order by node_id`.execute(db)).rows.map((r) => [r.node_id, r.n]));

    it('counts each item at every node of its ancestor chain, and nowhere else', async () => {
      expect(await itemsPerNode(env.db)).toEqual({ 37: 2, 3713: 2, 371312: 2, 371312001: 1 });
      expect(await rollupDifferences(env.db)).toEqual([]);
    });

    it('shows each scope only the rows of its own subtree', async () => {
      const nodes = (level: Level, code: string) =>
        withScope(env.db, scope(level, code), async (tx) => (await sql<{ node_id: number }>`select distinct node_id from item_rollup_counts order by 1`.execute(tx)).rows.map((r) => r.node_id));
      expect(await nodes('city', '3713')).toEqual([3713, 371312, 371312001]);
      expect(await nodes('county', '371312')).toEqual([371312, 371312001]);
      expect(await nodes('township', '371312001')).toEqual([371312001]);
      expect(await nodes('township', '371312004')).toEqual([]);
      expect(await nodes('county', '371302')).toEqual([]);
    });

    it('lets requests read rollups but never write them', async () => {
      const s = scope('province', '37');
      expect(pgCode(await withScope(env.db, s, (tx) => tx.updateTable('item_rollup_counts').set({ issued: 99 }).execute()).catch((e: unknown) => e))).toBe('42501');
      expect(pgCode(await withScope(env.db, s, (tx) => sql`insert into item_rollup_months (node_id, province_id, inspection_type, month) values (37, 37, 'special', '2026-01-01')`.execute(tx)).catch((e: unknown) => e))).toBe('42501');
    });

    it('moves counts when the overdue sweep’s role marks an item, without any grant on the rollups', async () => {
      await withJobs(env.db, (tx) => tx.updateTable('rectification_items').set({ overdue_since: '2027-01-01' }).where('id', '=', f.countyItem).execute());
      const { rows } = await sql<{ overdue: number; due: number }>`select (select sum(overdue)::int from item_rollup_counts where node_id = 371312) as overdue,
        (select sum(special)::int from item_rollup_due where node_id = 371312) as due`.execute(env.db);
      expect(rows[0]).toEqual({ overdue: 1, due: 1 });
      expect(await rollupDifferences(env.db)).toEqual([]);
    });

    it('writes nothing when an update leaves every rollup input alone', async () => {
      const versions = async () => (await sql<{ x: string }>`select xmin::text as x from item_rollup_counts order by node_id`.execute(env.db)).rows.map((r) => r.x);
      const before = await versions();
      await withScope(env.db, scope('county', '371312'), (tx) => tx.updateTable('rectification_items').set({ measures: '建立台账', version: 5 }).where('id', '=', f.streetItem).execute());
      expect(await versions()).toEqual(before);
    });

    it('follows a supervising level’s yellow threshold, back to the domain’s default when it is removed', async () => {
      const yellowFrom = async () => (await sql<{ d: string }>`select yellow_from::text as d from item_rollup_due where node_id = 371312001 and special <> 0`.execute(env.db)).rows.map((r) => r.d);
      expect(await yellowFrom()).toEqual([`2026-12-${31 - DEFAULT_LIGHT_RULE.yellowWithinDays}`]);
      await env.db.insertInto('light_rules').values({ jurisdiction_id: 37, ...ancestorsOf('37'), yellow_within_days: 15 }).execute();
      expect(await yellowFrom()).toEqual(['2026-12-16']);
      await env.db.deleteFrom('light_rules').where('jurisdiction_id', '=', 37).execute();
      expect(await yellowFrom()).toEqual([`2026-12-${31 - DEFAULT_LIGHT_RULE.yellowWithinDays}`]);
      expect(await rollupDifferences(env.db)).toEqual([]);
    });

    it('the check names a tampered row, and a rebuild repairs it', async () => {
      await sql`update item_rollup_counts set issued = issued + 3 where node_id = 3713`.execute(env.db);
      const diffs = await rollupDifferences(env.db);
      expect(diffs).toHaveLength(1);
      expect(diffs[0]).toMatchObject({ table: 'item_rollup_counts', key: { node_id: 3713, inspection_type: 'special' }, stored: { issued: 5 }, expected: { issued: 2 } });
      await rebuildRollups(env.db);
      expect(await rollupDifferences(env.db)).toEqual([]);
      expect(await itemsPerNode(env.db)).toEqual({ 37: 2, 3713: 2, 371312: 2, 371312001: 1 });
    });
  });
}

suite('PostgreSQL', () => createTestDatabase());
suite('PGlite', () => createPgliteTestDb());

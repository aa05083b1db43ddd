import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '@fz/domain';
import type { Database } from './schema.js';
import { withScope } from './scope.js';
import { ancestorsOf, createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';

const CODES = ['37', '3713', '371312', '371312001', '371312004', '371302'];

/**
 * 临沂市 (3713) published a township metric and keeps a draft; 河东区 (371312) keeps a metric of
 * its own; 371312001 and 371312004 reported the city's metric, 371312001 with a file; 河东区 and
 * 兰山区 (371302) each wrote an annual report, 河东区's submitted with a timeline entry.
 */
async function fixture(db: Kysely<Database>) {
  await insertFixtureTree(db, CODES);
  const metric = async (code: string, status: 'draft' | 'published', levels: Level[]) =>
    (
      await db
        .insertInto('metrics')
        .values({
          jurisdiction_id: Number(code),
          ...ancestorsOf(code),
          owner_name: `区划${code}`,
          code: `M-${status}`,
          name: '矛盾纠纷调解成功率',
          unit: '%',
          kind: 'rate',
          direction: 'higher',
          target_op: '>=',
          target_value: '95',
          cycle: 'year',
          reporting_levels: levels,
          numerator_label: '调解成功件数',
          denominator_label: '调解件数',
          status,
          published_at: status === 'published' ? new Date() : null,
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const cityMetric = await metric('3713', 'published', ['township']);
  const cityDraft = await metric('3713', 'draft', ['township']);
  const countyMetric = await metric('371312', 'published', ['county']);
  const value = async (code: string, owner: number, metricId: number) =>
    (
      await db
        .insertInto('metric_values')
        .values({ metric_id: metricId, owner_jurisdiction_id: owner, jurisdiction_id: Number(code), ...ancestorsOf(code), level: 'township', period: '2025', numerator: '98', denominator: '100', reported_by: null, reported_by_name: '填报员' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const street = await value('371312001', 3713, cityMetric);
  const other = await value('371312004', 3713, cityMetric);
  await db
    .insertInto('metric_value_files')
    .values({ value_id: street, jurisdiction_id: 371312001, ...ancestorsOf('371312001'), sha256: 'a'.repeat(64), size_bytes: 1, mime: 'application/pdf', original_name: '台账.pdf', storage_key: `sha256/aa/aa/${'a'.repeat(64)}` })
    .execute();
  const report = async (code: string, reviewer: number, status: 'draft' | 'submitted') =>
    (
      await db
        .insertInto('annual_reports')
        .values({ jurisdiction_id: Number(code), ...ancestorsOf(code), level: 'county', issuer_name: `区划${code}`, reviewer_jurisdiction_id: reviewer, reviewer_name: '临沂市', year: 2025, title: '年度报告', issuing_body: '人民政府', issue_date: null, status, created_by: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const hedongReport = await report('371312', 3713, 'submitted');
  const lanshanReport = await report('371302', 3713, 'draft');
  await db.insertInto('annual_report_events').values({ report_id: hedongReport, jurisdiction_id: 371312, ...ancestorsOf('371312'), event: 'submit', from_status: 'draft', to_status: 'submitted', reason: null, actor_user_id: null, actor_name: '河东区' }).execute();
  return { cityMetric, cityDraft, countyMetric, street, other, hedongReport, lanshanReport };
}

const scope = (level: Level, code: string) => ({ userId: 1, level, jurisdictionId: Number(code) });

function pgCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
}

function suite(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  describe(`metric and annual report tables under row-level security (${name})`, () => {
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
          metrics: await ids('select id from metrics order by id'),
          values: await ids('select id from metric_values order by id'),
          files: await ids('select value_id as id from metric_value_files order by id'),
          reports: await ids('select id from annual_reports order by id'),
          events: await ids('select report_id as id from annual_report_events order by id'),
        };
      });

    it('a county reads its own metrics and the published ones above it, and the figures of its townships', async () => {
      expect(await visible('county', '371312')).toEqual({ metrics: [f.cityMetric, f.countyMetric], values: [f.street, f.other], files: [f.street], reports: [f.hedongReport], events: [f.hedongReport] });
    });

    it('a township reads the published metrics above it and only its own figures', async () => {
      expect(await visible('township', '371312004')).toEqual({ metrics: [f.cityMetric, f.countyMetric], values: [f.other], files: [], reports: [], events: [] });
    });

    it('a sibling county sees neither the other county’s metric, figures nor report', async () => {
      expect(await visible('county', '371302')).toEqual({ metrics: [f.cityMetric], values: [], files: [], reports: [f.lanshanReport], events: [] });
    });

    it('the city reads its draft and everything below it', async () => {
      expect(await visible('city', '3713')).toEqual({ metrics: [f.cityMetric, f.cityDraft, f.countyMetric], values: [f.street, f.other], files: [f.street], reports: [f.hedongReport, f.lanshanReport], events: [f.hedongReport] });
    });

    it('a level below may read an upper metric but not change it', async () => {
      const n = await withScope(env.db, scope('county', '371312'), (tx) => tx.updateTable('metrics').set({ name: '改' }).where('id', '=', f.cityMetric).executeTakeFirst());
      expect(Number(n.numUpdatedRows)).toBe(0);
    });

    it('freezes what a published metric means but lets its owner rename it and move its target', async () => {
      const s = scope('city', '3713');
      const recode = withScope(env.db, s, (tx) => tx.updateTable('metrics').set({ kind: 'count', denominator_label: null }).where('id', '=', f.cityMetric).execute());
      expect(pgCode(await recode.catch((e: unknown) => e))).toBe('42501');
      const back = withScope(env.db, s, (tx) => tx.updateTable('metrics').set({ status: 'draft', published_at: null }).where('id', '=', f.cityMetric).execute());
      expect(pgCode(await back.catch((e: unknown) => e))).toBe('42501');
      const renamed = await withScope(env.db, s, (tx) => tx.updateTable('metrics').set({ name: '人民调解成功率', target_value: '96' }).where('id', '=', f.cityMetric).executeTakeFirst());
      expect(Number(renamed.numUpdatedRows)).toBe(1);
    });

    it('refuses a figure filed under a jurisdiction that is not below the metric’s owner', async () => {
      const wrong = env.db
        .insertInto('metric_values')
        .values({ metric_id: f.countyMetric, owner_jurisdiction_id: 371312, jurisdiction_id: 371302, ...ancestorsOf('371302'), level: 'county', period: '2025', numerator: '1', denominator: null, reported_by: null, reported_by_name: 'x' })
        .execute();
      expect(pgCode(await wrong.catch((e: unknown) => e))).toMatch(/^23/);
      const wrongLevel = env.db
        .insertInto('metric_values')
        .values({ metric_id: f.cityMetric, owner_jurisdiction_id: 3713, jurisdiction_id: 371312, ...ancestorsOf('371312'), level: 'township', period: '2025', numerator: '1', denominator: '1', reported_by: null, reported_by_name: 'x' })
        .execute();
      expect(pgCode(await wrongLevel.catch((e: unknown) => e))).toBe('23514');
    });

    it('freezes a submitted report’s text, and keeps the timeline append-only', async () => {
      const s = scope('county', '371312');
      const edit = withScope(env.db, s, (tx) => tx.updateTable('annual_reports').set({ measures: '改写' }).where('id', '=', f.hedongReport).execute());
      expect(pgCode(await edit.catch((e: unknown) => e))).toBe('42501');
      await expect(withScope(env.db, s, (tx) => tx.deleteFrom('annual_report_events').execute())).rejects.toThrow(/permission denied|append-only/);
      const returned = await withScope(env.db, scope('city', '3713'), (tx) => tx.updateTable('annual_reports').set({ status: 'returned', return_reason: '数据有误' }).where('id', '=', f.hedongReport).executeTakeFirst());
      expect(Number(returned.numUpdatedRows)).toBe(1);
      const fixed = await withScope(env.db, s, (tx) => tx.updateTable('annual_reports').set({ measures: '改写' }).where('id', '=', f.hedongReport).executeTakeFirst());
      expect(Number(fixed.numUpdatedRows)).toBe(1);
    });
  });
}

suite('PostgreSQL', () => createTestDatabase());
suite('PGlite', () => createPgliteTestDb());

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '@fz/domain';
import type { Database } from './schema.js';
import { withScope } from './scope.js';
import { ancestorsOf, createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';

const CODES = ['37', '3713', '371312', '371312001', '371312004', '371302', '371302001'];
const SHA = 'a'.repeat(64);

/**
 * 临沂市 keeps a township standard (version 1 published, version 2 a draft) and runs a campaign
 * on version 1 with 九曲街道, 相公街道 (河东区) and a street of 兰山区; 河东区 keeps a draft of its own.
 */
async function fixture(db: Kysely<Database>) {
  await insertFixtureTree(db, CODES);
  const at = (code: string) => ({ jurisdiction_id: Number(code), ...ancestorsOf(code) });
  const system = await db.insertInto('indicator_systems').values({ ...at('3713'), name: '法治镇街', participant_level: 'township', created_by: null }).returning('id').executeTakeFirstOrThrow();
  const version = (no: number) => db.insertInto('indicator_versions').values({ ...at('3713'), system_id: system.id, version_no: no, pass_line: 900, notes: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
  const node = (version: number) => ({ ...at('3713'), version_id: version, parent_id: null, level: 1, code: '1', name: '指标1', max_score: 100, guidance: null, evidence: null });
  const v1 = await version(1);
  const leaf = await db.insertInto('indicator_nodes').values(node(v1.id)).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('indicator_versions').set({ status: 'published', published_at: new Date() }).where('id', '=', v1.id).execute();
  const v2 = await version(2);
  await db.insertInto('indicator_nodes').values(node(v2.id)).execute();
  const own = await db.insertInto('indicator_systems').values({ ...at('371312'), name: '河东标准', participant_level: 'township', created_by: null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('indicator_versions').values({ ...at('371312'), system_id: own.id, version_no: 1, pass_line: 850, notes: null, created_by: null }).execute();

  const campaign = await db
    .insertInto('campaigns')
    .values({ ...at('3713'), owner_name: '临沂市', name: '法治镇街创建', year: 2026, version_id: v1.id, participant_level: 'township', submit_deadline: '2026-12-15', review_deadline: '2026-12-31', target_numerator: 2, target_denominator: 3, pass_line: 900, description: null, created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const apps = await db
    .insertInto('applications')
    .values(['371312001', '371312004', '371302001'].map((code) => ({ ...at(code), campaign_id: campaign.id, reviewer_jurisdiction_id: Number(code.slice(0, 6)), owner_jurisdiction_id: 3713, version_id: v1.id })))
    .returning(['id', 'jurisdiction_id'])
    .execute();
  for (const a of apps) {
    const code = String(a.jurisdiction_id);
    const assessment = await db.insertInto('assessments').values({ ...at(code), application_id: a.id, indicator_id: leaf.id, version_id: v1.id, self_score: 90 }).returning('id').executeTakeFirstOrThrow();
    const report = await db.insertInto('progress_reports').values({ ...at(code), application_id: a.id, text: '已召开部署会' }).returning('id').executeTakeFirstOrThrow();
    const file = { ...at(code), application_id: a.id, sha256: SHA, size_bytes: 1, mime: 'application/pdf', original_name: 'a.pdf', storage_key: `sha256/aa/aa/${SHA}` };
    await db.insertInto('application_files').values([{ ...file, assessment_id: assessment.id }, { ...file, report_id: report.id }]).execute();
    await db.insertInto('application_events').values({ ...at(code), application_id: a.id, event: 'create', to_status: 'not_started' }).execute();
  }
  return { campaignId: campaign.id, v1: v1.id, v2: v2.id, leafId: leaf.id, appOf: new Map(apps.map((a) => [a.jurisdiction_id, a.id])) };
}

const scope = (level: Level, code: string) => ({ userId: 1, level, jurisdictionId: Number(code) });
const TABLES = ['applications', 'assessments', 'progress_reports', 'application_files', 'application_events'] as const;

function pgCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
}

function suite(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  describe(`demonstration tables under row-level security (${name})`, () => {
    let env: { db: Kysely<Database>; close(): Promise<void> };
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      env = await open();
      f = await fixture(env.db);
    });
    afterAll(() => env.close());

    /** Participants whose rows of every application table a scope sees, queried without any WHERE. */
    const participantsSeen = (level: Level, code: string) =>
      withScope(env.db, scope(level, code), async (tx) => {
        const seen: Record<string, number[]> = {};
        for (const t of TABLES) seen[t] = [...new Set((await tx.selectFrom(t).select('jurisdiction_id').execute()).map((r) => r.jurisdiction_id))].sort();
        return seen;
      });

    it('a township sees its own application and what is filed under it, never a sibling’s', async () => {
      const seen = await participantsSeen('township', '371312001');
      for (const t of TABLES) expect([t, seen[t]]).toEqual([t, [371312001]]);
    });

    it('a county sees its townships’ applications, not the other county’s; the city sees all', async () => {
      const county = await participantsSeen('county', '371312');
      for (const t of TABLES) expect([t, county[t]]).toEqual([t, [371312001, 371312004]]);
      const city = await participantsSeen('city', '3713');
      for (const t of TABLES) expect([t, city[t]]).toEqual([t, [371302001, 371312001, 371312004]]);
    });

    it('participants and the levels between read the campaign they take part in; others do not', async () => {
      const campaigns = (level: Level, code: string) => withScope(env.db, scope(level, code), (tx) => tx.selectFrom('campaigns').select('id').execute());
      expect(await campaigns('township', '371312001')).toEqual([{ id: f.campaignId }]);
      expect(await campaigns('county', '371312')).toEqual([{ id: f.campaignId }]);
      expect(await campaigns('township', '371302001')).toEqual([{ id: f.campaignId }]);
      // Writes stay with the owner's scope: a participant cannot change the campaign it reads.
      const changed = await withScope(env.db, scope('county', '371312'), (tx) => tx.updateTable('campaigns').set({ name: '改名' }).where('id', '=', f.campaignId).executeTakeFirst());
      expect(changed.numUpdatedRows).toBe(0n);
    });

    it('levels below read a standard’s published versions and indicators, not its drafts; siblings see nothing of a county’s own', async () => {
      const versions = (level: Level, code: string) =>
        withScope(env.db, scope(level, code), async (tx) => ({
          systems: (await tx.selectFrom('indicator_systems').select('name').orderBy('name').execute()).map((r) => r.name),
          versions: (await tx.selectFrom('indicator_versions').select('id').orderBy('id').execute()).map((r) => r.id),
          nodes: (await tx.selectFrom('indicator_nodes').select('version_id').execute()).map((r) => r.version_id),
        }));
      expect(await versions('township', '371312001')).toEqual({ systems: ['法治镇街'], versions: [f.v1], nodes: [f.v1] });
      const hedong = await versions('county', '371312');
      expect(hedong.systems).toEqual(['河东标准', '法治镇街']);
      expect(hedong.versions).toHaveLength(2);
      expect(hedong.versions).toContain(f.v1);
      expect(hedong.versions).not.toContain(f.v2);
      expect((await versions('county', '371302')).systems).toEqual(['法治镇街']);
      // The city reads its own drafts and those of its subtree (河东区's).
      const city = await versions('city', '3713');
      expect(city.systems).toEqual(['河东标准', '法治镇街']);
      expect(city.versions).toHaveLength(3);
      expect(city.versions).toEqual(expect.arrayContaining([f.v1, f.v2]));
    });

    it('derives the ancestors of a scope from its code', async () => {
      const of = (level: Level, code: string) => withScope(env.db, scope(level, code), async (tx) => (await sql<{ a: number[] }>`select app_scope_ancestors() as a`.execute(tx)).rows[0]?.a);
      expect(await of('township', '371312001')).toEqual([371312, 3713, 37]);
      expect(await of('county', '371312')).toEqual([3713, 37]);
      expect(await of('city', '3713')).toEqual([37]);
      expect(await of('province', '37')).toEqual([]);
    });

    it('keeps a published version and its indicators unchanged, even for the owner', async () => {
      const refused = (p: Promise<unknown>) => p.then(() => 'ok', pgCode);
      expect(await refused(env.db.updateTable('indicator_nodes').set({ name: '改' }).where('version_id', '=', f.v1).execute())).toBe('42501');
      expect(await refused(env.db.updateTable('indicator_versions').set({ pass_line: 800 }).where('id', '=', f.v1).execute())).toBe('42501');
      expect(await refused(env.db.deleteFrom('indicator_nodes').where('version_id', '=', f.v1).execute())).toBe('42501');
      expect(await refused(env.db.updateTable('indicator_nodes').set({ name: '改' }).where('version_id', '=', f.v2).execute())).toBe('ok');
    });

    it('keeps timelines and progress reports append-only', async () => {
      const refused = (p: Promise<unknown>) => p.then(() => 'ok', pgCode);
      expect(await refused(env.db.deleteFrom('application_events').execute())).toBe('42501');
      expect(await refused(env.db.updateTable('progress_reports').set({ text: '改' }).execute())).toBe('42501');
    });

    it('refuses a row filed under a sibling township from a township scope', async () => {
      const attempt = withScope(env.db, scope('township', '371312001'), (tx) =>
        tx.insertInto('progress_reports').values({ jurisdiction_id: 371312004, ...ancestorsOf('371312004'), application_id: f.appOf.get(371312004)!, text: '越权' }).execute(),
      );
      expect(await attempt.then(() => 'ok', pgCode)).toBe('42501');
    });

    it('keeps the reviewer the level right above the participant', async () => {
      const bad = env.db
        .insertInto('applications')
        .values({ jurisdiction_id: 371302001, ...ancestorsOf('371302001'), campaign_id: f.campaignId, reviewer_jurisdiction_id: 3713, owner_jurisdiction_id: 3713, version_id: f.v1 })
        .execute();
      expect(await bad.then(() => 'ok', pgCode)).toBe('23514');
    });
  });
}

suite('PostgreSQL', () => createTestDatabase());
suite('PGlite', () => createPgliteTestDb());

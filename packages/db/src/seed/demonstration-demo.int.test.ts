import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../scope.js';
import { createTestDatabase } from '../testing/index.js';
import { seedDemo } from './demo.js';
import { seedDemonstrationDemo } from './demonstration-demo.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('seedDemonstrationDemo', () => {
  let env: TestDatabase;
  beforeAll(async () => {
    env = await createTestDatabase({ templateKey: 'demo-accounts+demo4', seed: async (db) => void (await seedDemo(db)) });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('publishes a 5 / 30 township standard of 临沂市 and a nine-chapter county standard of 山东省', async () => {
    const { rows } = await sql<{ name: string; jurisdiction_id: number; status: string; pass_line: number; satisfaction_pct: number; firsts: string; leaves: string; total: string }>`
      select s.name, s.jurisdiction_id, v.status, v.pass_line, v.satisfaction_pct,
        (select count(*) from indicator_nodes n where n.version_id = v.id and n.level = 1) as firsts,
        (select count(*) from indicator_nodes n where n.version_id = v.id and n.max_score is not null) as leaves,
        (select sum(max_score) from indicator_nodes n where n.version_id = v.id) as total
      from indicator_systems s join indicator_versions v on v.system_id = s.id order by s.jurisdiction_id`.execute(env.db);
    expect(rows.map((r) => [r.jurisdiction_id, r.status, r.pass_line, r.satisfaction_pct, Number(r.firsts), Number(r.leaves), Number(r.total)])).toEqual([
      [37, 'published', 900, 10, 9, 29, 1000],
      [3713, 'published', 900, 15, 5, 30, 1000],
    ]);
  });

  it('puts 河东区’s eleven townships at every stage, 九曲街道 three indicators short of submitting', async () => {
    const apps = await env.db
      .selectFrom('applications as a')
      .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
      .select(['j.name', 'a.status', 'a.id', (eb) => eb.selectFrom('assessments as x').select((e) => e.fn.count<string>('x.self_score').as('n')).whereRef('x.application_id', '=', 'a.id').as('filled')])
      .where('a.county_id', '=', 371312)
      .orderBy('a.jurisdiction_id')
      .execute();
    expect(apps).toHaveLength(11);
    expect(new Set(apps.map((a) => a.status))).toEqual(new Set(['not_started', 'in_progress', 'submitted', 'first_review', 'evaluation', 'named', 'not_passed', 'returned']));
    expect(apps.find((a) => a.name === '九曲街道')).toMatchObject({ status: 'in_progress', filled: '27' });
    expect(apps.filter((a) => a.status === 'named').map((a) => a.name)).toEqual(['汤头街道', '朝阳街道']);
  });

  it('gives every application a timeline ending in its status and files it where the county sees it, not its sibling', async () => {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from applications a
      where a.status is distinct from (select e.to_status from application_events e where e.application_id = a.id and e.to_status is not null order by e.at desc, e.id desc limit 1)`.execute(env.db);
    expect(rows[0]?.n).toBe('0');
    const seen = await withScope(env.db, { userId: 1, level: 'county', jurisdictionId: 371312 }, (tx) => tx.selectFrom('applications').select('county_id').execute());
    expect(seen).toHaveLength(11);
    expect(new Set(seen.map((r) => r.county_id))).toEqual(new Set([371312]));
    const reports = await withScope(env.db, { userId: 1, level: 'township', jurisdictionId: 371312001 }, (tx) => tx.selectFrom('progress_reports').select('jurisdiction_id').execute());
    expect(reports.length).toBeGreaterThan(0);
    expect(new Set(reports.map((r) => r.jurisdiction_id))).toEqual(new Set([371312001]));
  });

  it('adds nothing when run again', async () => {
    expect(await seedDemonstrationDemo(env.db)).toEqual({ applications: 0 });
    const { rows } = await sql<{ n: string }>`select (select count(*) from applications) + (select count(*) from indicator_systems) as n`.execute(env.db);
    expect(rows[0]?.n).toBe('24');
  });
});

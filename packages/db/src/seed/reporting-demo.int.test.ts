import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../scope.js';
import { createTestDatabase } from '../testing/index.js';
import { seedDemo } from './demo.js';
import { seedReportingDemo } from './reporting-demo.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('seedReportingDemo', () => {
  let env: TestDatabase;
  beforeAll(async () => {
    env = await createTestDatabase({ templateKey: 'demo-accounts', seed: async (db) => void (await seedDemo(db)) });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('publishes 山东省’s county metrics and 临沂市’s, which 河东区 reads with its own and its townships’ figures', async () => {
    const seen = await withScope(env.db, { userId: 1, level: 'county', jurisdictionId: 371312 }, async (tx) => ({
      metrics: (await tx.selectFrom('metrics').select(['code', 'status']).orderBy('jurisdiction_id').orderBy('sort_order').execute()).map((m) => `${m.code}:${m.status}`),
      own2025: (await tx.selectFrom('metric_values').select('id').where('jurisdiction_id', '=', 371312).where('period', '=', '2025').execute()).length,
      townships2025: (await tx.selectFrom('metric_values').select('id').where('level', '=', 'township').where('period', '=', '2025').execute()).length,
      siblings: (await tx.selectFrom('metric_values').select('id').where('county_id', '=', 371302).execute()).length,
    }));
    expect(seen).toEqual({
      metrics: ['SD-01', 'SD-02', 'SD-03', 'SD-04', 'SD-05', 'SD-06', 'SD-07', 'LY-01', 'LY-02', 'LY-03'].map((c) => `${c}:published`),
      own2025: 8,
      townships2025: 22,
      siblings: 0,
    });
  });

  it('opens 河东区’s 2025 report as a draft with four sections and figures from the data, and 兰山区’s submitted to 临沂市', async () => {
    const reports = await env.db.selectFrom('annual_reports').select(['jurisdiction_id', 'year', 'status', 'title', 'reviewer_jurisdiction_id', 'measures', 'problems', 'figures']).orderBy('jurisdiction_id').execute();
    expect(reports.map((r) => [r.jurisdiction_id, r.year, r.status, r.reviewer_jurisdiction_id])).toEqual([
      [371302, 2025, 'submitted', 3713],
      [371312, 2025, 'draft', 3713],
    ]);
    const hedong = reports[1]!;
    expect(hedong.title).toBe('河东区人民政府关于2025年法治政府建设情况的报告');
    expect(hedong.measures).toMatch(/^\(一\)健全政府机构职能体系/);
    expect(hedong.figures.split('\n')).toEqual(
      expect.arrayContaining([
        '行政规范性文件合法性审核率100%(目标≥100%,已达标),较上年提高5个百分点。',
        '行政复议案件数66件,同比增长266.7%。',
        '行政机关负责人出庭应诉率96.7%(目标≥97%,未达标),较上年提高26.7个百分点。',
        '行政诉讼败诉率6.5%(目标<10%,已达标),较上年降低5个百分点。',
        '行政执法人员人均培训学时61.94学时(目标≥60学时,已达标),较上年增加5.94学时。',
      ]),
    );
    expect(hedong.figures).toMatch(/^矛盾纠纷调解成功率\d+(\.\d)?%\(目标≥95%,已达标\)/m);
  });

  it('adds nothing when run again', async () => {
    expect(await seedReportingDemo(env.db)).toEqual({ values: 0, reports: 0 });
  });
});

import { ancestorIdsOfCode, levelOfCode, subjectOf } from '@fz/domain';
import type { Action, AppAbility, ScopedRecord, SubjectType } from '@fz/domain';
import type { MatrixCase, Target } from './matrix.js';
import { reviewerOfCode } from './reporting-fixture.js';

/**
 * Metrics and annual reports. A published metric is readable by every level below its owner on
 * purpose (sent down), so the cases that read a metric use the fixture's draft: the matrix's rule
 * "siblings and ancestors see nothing" holds for it. Reading down is tested in
 * metrics.int.test.ts.
 */
const place = (code: string, extra: Partial<ScopedRecord> = {}): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code), ...extra });
const can = (a: AppAbility, action: Action, subject: SubjectType, record: ScopedRecord) => a.can(action, subjectOf(subject, record));
const readsNode = (a: AppAbility, t: Target) => can(a, 'read', 'Jurisdiction', place(t.code));
const draftMetric = (t: Target) => place(t.code, { status: 'draft' });
const report = (t: Target) => {
  const reviewer = reviewerOfCode(t.code);
  return place(t.code, reviewer === null ? {} : { reviewerJurisdictionId: reviewer });
};

let seq = 0;
const uniq = () => `${Date.now() % 100000}${++seq}`;

const rateFields = (t: Target) => ({ name: '矩阵指标', unit: '%', kind: 'rate' as const, reportingLevels: [levelOfCode(t.code)!], numeratorLabel: '分子', denominatorLabel: '分母' });

export const REPORTING_MATRIX: Record<string, MatrixCase> = {
  'metrics.list': {
    run: async (c, t) => {
      const f = await t.reporting();
      return (await c.metrics.list({ jurisdictionId: Number(t.code), scope: 'own' })).items.some((m) => m.id === f.draftMetricId);
    },
    expected: (a, t) => readsNode(a, t) && can(a, 'read', 'Metric', draftMetric(t)),
  },
  'metrics.create': {
    run: async (c, t) => (await c.metrics.create({ ...rateFields(t), jurisdictionId: Number(t.code), code: `MX-${uniq()}` })).jurisdictionId === Number(t.code),
    expected: (a, t) => readsNode(a, t) && can(a, 'create', 'Metric', draftMetric(t)),
  },
  'metrics.update': {
    run: async (c, t) => {
      const f = await t.reporting();
      return (await c.metrics.update({ ...rateFields(t), id: f.draftMetricId, version: 0, code: `MX-U-${uniq()}`, name: '矩阵指标(修改)' })).name === '矩阵指标(修改)';
    },
    expected: (a, t) => can(a, 'update', 'Metric', draftMetric(t)),
  },
  'metrics.publish': {
    run: async (c, t) => (await c.metrics.publish({ id: (await t.reporting()).draftMetricId, version: 0 })).status === 'published',
    expected: (a, t) => can(a, 'publish', 'Metric', draftMetric(t)),
  },
  'metrics.report': {
    run: async (c, t) => {
      const f = await t.reporting();
      return (await c.metrics.report({ metricId: f.publishedMetricId, jurisdictionId: Number(t.code), period: '2025', numerator: 8, denominator: 10, version: 0 })).numerator === '8';
    },
    expected: (a, t) => can(a, 'update', 'MetricValue', place(t.code)),
  },
  'metrics.getValue': {
    run: async (c, t) => (await c.metrics.getValue({ id: (await t.reporting()).valueId })).id === (await t.reporting()).valueId,
    expected: (a, t) => can(a, 'read', 'MetricValue', place(t.code)),
  },
  'metrics.table': {
    run: async (c, t) => {
      const f = await t.reporting();
      const table = await c.metrics.table({ jurisdictionId: Number(t.code), period: '2025' });
      return table.rows.some((r) => r.metric.id === f.publishedMetricId && r.value?.numerator === '9');
    },
    expected: (a, t) => readsNode(a, t) && can(a, 'read', 'MetricValue', place(t.code)),
  },
  'annualReports.create': {
    // One report per jurisdiction and year: a later case finds the one an earlier case opened.
    run: async (c, t) => (await c.annualReports.create({ jurisdictionId: Number(t.code), year: 2030 })).jurisdictionId === Number(t.code),
    expected: (a, t) => readsNode(a, t) && can(a, 'create', 'AnnualReport', report(t)),
  },
  'annualReports.get': {
    run: async (c, t) => (await c.annualReports.get({ id: (await t.reporting()).draftReportId })).id === (await t.reporting()).draftReportId,
    expected: (a, t) => can(a, 'read', 'AnnualReport', report(t)),
  },
  'annualReports.list': {
    run: async (c, t) => {
      const f = await t.reporting();
      return (await c.annualReports.list({ jurisdictionId: Number(t.code), relation: 'own', limit: 200 })).items.some((r) => r.id === f.draftReportId);
    },
    expected: (a, t) => readsNode(a, t) && can(a, 'read', 'AnnualReport', report(t)),
  },
  'annualReports.update': {
    run: async (c, t) => (await c.annualReports.update({ id: (await t.reporting()).draftReportId, version: 0, problems: '矩阵修改后的问题' })).sections.problems === '矩阵修改后的问题',
    expected: (a, t) => can(a, 'update', 'AnnualReport', report(t)),
  },
  'annualReports.figures': {
    run: async (c, t) => typeof (await c.annualReports.figures({ id: (await t.reporting()).draftReportId })).text === 'string',
    expected: (a, t) => can(a, 'read', 'AnnualReport', report(t)),
  },
  'annualReports.refreshFigures': {
    run: async (c, t) => (await c.annualReports.refreshFigures({ id: (await t.reporting()).draftReportId, version: 0 })).version === 1,
    expected: (a, t) => can(a, 'update', 'AnnualReport', report(t)),
  },
  'annualReports.transition': {
    // Acceptance: only the level directly above the report's jurisdiction.
    run: async (c, t) => (await c.annualReports.transition({ id: (await t.reporting()).submittedReportId, version: 0, event: 'accept' })).status === 'accepted',
    expected: (a, t) => can(a, 'accept', 'AnnualReport', report(t)),
  },
};

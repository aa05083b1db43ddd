import { levelOfCode, participantLevelsFor, subjectOf } from '@fz/domain';
import type { Action, AppAbility, Level } from '@fz/domain';
import type { MatrixCase, Target } from './matrix.js';
import { record } from './matrix.js';
import { applicationRecordOf, campaignOwnerOf } from './demonstration-fixture.js';

let seq = 0;
const uniq = () => `${Date.now() % 100000}${++seq}`;

const readsNode = (a: AppAbility, code: string) => a.can('read', subjectOf('Jurisdiction', record(code)));
/** The target's standard (a draft unless said otherwise) as abilities see it. */
const canStandard = (a: AppAbility, action: Action, t: Target, status: 'draft' | 'published' = 'draft') => a.can(action, subjectOf('IndicatorSystem', { ...record(t.code), status }));
/** The campaign fixture, judged through the target (its participant, or its owner for a city). */
const readsCampaign = (a: AppAbility, t: Target) => campaignOwnerOf(t.code) !== null && a.can('read', subjectOf('Campaign', record(t.code)));
const canApplication = (a: AppAbility, action: Action, t: Target) => {
  const rec = applicationRecordOf(t.code);
  return rec !== null && a.can(action, subjectOf('Application', rec));
};

/** Strict ancestors of a code (province … parent). */
function ancestorsOf(code: string): string[] {
  return [2, 4, 6].filter((n) => n < code.length).map((n) => code.slice(0, n));
}

/** Whether the caller could run a campaign enrolling the target: a city or county above it whose supervisor it is. */
function mayEnrol(a: AppAbility, code: string): boolean {
  const level = levelOfCode(code);
  if (level !== 'township' && level !== 'county') return false;
  return ancestorsOf(code).some((p) => {
    const owner = levelOfCode(p) as Level;
    return participantLevelsFor(owner).includes(level) && a.can('create', subjectOf('Campaign', record(p)));
  });
}

/** Standards, campaigns, applications and progress reports of demonstration creation. */
export const DEMONSTRATION_MATRIX: Record<string, MatrixCase> = {
  'demonstration.systems.list': {
    run: async (c, t) => {
      const f = await t.demo.draft();
      return (await c.demonstration.systems.list({ jurisdictionId: Number(t.code) })).some((s) => s.versions.some((v) => v.id === f.versionId));
    },
    expected: (a, t) => readsNode(a, t.code) && canStandard(a, 'read', t),
  },
  'demonstration.systems.get': {
    run: async (c, t) => (await c.demonstration.systems.get({ id: (await t.demo.draft()).versionId })).jurisdictionId === Number(t.code),
    expected: (a, t) => canStandard(a, 'read', t),
  },
  'demonstration.systems.create': {
    // A copy of the target's draft as a new standard of the caller's own level.
    run: async (c, t) => (await c.demonstration.systems.create({ name: `矩阵复制${uniq()}`, participantLevel: 'township', fromVersionId: (await t.demo.draft()).versionId })).status === 'draft',
    expected: (a, t) => a.can('create', 'IndicatorSystem') && canStandard(a, 'read', t),
  },
  'demonstration.systems.newDraft': {
    run: async (c, t) => (await c.demonstration.systems.newDraft({ id: (await t.demo.published()).versionId })).versionNo === 2,
    expected: (a, t) => canStandard(a, 'read', t, 'published') && canStandard(a, 'create', t),
  },
  'demonstration.systems.updateVersion': {
    run: async (c, t) => (await c.demonstration.systems.updateVersion({ id: (await t.demo.draft()).versionId, version: 0, passLine: 85 })).passLine === 85,
    expected: (a, t) => canStandard(a, 'update', t),
  },
  'demonstration.systems.saveIndicator': {
    run: async (c, t) => (await c.demonstration.systems.saveIndicator({ versionId: (await t.demo.draft()).versionId, version: 0, code: '2', name: '矩阵新增指标', maxScore: 5 })).indicator.code === '2',
    expected: (a, t) => canStandard(a, 'update', t),
  },
  'demonstration.systems.deleteIndicator': {
    run: async (c, t) => {
      const f = await t.demo.draft();
      return (await c.demonstration.systems.deleteIndicator({ versionId: f.versionId, version: 0, id: f.nodeId })).removed === 1;
    },
    expected: (a, t) => canStandard(a, 'update', t),
  },
  'demonstration.systems.publish': {
    run: async (c, t) => (await c.demonstration.systems.publish({ id: (await t.demo.draft()).versionId, version: 0 })).status === 'published',
    expected: (a, t) => canStandard(a, 'publish', t),
  },
  'demonstration.campaigns.create': {
    // A campaign of the caller's own city or county enrolling the target, on the province's standard of the target's level.
    run: async (c, t) => {
      const level = levelOfCode(t.code);
      if (level !== 'township' && level !== 'county') return false;
      const standard = (await c.demonstration.systems.list({ participantLevel: level })).find((s) => s.jurisdictionId === 37);
      if (!standard) return false;
      const input = { name: `矩阵活动${uniq()}`, year: 2026, versionId: standard.versions[0]!.id, participantIds: [Number(t.code)], submitDeadline: '2099-12-30', reviewDeadline: '2099-12-31', target: { numerator: 2, denominator: 3 } };
      return (await c.demonstration.campaigns.create(input)).participantCount === 1;
    },
    expected: (a, t) => mayEnrol(a, t.code),
  },
  'demonstration.campaigns.list': {
    run: async (c, t) => {
      const f = await t.demo.campaign();
      return f !== null && (await c.demonstration.campaigns.list({ jurisdictionId: Number(t.code) })).some((x) => x.id === f.campaignId);
    },
    expected: (a, t) => readsNode(a, t.code) && readsCampaign(a, t),
  },
  'demonstration.campaigns.get': {
    run: async (c, t) => {
      const f = await t.demo.campaign();
      return f !== null && (await c.demonstration.campaigns.get({ id: f.campaignId })).id === f.campaignId;
    },
    expected: (a, t) => readsCampaign(a, t),
  },
  'demonstration.campaigns.update': {
    run: async (c, t) => {
      const f = await t.demo.campaign();
      return f !== null && (await c.demonstration.campaigns.update({ id: f.campaignId, version: 0, passLine: 80 })).passLine === 80;
    },
    expected: (a, t) => {
      const owner = campaignOwnerOf(t.code);
      return owner !== null && a.can('update', subjectOf('Campaign', record(String(owner))));
    },
  },
  'demonstration.campaigns.board': {
    run: async (c, t) => {
      const f = await t.demo.campaign();
      return f !== null && (await c.demonstration.campaigns.board({ id: f.campaignId, jurisdictionId: Number(t.code) })).campaign.id === f.campaignId;
    },
    expected: (a, t) => readsNode(a, t.code) && readsCampaign(a, t),
  },
  'demonstration.applications.list': {
    run: async (c, t) => {
      const f = await t.demo.application('in_progress');
      return f !== null && (await c.demonstration.applications.list({ jurisdictionId: Number(t.code), limit: 200 })).items.some((i) => i.id === f.applicationId);
    },
    expected: (a, t) => readsNode(a, t.code) && canApplication(a, 'read', t),
  },
  'demonstration.applications.get': {
    run: async (c, t) => {
      const f = await t.demo.application('in_progress');
      return f !== null && (await c.demonstration.applications.get({ id: f.applicationId })).id === f.applicationId;
    },
    expected: (a, t) => canApplication(a, 'read', t),
  },
  'demonstration.applications.saveAssessment': {
    run: async (c, t) => {
      const f = await t.demo.application('in_progress');
      return f !== null && (await c.demonstration.applications.saveAssessment({ applicationId: f.applicationId, indicatorId: f.leafId, version: f.assessmentVersion, selfScore: 50 })).assessment.selfScore === 50;
    },
    expected: (a, t) => canApplication(a, 'save', t),
  },
  'demonstration.applications.review': {
    run: async (c, t) => {
      const f = await t.demo.application('first_review');
      return f !== null && (await c.demonstration.applications.review({ applicationId: f.applicationId, indicatorId: f.leafId, version: f.assessmentVersion, reviewedScore: 60 })).assessment.reviewedScore === 60;
    },
    expected: (a, t) => canApplication(a, 'review', t),
  },
  'demonstration.applications.transition': {
    // Naming: only the campaign's owner.
    run: async (c, t) => {
      const f = await t.demo.application('evaluation');
      return f !== null && (await c.demonstration.applications.transition({ id: f.applicationId, version: f.version, event: 'name' })).status === 'named';
    },
    expected: (a, t) => canApplication(a, 'name', t),
  },
  'demonstration.applications.evaluate': {
    run: async (c, t) => {
      const f = await t.demo.application('evaluation');
      return f !== null && (await c.demonstration.applications.evaluate({ id: f.applicationId, version: f.version, satisfactionScore: 90 })).satisfactionScore === 90;
    },
    expected: (a, t) => canApplication(a, 'evaluate', t),
  },
  'demonstration.applications.removeEvidence': {
    run: async (c, t) => {
      const f = await t.demo.application('in_progress');
      return f !== null && (await c.demonstration.applications.removeEvidence({ id: f.fileId })).id === f.fileId;
    },
    expected: (a, t) => canApplication(a, 'save', t),
  },
  'demonstration.reports.post': {
    run: async (c, t) => {
      const f = await t.demo.application('in_progress');
      return f !== null && (await c.demonstration.reports.post({ applicationId: f.applicationId, text: '矩阵进展报送' })).applicationId === f.applicationId;
    },
    expected: (a, t) => canApplication(a, 'reportProgress', t),
  },
  'demonstration.reports.list': {
    run: async (c, t) => {
      const f = await t.demo.application('in_progress');
      return f !== null && (await c.demonstration.reports.list({ applicationId: f.applicationId, limit: 200 })).items.some((r) => r.id === f.reportId);
    },
    expected: (a, t) => canApplication(a, 'read', t),
  },
};

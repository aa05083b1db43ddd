import { ancestorIdsOfCode, subjectOf } from '@fz/domain';
import type { Action, AppAbility, ScopedRecord, SubjectType } from '@fz/domain';
import type { MatrixCase, Target } from './matrix.js';
import { FIXTURE_PERIOD } from './plan-fixture.js';

/**
 * Plans and assignments. A published plan is readable by every level below its issuer on
 * purpose (a document sent down), so the cases that read a plan use the fixture's draft: the
 * matrix's rule "siblings and ancestors see nothing" holds for it. The published plan's cascade
 * (grid, coverage, assignments) belongs to the issuer's subtree and is checked as such; reading
 * an upper level's published plan is tested in plans.int.test.ts.
 */
const place = (code: string, extra: Partial<ScopedRecord> = {}): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code), ...extra });
const can = (a: AppAbility, action: Action, subject: SubjectType, record: ScopedRecord) => a.can(action, subjectOf(subject, record));
const draft = (t: Target) => place(t.code, { status: 'draft' });
const published = (t: Target) => place(t.code, { status: 'published' });
const assignment = (t: Target) => place(t.code, { unitId: t.itemUnitId });
const readsNode = (a: AppAbility, t: Target) => can(a, 'read', 'Jurisdiction', place(t.code));

const PLAN_TEXT = '一、深化行政执法体制改革\n1.推进综合行政执法。(责任单位:矩阵单位)';
const task = { number: '1', title: '矩阵任务', text: '矩阵任务内容', units: [{ name: '矩阵单位', unitId: null, lead: true }] };
const draftInput = { title: '矩阵方案', kind: 'implementation_plan' as const, periodStart: '2026-01-01', periodEnd: '2026-12-31', tasks: [task] };

export const PLAN_MATRIX: Record<string, MatrixCase> = {
  'plans.importPreview': {
    run: async (c, t) => (await c.plans.importPreview({ jurisdictionId: Number(t.code), text: PLAN_TEXT })).stats.tasks === 1,
    expected: (a, t) => readsNode(a, t) && can(a, 'create', 'Plan', draft(t)),
  },
  'plans.createDraft': {
    run: async (c, t) => (await c.plans.createDraft({ ...draftInput, jurisdictionId: Number(t.code) })).jurisdictionId === Number(t.code),
    expected: (a, t) => readsNode(a, t) && can(a, 'create', 'Plan', draft(t)),
  },
  'plans.saveDraft': {
    run: async (c, t) => {
      const f = await t.plan();
      return (await c.plans.saveDraft({ ...draftInput, id: f.draftId, version: f.draftVersion, title: '矩阵方案(修改)' })).title === '矩阵方案(修改)';
    },
    expected: (a, t) => can(a, 'update', 'Plan', draft(t)),
  },
  'plans.publish': {
    run: async (c, t) => {
      const f = await t.plan();
      return (await c.plans.publish({ id: f.draftId, version: f.draftVersion })).status === 'published';
    },
    expected: (a, t) => can(a, 'publish', 'Plan', draft(t)),
  },
  'plans.list': {
    run: async (c, t) => {
      const f = await t.plan();
      return (await c.plans.list({ jurisdictionId: Number(t.code), limit: 200 })).items.some((p) => p.id === f.draftId);
    },
    expected: (a, t) => readsNode(a, t) && can(a, 'read', 'Plan', draft(t)),
  },
  'plans.get': {
    run: async (c, t) => (await c.plans.get({ id: (await t.plan()).draftId })).id === (await t.plan()).draftId,
    expected: (a, t) => can(a, 'read', 'Plan', draft(t)),
  },
  'plans.link': {
    run: async (c, t) => {
      const f = await t.plan();
      return (await c.plans.link({ planId: f.draftId, version: f.draftVersion, links: [{ taskId: f.draftTaskId, upperTaskId: null }] })).version === f.draftVersion + 1;
    },
    expected: (a, t) => can(a, 'update', 'Plan', draft(t)),
  },
  'plans.grid': {
    run: async (c, t) => {
      const f = await t.plan();
      return (await c.plans.grid({ planId: f.publishedId })).rows.some((r) => r.cells.some((cell) => cell.assignmentId === f.assignmentId));
    },
    expected: (a, t) => readsNode(a, t) && can(a, 'read', 'Plan', published(t)) && can(a, 'read', 'PlanAssignment', assignment(t)),
  },
  'plans.remind': {
    run: async (c, t) => (await c.plans.remind({ planId: (await t.plan()).publishedId, period: FIXTURE_PERIOD })).reminded === 1,
    expected: (a, t) => can(a, 'remind', 'Plan', published(t)) && can(a, 'read', 'PlanAssignment', assignment(t)),
  },
  'plans.coverage': {
    run: async (c, t) => (await c.plans.coverage({ planId: (await t.plan()).publishedId })).tasks.length === 1,
    expected: (a, t) => readsNode(a, t) && can(a, 'read', 'Plan', published(t)),
  },
  'assignments.mine': {
    run: async (c, t) => {
      const f = await t.plan();
      return (await c.assignments.mine({ planId: f.publishedId, limit: 200 })).items.some((x) => x.id === f.assignmentId);
    },
    // Mine: the task went to the caller's own unit (the unit-scoped permission to report on it).
    expected: (a, t) => can(a, 'read', 'PlanAssignment', assignment(t)) && can(a, 'reportProgress', 'PlanAssignment', assignment(t)),
  },
  'assignments.get': {
    run: async (c, t) => (await c.assignments.get({ id: (await t.plan()).assignmentId })).id === (await t.plan()).assignmentId,
    expected: (a, t) => can(a, 'read', 'PlanAssignment', assignment(t)),
  },
  'assignments.report': {
    run: async (c, t) => (await c.assignments.report({ assignmentId: (await t.plan()).assignmentId, period: FIXTURE_PERIOD, text: '已完成阶段任务', percent: 50 })).percent === 50,
    expected: (a, t) => can(a, 'reportProgress', 'PlanAssignment', assignment(t)),
  },
};

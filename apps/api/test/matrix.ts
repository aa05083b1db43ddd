import { randomUUID } from 'node:crypto';
import { ACTIONS, SUBJECTS, ancestorIdsOfCode, levelOfCode, subjectOf } from '@fz/domain';
import type { AppAbility, ScopedRecord } from '@fz/domain';
import type { Db } from '@fz/db';
import type { Caller } from './helpers.js';
import { makeRectFixture, responsibleUnitFor, supervisorOf } from './rect-fixture.js';
import type { RectFixture } from './rect-fixture.js';
import { makePlanFixture } from './plan-fixture.js';
import type { PlanFixture } from './plan-fixture.js';
import { PLAN_MATRIX } from './plan-matrix.js';
import { demoFixtures } from './demonstration-fixture.js';
import type { DemoFixtures } from './demonstration-fixture.js';
import { DEMONSTRATION_MATRIX } from './demonstration-matrix.js';
import { makeReportingFixture } from './reporting-fixture.js';
import type { ReportingFixture } from './reporting-fixture.js';
import { REPORTING_MATRIX } from './reporting-matrix.js';
import { ONBOARDING_MATRIX, makeOnboardingFixture } from './onboarding-matrix.js';

/**
 * A target jurisdiction with a fresh unit and user of its own, made for one case. Cases about
 * rectification also get (lazily, `rect()`) an inspection of the target by its parent level
 * with one issued item assigned to `itemUnitId`, and a notice about it.
 */
export interface Target {
  code: string;
  unitId: number;
  unitName: string;
  username: string;
  unitVersion: number;
  userId: number;
  userVersion: number;
  itemUnitId: number;
  rect(): Promise<RectFixture>;
  /** Lazily: a published plan of the target with a task for `itemUnitId`, and a draft. */
  plan(): Promise<PlanFixture>;
  /** Lazily: demonstration standards, a campaign and an application of the target. */
  demo: DemoFixtures;
  /** Lazily: metrics (a draft, a published one with a reported value) and annual reports (a draft, a submitted one) of the target. */
  reporting(): Promise<ReportingFixture>;
  /** Lazily: a finished (failed) onboarding import of the target's user, with one row error. */
  onboarding(): Promise<{ importId: number }>;
}

export const record = (code: string): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code) });
const can = (a: AppAbility, action: (typeof ACTIONS)[number], subject: (typeof SUBJECTS)[number], code: string) => a.can(action, subjectOf(subject, record(code)));
const readsNode = (a: AppAbility, code: string) => can(a, 'read', 'Jurisdiction', code);
/** The fixture item (and its notice) as abilities see it. */
const itemOf = (t: Target): ScopedRecord => ({ ...record(t.code), unitId: t.itemUnitId, supervisingJurisdictionId: supervisorOf(t.code) });
const canItem = (a: AppAbility, action: (typeof ACTIONS)[number], t: Target) => a.can(action, subjectOf('RectificationItem', itemOf(t)));
const canNotice = (a: AppAbility, action: (typeof ACTIONS)[number], t: Target) => a.can(action, subjectOf('Notice', itemOf(t)));

export interface MatrixCase {
  /** Calls the procedure against the target; resolves to true when the call "got" the target. */
  run(caller: Caller, t: Target): Promise<boolean>;
  /** What the ability says the answer must be. */
  expected(a: AppAbility, t: Target): boolean;
}

let seq = 0;
const uniq = () => `${Date.now() % 100000}${++seq}`;

const period = { periodStart: '2026-06-01', periodEnd: '2026-06-10' };

/** Inspections, items, notices and light rules. */
const RECTIFICATION_MATRIX: Record<string, MatrixCase> = {
  'inspections.create': {
    run: async (c, t) => (await c.inspections.create({ type: 'rule_of_law', title: `矩阵督察${uniq()}`, ...period, targetIds: [Number(t.code)] })).id > 0,
    expected: (a, t) => can(a, 'create', 'Inspection', t.code),
  },
  'inspections.list': {
    run: async (c, t) => {
      const f = await t.rect();
      return (await c.inspections.list({ jurisdictionId: Number(t.code), limit: 200 })).items.some((i) => i.id === f.inspectionId);
    },
    expected: (a, t) => readsNode(a, t.code) && can(a, 'read', 'Inspection', t.code),
  },
  'inspections.get': {
    run: async (c, t) => {
      const f = await t.rect();
      return (await c.inspections.get({ id: f.inspectionId })).id === f.inspectionId;
    },
    expected: (a, t) => can(a, 'read', 'Inspection', t.code),
  },
  'items.create': {
    run: async (c, t) => {
      const f = await t.rect();
      const input = { inspectionId: f.inspectionId, targetId: Number(t.code), number: `M-${uniq()}`, problem: '矩阵测试问题', category: 'enforcement' as const, requirement: '限期整改', deadline: '2027-06-30' };
      return (await c.items.create(input)).inspectionId === f.inspectionId;
    },
    expected: (a, t) => a.can('create', subjectOf('RectificationItem', { ...record(t.code), unitId: null, supervisingJurisdictionId: supervisorOf(t.code) })),
  },
  // 后台导出: "got" means the export was filed and counted the target's item (RLS or CASL hide it otherwise).
  'ledgerExports.request': {
    run: async (c, t) => {
      const f = await t.rect();
      return (await c.ledgerExports.request({ requestKey: randomUUID(), filter: { jurisdictionId: Number(t.code), inspectionId: f.inspectionId, sort: 'deadline' } })).totalRows === 1;
    },
    expected: (a, t) => readsNode(a, t.code) && canItem(a, 'read', t),
  },
  'ledgerExports.list': {
    run: async (c, t) => {
      const f = await t.rect();
      const filed = await c.ledgerExports.request({ requestKey: randomUUID(), filter: { jurisdictionId: Number(t.code), inspectionId: f.inspectionId, sort: 'deadline' } });
      return (await c.ledgerExports.list({ limit: 200 })).items.some((x) => x.id === filed.id && x.totalRows === 1);
    },
    expected: (a, t) => readsNode(a, t.code) && canItem(a, 'read', t),
  },
  'items.list': {
    run: async (c, t) => {
      const f = await t.rect();
      return (await c.items.list({ jurisdictionId: Number(t.code), inspectionId: f.inspectionId, limit: 200 })).items.some((i) => i.id === f.itemId);
    },
    expected: (a, t) => readsNode(a, t.code) && canItem(a, 'read', t),
  },
  'items.get': {
    run: async (c, t) => (await c.items.get({ id: (await t.rect()).itemId })).id === (await t.rect()).itemId,
    expected: (a, t) => canItem(a, 'read', t),
  },
  'items.update': {
    run: async (c, t) => {
      const f = await t.rect();
      return (await c.items.update({ id: f.itemId, version: f.itemVersion, problem: '矩阵修改后的问题' })).problem === '矩阵修改后的问题';
    },
    expected: (a, t) => canItem(a, 'update', t),
  },
  'items.setMeasures': {
    run: async (c, t) => {
      const f = await t.rect();
      return (await c.items.setMeasures({ id: f.itemId, version: f.itemVersion, measures: '建立整改台账' })).measures === '建立整改台账';
    },
    expected: (a, t) => canItem(a, 'editMeasures', t),
  },
  'items.assign': {
    run: async (c, t) => {
      const f = await t.rect();
      return (await c.items.assign({ id: f.itemId, version: f.itemVersion, unitId: t.unitId })).responsibleUnitId === t.unitId;
    },
    expected: (a, t) => canItem(a, 'assign', t),
  },
  'items.delegate': {
    // Only a county's item can go down to a township; elsewhere there is nothing to try.
    run: async (c, t) => {
      const f = await t.rect();
      if (f.townshipId === null) return false;
      return (await c.items.delegate({ id: f.itemId, version: f.itemVersion, townshipId: f.townshipId })).jurisdictionId === f.townshipId;
    },
    expected: (a, t) => levelOfCode(t.code) === 'county' && canItem(a, 'delegate', t),
  },
  'items.transition': {
    run: async (c, t) => {
      const f = await t.rect();
      return (await c.items.transition({ id: f.itemId, version: f.itemVersion, event: 'acknowledge' })).status === 'acknowledged';
    },
    expected: (a, t) => canItem(a, 'acknowledge', t),
  },
  'items.flag': {
    run: async (c, t) => (await c.items.flag({ id: (await t.rect()).itemId, flagged: true, reason: '整改进度滞后' })).flagged,
    expected: (a, t) => canItem(a, 'flag', t),
  },
  'notices.send': {
    run: async (c, t) => (await c.notices.send({ itemId: (await t.rect()).itemId, text: '请于5个工作日内报送整改进展', requiresReply: true })).id > 0,
    expected: (a, t) => canItem(a, 'notify', t),
  },
  'notices.inbox': {
    run: async (c, t) => {
      const f = await t.rect();
      return (await c.notices.inbox({ limit: 200 })).items.some((n) => n.id === f.noticeId);
    },
    // The notice went to the fixture item's unit: only members of that unit (who may answer it) see it.
    expected: (a, t) => canNotice(a, 'read', t) && canNotice(a, 'reply', t),
  },
  'notices.markRead': {
    run: async (c, t) => (await c.notices.markRead({ id: (await t.rect()).noticeId })).readAt !== null,
    expected: (a, t) => canNotice(a, 'reply', t),
  },
  'notices.reply': {
    run: async (c, t) => (await c.notices.reply({ id: (await t.rect()).noticeId, reply: '已按要求整改到位' })).repliedAt !== null,
    expected: (a, t) => canNotice(a, 'reply', t),
  },
  'lightRules.get': {
    run: async (c, t) => (await c.lightRules.get({ jurisdictionId: Number(t.code) })).jurisdictionId === Number(t.code),
    expected: (a, t) => readsNode(a, t.code) && can(a, 'read', 'LightRule', t.code),
  },
  'lightRules.set': {
    run: async (c, t) => (await c.lightRules.set({ jurisdictionId: Number(t.code), yellowWithinDays: 10 })).yellowWithinDays === 10,
    expected: (a, t) => can(a, 'update', 'LightRule', t.code),
  },
};

/**
 * One entry per procedure that acts on a tenant's records. A procedure of the router that has
 * neither an entry here nor a `public`/`session` declaration fails the matrix test.
 */
export const MATRIX: Record<string, MatrixCase> = {
  'jurisdictions.children': {
    run: async (c, t) => (await c.jurisdictions.children({ parentId: Number(t.code) })) !== undefined,
    expected: (a, t) => readsNode(a, t.code),
  },
  'jurisdictions.get': {
    run: async (c, t) => (await c.jurisdictions.get({ id: Number(t.code) })).id === Number(t.code),
    expected: (a, t) => readsNode(a, t.code),
  },
  'jurisdictions.search': {
    // Search never errors for an out-of-scope code: it just finds nothing.
    run: async (c, t) => (await c.jurisdictions.search({ q: t.code, limit: 50 })).some((r) => r.code === t.code),
    expected: (a, t) => readsNode(a, t.code),
  },
  'units.list': {
    // Filtered by name: the shared database gains a unit per case, more than one page.
    run: async (c, t) => (await c.units.list({ jurisdictionId: Number(t.code), q: t.unitName, limit: 200, includeInactive: true })).items.some((u) => u.id === t.unitId),
    expected: (a, t) => a.can('read', 'Unit') && readsNode(a, t.code) && can(a, 'read', 'Unit', t.code),
  },
  'units.create': {
    run: async (c, t) => (await c.units.create({ jurisdictionId: Number(t.code), name: `矩阵测试单位${uniq()}`, shortName: '测试', kind: 'department', sortOrder: 1 })).id > 0,
    expected: (a, t) => can(a, 'create', 'Unit', t.code),
  },
  'units.update': {
    run: async (c, t) => (await c.units.update({ id: t.unitId, version: t.unitVersion, sortOrder: 7 })).sortOrder === 7,
    expected: (a, t) => can(a, 'update', 'Unit', t.code),
  },
  'users.list': {
    run: async (c, t) => (await c.users.list({ jurisdictionId: Number(t.code), q: t.username, limit: 200, includeInactive: true })).items.some((u) => u.id === t.userId),
    expected: (a, t) => readsNode(a, t.code) && can(a, 'read', 'User', t.code),
  },
  'users.create': {
    run: async (c, t) => (await c.users.create({ username: `m${uniq()}`, displayName: '矩阵测试', unitId: t.unitId, roles: ['operator'] })).user.id > 0,
    expected: (a, t) => can(a, 'create', 'User', t.code),
  },
  'users.deactivate': {
    run: async (c, t) => (await c.users.deactivate({ id: t.userId, version: t.userVersion })).isActive === false,
    expected: (a, t) => can(a, 'deactivate', 'User', t.code),
  },
  'users.resetPassword': {
    run: async (c, t) => (await c.users.resetPassword({ id: t.userId })).temporaryPassword.length >= 8,
    expected: (a, t) => can(a, 'resetPassword', 'User', t.code),
  },
  'audit.list': {
    run: async (c, t) => (await c.audit.list({ jurisdictionId: Number(t.code), limit: 200 })).items.some((r) => r.subjectId === String(t.unitId)),
    expected: (a, t) => readsNode(a, t.code) && can(a, 'read', 'AuditLog', t.code),
  },
  ...RECTIFICATION_MATRIX,
  ...PLAN_MATRIX,
  ...DEMONSTRATION_MATRIX,
  ...REPORTING_MATRIX,
  ...ONBOARDING_MATRIX,
  'dashboard.get': {
    // A dashboard is the node's items in aggregate: the node and its items must both be readable.
    run: async (c, t) => (await c.dashboard.get({ jurisdictionId: Number(t.code) })).node.id === Number(t.code),
    expected: (a, t) => readsNode(a, t.code) && can(a, 'read', 'RectificationItem', t.code),
  },
  'jobs.failed': {
    // The queue is the deployment's and takes no target: the list "reaches" a node only when it
    // is the caller's own province, the one place the ability grants it from.
    run: async (c, t) => {
      const [me] = await Promise.all([c.auth.me(), c.jobs.failed({ limit: 5 })]);
      return me.jurisdiction.code === t.code;
    },
    expected: (a, t) => can(a, 'read', 'JobQueue', t.code),
  },
};

/** Inserts a unit, a user and an audit row about the unit in `code`, as the system. */
export async function makeTarget(db: Db, code: string): Promise<Target> {
  const a = ancestorIdsOfCode(code);
  const anc = { province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId };
  const n = uniq();
  const unit = await db
    .insertInto('units')
    .values({ ...anc, jurisdiction_id: Number(code), name: `目标单位${n}`, short_name: '目标', kind: 'department' })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({ ...anc, username: `t${n}`, display_name: '目标用户', unit_id: unit.id, jurisdiction_id: Number(code), password_hash: 'x' })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('audit_log')
    .values({ ...anc, jurisdiction_id: Number(code), unit_id: unit.id, action: 'unit.create', subject_type: 'Unit', subject_id: String(unit.id), actor_user_id: null, actor_username: 'system', before: null, after: null, request_id: null, ip: null })
    .execute();
  const itemUnitId = (await responsibleUnitFor(db, code)) ?? unit.id;
  let rect: Promise<RectFixture> | undefined;
  let plan: Promise<PlanFixture> | undefined;
  let reporting: Promise<ReportingFixture> | undefined;
  let onboarding: Promise<{ importId: number }> | undefined;
  return {
    code,
    unitId: unit.id,
    unitName: `目标单位${n}`,
    username: `t${n}`,
    unitVersion: unit.version,
    userId: user.id,
    userVersion: user.version,
    itemUnitId,
    rect: () => (rect ??= makeRectFixture(db, code, itemUnitId)),
    plan: () => (plan ??= makePlanFixture(db, code, itemUnitId)),
    demo: demoFixtures(db, code),
    reporting: () => (reporting ??= makeReportingFixture(db, code)),
    onboarding: () => (onboarding ??= makeOnboardingFixture(db, code, user.id)),
  };
}

/** Allows every action on every subject: with it, only RLS stands between tenants. */
export const ALLOW_ALL_RULES = [{ action: [...ACTIONS], subject: [...SUBJECTS] }];

import { AbilityBuilder, createMongoAbility, subject as asSubject } from '@casl/ability';
import type { ForcedSubject, MongoAbility, MongoQuery, RawRuleOf } from '@casl/ability';
import { LEVEL_FIELD } from './jurisdiction.js';
import type { AncestorIds, Level } from './jurisdiction.js';
import { isRole } from './roles.js';
import type { Role } from './roles.js';
import { ITEM_EVENTS } from './rectification/lifecycle.js';
import { RESPONSIBLE_EVENTS, SUPERVISING_EVENTS } from './rectification/edits.js';
import { editActionsOfActor, eventsOfActor } from './demonstration/edits.js';
import { eventsOfAnnualReportActor } from './annual-reports/lifecycle.js';

/**
 * Actions. On RectificationItem the lifecycle's event names are actions too (acknowledge,
 * close …), plus the edits outside the lifecycle: assign (responsible unit), delegate (to a
 * township), flag (挂牌督办), notify (督办通知), editMeasures (整改措施), uploadEvidence (佐证材料).
 * `reply` answers a notice. On Application (示范创建申报) the lifecycle's events (save, submit,
 * startReview, completeReview, return, name, fail) plus review (初审评分), evaluate (评估) and
 * reportProgress; `publish` releases an IndicatorSystem version. A Plan (实施方案) is published
 * (印发) and its issuer sends `remind`ers; a PlanAssignment takes `reportProgress` (进展报送).
 * A Metric (统计指标) is published downwards; a MetricValue is reported (`update`) by its own
 * jurisdiction. An AnnualReport is submitted by its author, returned or accepted by the level above.
 * An OnboardingImport (批量导入单位和用户) is uploaded by an admin for its own jurisdiction; each row
 * then needs `import` on the Unit or User at the row's place, anywhere in the admin's subtree.
 */
export const ACTIONS = [
  'read', 'create', 'update', 'deactivate', 'resetPassword', ...ITEM_EVENTS, 'assign', 'delegate', 'flag', 'notify', 'editMeasures', 'uploadEvidence', 'reply',
  'save', 'submit', 'startReview', 'completeReview', 'name', 'fail', 'review', 'evaluate', 'publish',
  'remind', 'accept', 'import',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = ['Jurisdiction', 'Unit', 'User', 'AuditLog', 'Inspection', 'RectificationItem', 'Notice', 'LightRule', 'IndicatorSystem', 'Campaign', 'Application', 'Plan', 'PlanAssignment', 'JobQueue', 'Metric', 'MetricValue', 'AnnualReport', 'OnboardingImport'] as const;
export type SubjectType = (typeof SUBJECTS)[number];

/**
 * Attributes a record exposes to ability conditions. Every field here has a SQL column.
 * An Inspection is judged by its target (one row per inspected jurisdiction); a
 * RectificationItem or Notice by the item's jurisdiction, its responsible unit (`unitId`) and
 * the level that supervises it (`supervisingJurisdictionId`). An IndicatorSystem is judged per
 * version (owner's place and `status`); a Campaign by its owner, or by a participant (as an
 * Inspection by its target); an Application by the participant, the level that reviews it first
 * (`reviewerJurisdictionId`) and the campaign's owner (`ownerJurisdictionId`).
 */
export interface ScopedRecord extends AncestorIds {
  id?: number;
  jurisdictionId?: number;
  unitId?: number | null;
  supervisingJurisdictionId?: number;
  reviewerJurisdictionId?: number;
  ownerJurisdictionId?: number;
  status?: string;
}

export type AppSubject = SubjectType | (ScopedRecord & ForcedSubject<SubjectType>);
export type AppAbility = MongoAbility<[Action, AppSubject], MongoQuery<ScopedRecord>>;
export type AppRule = RawRuleOf<AppAbility>;

/** Who is asking: resolved once per session by the API, sent to the web app as-is. */
export interface Principal {
  userId: number;
  unitId: number;
  roles: Role[];
  jurisdiction: AncestorIds & { id: number; level: Level };
}

export class UnknownRoleError extends Error {}

/** Builds the rules for a principal. Pure and cheap, but callers should cache per session. */
export function rulesFor(principal: Principal): AppRule[] {
  const { can, cannot, rules } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const j = principal.jurisdiction;
  // CASL types conditions of string subjects as MongoQuery<never>; our fields are ScopedRecord's.
  const where = (c: Partial<ScopedRecord>) => c as Record<string, number>;
  const subtree = where({ [LEVEL_FIELD[j.level]]: j.id });
  const own = where({ jurisdictionId: j.id });
  // Unit ids are global, but a unit-scoped rule still stays inside the caller's subtree.
  const ownUnit = where({ unitId: principal.unitId, [LEVEL_FIELD[j.level]]: j.id });
  const supervisedHere = where({ supervisingJurisdictionId: j.id, [LEVEL_FIELD[j.level]]: j.id });
  const responsible: Action[] = [...RESPONSIBLE_EVENTS, 'editMeasures', 'uploadEvidence'];
  // Indicator systems are standards published downwards: a level reads the published versions of its ancestors.
  const above = [j.provinceId, j.cityId, j.countyId].filter((id): id is number => id !== null && id !== j.id);
  const publishedAbove = { jurisdictionId: { $in: above }, status: 'published' } as unknown as Record<string, number>;
  const reviewsHere = where({ reviewerJurisdictionId: j.id, [LEVEL_FIELD[j.level]]: j.id });
  const ownsCampaign = where({ ownerJurisdictionId: j.id, [LEVEL_FIELD[j.level]]: j.id });
  const participant: Action[] = [...eventsOfActor('participant'), ...editActionsOfActor('participant')];

  for (const role of principal.roles) {
    if (!isRole(role)) throw new UnknownRoleError(`unknown role: ${String(role)}`);
    // Every role reads its own jurisdiction and all descendants, never siblings or ancestors.
    can('read', 'Jurisdiction', subtree);
    can('read', 'Unit', subtree);
    can('read', ['Inspection', 'RectificationItem', 'Notice'], subtree);
    can('read', ['IndicatorSystem', 'Campaign', 'Application'], subtree);
    if (above.length > 0) can('read', 'IndicatorSystem', publishedAbove);
    // Plans (实施方案) go down as documents: every level below reads a published one. A
    // PlanAssignment (a task handed to a unit) is judged by the assignee's place and unit.
    can('read', ['Plan', 'PlanAssignment'], subtree);
    if (above.length > 0) can('read', 'Plan', publishedAbove);
    // Metric definitions go down like plans: the levels below read and report a published one.
    can('read', ['Metric', 'MetricValue', 'AnnualReport'], subtree);
    if (above.length > 0) can('read', 'Metric', publishedAbove);
    // The background job queue (failed jobs after retries) is the deployment's, not a tenant's:
    // read by the top of the tree, a province's admins and supervisors (whose overdue figures
    // depend on the sweep), and only as the province itself, never from another node.
    if (j.level === 'province' && (role === 'admin' || role === 'supervisor')) can('read', 'JobQueue', own);
    switch (role) {
      case 'admin':
        can(['create', 'update'], 'Unit', own);
        can(['read', 'create', 'update', 'deactivate', 'resetPassword'], 'User', own);
        can('read', 'AuditLog', subtree);
        // The county office owns its ledger: edits the finding, picks the responsible unit,
        // hands items down to its townships, and may act as the responsible side itself.
        can(['update', 'assign', 'delegate', ...responsible], 'RectificationItem', own);
        can('reply', 'Notice', ownUnit);
        // The participant's own users fill in and submit its demonstration application.
        can(participant, 'Application', own);
        can(['create', 'update', 'publish', 'remind'], 'Plan', own);
        // Progress on a task is reported by the unit it was handed to (the office reports its own).
        can('reportProgress', 'PlanAssignment', ownUnit);
        can(['create', 'update', 'publish'], 'Metric', own);
        can('update', 'MetricValue', own);
        can(['create', 'update', ...eventsOfAnnualReportActor('author')], 'AnnualReport', own);
        // Onboarding (批量导入): one file sets up units and users for the whole subtree; an
        // admin reads the imports of its subtree (the initial passwords stay the uploader's).
        can('create', 'OnboardingImport', own);
        can('read', 'OnboardingImport', subtree);
        can('import', ['Unit', 'User'], subtree);
        break;
      case 'supervisor':
        can('read', 'AuditLog', subtree);
        // Inspects descendants only: the service also checks the target is strictly below.
        can('create', 'Inspection', subtree);
        cannot('create', 'Inspection', own);
        // Supervisory actions belong to the supervising level alone: a city supervisor reads
        // an item the province supervises but cannot close it.
        can(['create', ...SUPERVISING_EVENTS, 'flag', 'notify'], 'RectificationItem', supervisedHere);
        can(['read', 'update'], 'LightRule', own);
        // Demonstration creation: standards and campaigns of its own level; first review of
        // the applications directly below it; evaluation and naming in its own campaigns.
        can(['create', 'update', 'publish'], 'IndicatorSystem', own);
        can(['create', 'update'], 'Campaign', own);
        can([...eventsOfActor('reviewer'), ...editActionsOfActor('reviewer')], 'Application', reviewsHere);
        can([...eventsOfActor('owner'), ...editActionsOfActor('owner')], 'Application', ownsCampaign);
        // 依法治X办 deploys the year's work (年初部署) and chases missing reports.
        can(['create', 'update', 'publish', 'remind'], 'Plan', own);
        // Defines the figures its levels below report, writes its own annual report and reviews
        // the reports of the level directly below (the reviewer is the report's parent).
        can(['create', 'update', 'publish'], 'Metric', own);
        can(['create', 'update', ...eventsOfAnnualReportActor('author')], 'AnnualReport', own);
        can(eventsOfAnnualReportActor('reviewer'), 'AnnualReport', reviewsHere);
        break;
      case 'operator':
      case 'leader':
        can('read', 'AuditLog', where({ unitId: principal.unitId }));
        can(responsible, 'RectificationItem', ownUnit);
        can('reply', 'Notice', ownUnit);
        can(participant, 'Application', own);
        can('reportProgress', 'PlanAssignment', ownUnit);
        // The filling roles report their jurisdiction's figures and draft its annual report.
        can('update', ['MetricValue', 'AnnualReport'], own);
        break;
      case 'viewer':
        break;
    }
  }
  return rules;
}

export function defineAbilityFor(principal: Principal): AppAbility {
  return createMongoAbility<AppAbility>(rulesFor(principal));
}

export function abilityFromRules(rules: AppRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}

/**
 * Tags a copy of a record with its subject type for `ability.can(action, subjectOf(...))`.
 * A copy, because CASL tags the object itself and refuses to re-tag it: one jurisdiction
 * record is checked as a Jurisdiction, then as the target of an Inspection.
 */
export function subjectOf<T extends ScopedRecord>(type: SubjectType, record: T) {
  return asSubject(type, { ...record });
}

import { AbilityBuilder, createMongoAbility, subject as asSubject } from '@casl/ability';
import type { ForcedSubject, MongoAbility, MongoQuery, RawRuleOf } from '@casl/ability';
import { LEVEL_FIELD } from './jurisdiction.js';
import type { AncestorIds, Level } from './jurisdiction.js';
import { isRole } from './roles.js';
import type { Role } from './roles.js';
import { ITEM_EVENTS } from './rectification/lifecycle.js';
import { RESPONSIBLE_EVENTS, SUPERVISING_EVENTS } from './rectification/edits.js';

/**
 * Actions. On RectificationItem the lifecycle's event names are actions too (acknowledge,
 * close …), plus the edits outside the lifecycle: assign (responsible unit), delegate (to a
 * township), flag (挂牌督办), notify (督办通知), editMeasures (整改措施), uploadEvidence (佐证材料).
 * `reply` answers a notice.
 */
export const ACTIONS = ['read', 'create', 'update', 'deactivate', 'resetPassword', ...ITEM_EVENTS, 'assign', 'delegate', 'flag', 'notify', 'editMeasures', 'uploadEvidence', 'reply'] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = ['Jurisdiction', 'Unit', 'User', 'AuditLog', 'Inspection', 'RectificationItem', 'Notice', 'LightRule'] as const;
export type SubjectType = (typeof SUBJECTS)[number];

/**
 * Attributes a record exposes to ability conditions. Every field here has a SQL column.
 * An Inspection is judged by its target (one row per inspected jurisdiction); a
 * RectificationItem or Notice by the item's jurisdiction, its responsible unit (`unitId`) and
 * the level that supervises it (`supervisingJurisdictionId`).
 */
export interface ScopedRecord extends AncestorIds {
  id?: number;
  jurisdictionId?: number;
  unitId?: number | null;
  supervisingJurisdictionId?: number;
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

  for (const role of principal.roles) {
    if (!isRole(role)) throw new UnknownRoleError(`unknown role: ${String(role)}`);
    // Every role reads its own jurisdiction and all descendants, never siblings or ancestors.
    can('read', 'Jurisdiction', subtree);
    can('read', 'Unit', subtree);
    can('read', ['Inspection', 'RectificationItem', 'Notice'], subtree);
    switch (role) {
      case 'admin':
        can(['create', 'update'], 'Unit', own);
        can(['read', 'create', 'update', 'deactivate', 'resetPassword'], 'User', own);
        can('read', 'AuditLog', subtree);
        // The county office owns its ledger: edits the finding, picks the responsible unit,
        // hands items down to its townships, and may act as the responsible side itself.
        can(['update', 'assign', 'delegate', ...responsible], 'RectificationItem', own);
        can('reply', 'Notice', ownUnit);
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
        break;
      case 'operator':
      case 'leader':
        can('read', 'AuditLog', where({ unitId: principal.unitId }));
        can(responsible, 'RectificationItem', ownUnit);
        can('reply', 'Notice', ownUnit);
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

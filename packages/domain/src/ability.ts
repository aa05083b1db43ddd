import { AbilityBuilder, createMongoAbility, subject as asSubject } from '@casl/ability';
import type { ForcedSubject, MongoAbility, MongoQuery, RawRuleOf } from '@casl/ability';
import { LEVEL_FIELD } from './jurisdiction.js';
import type { AncestorIds, Level } from './jurisdiction.js';
import { isRole } from './roles.js';
import type { Role } from './roles.js';

export const ACTIONS = ['read', 'create', 'update', 'deactivate', 'resetPassword'] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = ['Jurisdiction', 'Unit', 'User', 'AuditLog'] as const;
export type SubjectType = (typeof SUBJECTS)[number];

/** Attributes a record exposes to ability conditions. Every field here has a SQL column. */
export interface ScopedRecord extends AncestorIds {
  id?: number;
  jurisdictionId?: number;
  unitId?: number | null;
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
  const { can, rules } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const j = principal.jurisdiction;
  // CASL types conditions of string subjects as MongoQuery<never>; our fields are ScopedRecord's.
  const where = (c: Partial<ScopedRecord>) => c as Record<string, number>;
  const subtree = where({ [LEVEL_FIELD[j.level]]: j.id });
  const own = where({ jurisdictionId: j.id });

  for (const role of principal.roles) {
    if (!isRole(role)) throw new UnknownRoleError(`unknown role: ${String(role)}`);
    // Every role reads its own jurisdiction and all descendants, never siblings or ancestors.
    can('read', 'Jurisdiction', subtree);
    can('read', 'Unit', subtree);
    switch (role) {
      case 'admin':
        can(['create', 'update'], 'Unit', own);
        can(['read', 'create', 'update', 'deactivate', 'resetPassword'], 'User', own);
        can('read', 'AuditLog', subtree);
        break;
      case 'supervisor':
        can('read', 'AuditLog', subtree);
        break;
      case 'operator':
      case 'leader':
        can('read', 'AuditLog', where({ unitId: principal.unitId }));
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

/** Tags a plain record with its subject type for `ability.can(action, subjectOf(...))`. */
export function subjectOf<T extends ScopedRecord>(type: SubjectType, record: T) {
  return asSubject(type, record);
}

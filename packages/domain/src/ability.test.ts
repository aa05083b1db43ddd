import { describe, expect, it } from 'vitest';
import { ancestorIdsOfCode, levelOfCode } from './jurisdiction.js';
import { defineAbilityFor, subjectOf, UnknownRoleError } from './ability.js';
import type { Action, Principal, ScopedRecord, SubjectType } from './ability.js';
import type { Role } from './roles.js';
import { ROLES } from './roles.js';

/** A principal at a jurisdiction code (unit id = 1000 + code digits, arbitrary but stable). */
function principal(code: string, roles: Role[], unitId = 1): Principal {
  const level = levelOfCode(code)!;
  return { userId: 1, unitId, roles, jurisdiction: { id: Number(code), level, ...ancestorIdsOfCode(code) } };
}

function record(code: string, extra: Partial<ScopedRecord> = {}): ScopedRecord {
  return { jurisdictionId: Number(code), ...ancestorIdsOfCode(code), ...extra };
}

const HEDONG = '371312';
/** Relations of a record's jurisdiction to the caller's (河东区). */
const RELATIONS = {
  own: HEDONG,
  child: '371312001', // 九曲街道
  sibling: '371302', // 兰山区
  ancestor: '3713', // 临沂市
  cousinChild: '371302001', // a street of 兰山区
} as const;
type Relation = keyof typeof RELATIONS;

const SUBTREE: Relation[] = ['own', 'child'];

/** Expected: which relations each role may act on, per action and subject. */
const TABLE: Array<{ role: Role; action: Action; subject: SubjectType; allowed: Relation[] }> = [
  ...ROLES.flatMap((role) => [
    { role, action: 'read' as const, subject: 'Jurisdiction' as const, allowed: SUBTREE },
    { role, action: 'read' as const, subject: 'Unit' as const, allowed: SUBTREE },
  ]),
  { role: 'admin', action: 'create', subject: 'Unit', allowed: ['own'] },
  { role: 'admin', action: 'update', subject: 'Unit', allowed: ['own'] },
  { role: 'admin', action: 'read', subject: 'User', allowed: ['own'] },
  { role: 'admin', action: 'create', subject: 'User', allowed: ['own'] },
  { role: 'admin', action: 'deactivate', subject: 'User', allowed: ['own'] },
  { role: 'admin', action: 'resetPassword', subject: 'User', allowed: ['own'] },
  { role: 'admin', action: 'read', subject: 'AuditLog', allowed: SUBTREE },
  { role: 'supervisor', action: 'read', subject: 'AuditLog', allowed: SUBTREE },
  ...(['supervisor', 'operator', 'leader', 'viewer'] as const).flatMap((role) =>
    (['create', 'update'] as const).map((action) => ({ role, action, subject: 'Unit' as const, allowed: [] as Relation[] })),
  ),
  ...(['supervisor', 'operator', 'leader', 'viewer'] as const).flatMap((role) =>
    (['read', 'create', 'deactivate', 'resetPassword'] as const).map((action) => ({ role, action, subject: 'User' as const, allowed: [] as Relation[] })),
  ),
  { role: 'viewer', action: 'read', subject: 'AuditLog', allowed: [] },
];

describe('abilities: role × relation × action', () => {
  for (const row of TABLE) {
    for (const [relation, code] of Object.entries(RELATIONS) as Array<[Relation, string]>) {
      const expected = row.allowed.includes(relation);
      it(`a county ${row.role} ${expected ? 'may' : 'may not'} ${row.action} a ${row.subject} of its ${relation} jurisdiction`, () => {
        const ability = defineAbilityFor(principal(HEDONG, [row.role]));
        expect(ability.can(row.action, subjectOf(row.subject, record(code)))).toBe(expected);
      });
    }
  }
});

describe('abilities at other levels', () => {
  it('a township operator reads its own street but not a sibling street or its county', () => {
    const a = defineAbilityFor(principal('371312001', ['operator']));
    expect(a.can('read', subjectOf('Jurisdiction', record('371312001')))).toBe(true);
    expect(a.can('read', subjectOf('Jurisdiction', record('371312004')))).toBe(false);
    expect(a.can('read', subjectOf('Jurisdiction', record('371312')))).toBe(false);
  });

  it('a province supervisor reads every descendant but not another province', () => {
    const a = defineAbilityFor(principal('37', ['supervisor']));
    for (const code of ['37', '3713', '371312', '371312001']) expect(a.can('read', subjectOf('Unit', record(code)))).toBe(true);
    expect(a.can('read', subjectOf('Unit', record('110101')))).toBe(false);
  });

  it('an operator reads the audit rows of its own unit only', () => {
    const a = defineAbilityFor(principal(HEDONG, ['operator'], 42));
    expect(a.can('read', subjectOf('AuditLog', record(HEDONG, { unitId: 42 })))).toBe(true);
    expect(a.can('read', subjectOf('AuditLog', record(HEDONG, { unitId: 43 })))).toBe(false);
  });

  it('roles add up: admin+supervisor has both sets of permissions', () => {
    const a = defineAbilityFor(principal(HEDONG, ['admin', 'supervisor']));
    expect(a.can('create', subjectOf('User', record(HEDONG)))).toBe(true);
    expect(a.can('read', subjectOf('AuditLog', record('371312001')))).toBe(true);
  });

  it('an unknown role is refused instead of silently granting nothing', () => {
    expect(() => defineAbilityFor(principal(HEDONG, ['root' as Role]))).toThrow(UnknownRoleError);
  });

  it('a user without roles can do nothing', () => {
    const a = defineAbilityFor(principal(HEDONG, []));
    expect(a.can('read', subjectOf('Jurisdiction', record(HEDONG)))).toBe(false);
  });
});

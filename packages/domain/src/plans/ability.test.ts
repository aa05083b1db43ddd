import { describe, expect, it } from 'vitest';
import { defineAbilityFor, subjectOf } from '../ability.js';
import type { Action, Principal, ScopedRecord } from '../ability.js';
import { sqlConditionFor } from '../ability-sql.js';
import { ancestorIdsOfCode, levelOfCode } from '../jurisdiction.js';
import type { Role } from '../roles.js';

const principal = (code: string, roles: Role[], unitId = 7): Principal => ({ userId: 1, unitId, roles, jurisdiction: { id: Number(code), level: levelOfCode(code)!, ...ancestorIdsOfCode(code) } });
const plan = (code: string, status: 'draft' | 'published'): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code), status });
const assignment = (code: string, unitId: number): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code), unitId });
const can = (p: Principal, action: Action, subject: 'Plan' | 'PlanAssignment', r: ScopedRecord) => defineAbilityFor(p).can(action, subjectOf(subject, r));

describe('who may do what with plans', () => {
  it('the county office drafts, publishes and chases its own plans, not a township’s or the city’s', () => {
    const hedong = principal('371312', ['admin']);
    for (const action of ['create', 'update', 'publish', 'remind'] as const) {
      expect([action, can(hedong, action, 'Plan', plan('371312', 'draft'))]).toEqual([action, true]);
      expect([action, can(hedong, action, 'Plan', plan('371312001', 'draft'))]).toEqual([action, false]);
      expect([action, can(hedong, action, 'Plan', plan('3713', 'published'))]).toEqual([action, false]);
    }
    expect(can(principal('3713', ['supervisor']), 'publish', 'Plan', plan('3713', 'draft'))).toBe(true);
    expect(can(principal('371312', ['operator']), 'create', 'Plan', plan('371312', 'draft'))).toBe(false);
  });

  it('every level below reads a published plan, none reads an upper draft, a sibling reads neither', () => {
    const street = principal('371312001', ['viewer']);
    expect(can(street, 'read', 'Plan', plan('371312', 'published'))).toBe(true);
    expect(can(street, 'read', 'Plan', plan('37', 'published'))).toBe(true);
    expect(can(street, 'read', 'Plan', plan('371312', 'draft'))).toBe(false);
    expect(can(street, 'read', 'Plan', plan('371312004', 'published'))).toBe(false);
    expect(can(principal('371302', ['admin']), 'read', 'Plan', plan('371312', 'published'))).toBe(false);
    expect(can(principal('3713', ['viewer']), 'read', 'Plan', plan('371312', 'draft'))).toBe(true);
  });

  it('only members of the assigned unit report progress; the subtree reads it', () => {
    expect(can(principal('371312', ['operator'], 7), 'reportProgress', 'PlanAssignment', assignment('371312', 7))).toBe(true);
    expect(can(principal('371312', ['operator'], 8), 'reportProgress', 'PlanAssignment', assignment('371312', 7))).toBe(false);
    expect(can(principal('371312', ['admin'], 8), 'reportProgress', 'PlanAssignment', assignment('371312', 7))).toBe(false);
    expect(can(principal('371312', ['viewer'], 7), 'reportProgress', 'PlanAssignment', assignment('371312', 7))).toBe(false);
    expect(can(principal('371312', ['viewer'], 8), 'read', 'PlanAssignment', assignment('371312001', 9))).toBe(true);
    expect(can(principal('371312001', ['operator'], 9), 'read', 'PlanAssignment', assignment('371312', 7))).toBe(false);
  });

  it('translates plan reading into SQL: the subtree, or a published plan of an ancestor', () => {
    expect(sqlConditionFor(defineAbilityFor(principal('371312', ['viewer'])), 'read', 'Plan')).toEqual({
      op: 'or',
      items: [
        { op: 'and', items: [{ op: 'in', column: 'jurisdiction_id', values: [37, 3713] }, { op: 'eq', column: 'status', value: 'published' }] },
        { op: 'eq', column: 'county_id', value: 371312 },
      ],
    });
  });
});

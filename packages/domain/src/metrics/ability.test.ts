import { describe, expect, it } from 'vitest';
import { defineAbilityFor, subjectOf } from '../ability.js';
import type { Action, Principal, ScopedRecord } from '../ability.js';
import { sqlConditionFor } from '../ability-sql.js';
import { ancestorIdsOfCode, levelOfCode } from '../jurisdiction.js';
import type { Role } from '../roles.js';

const principal = (code: string, roles: Role[]): Principal => ({ userId: 1, unitId: 7, roles, jurisdiction: { id: Number(code), level: levelOfCode(code)!, ...ancestorIdsOfCode(code) } });
const at = (code: string, status?: 'draft' | 'published'): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code), ...(status && { status }) });
const can = (p: Principal, action: Action, subject: 'Metric' | 'MetricValue', r: ScopedRecord) => defineAbilityFor(p).can(action, subjectOf(subject, r));

describe('who may do what with metrics', () => {
  it('a province or city defines and publishes its own metrics, never another level’s', () => {
    const linyi = principal('3713', ['supervisor']);
    expect(can(linyi, 'create', 'Metric', at('3713', 'draft'))).toBe(true);
    expect(can(linyi, 'publish', 'Metric', at('3713', 'draft'))).toBe(true);
    expect(can(linyi, 'update', 'Metric', at('37', 'published'))).toBe(false);
    expect(can(linyi, 'update', 'Metric', at('371312', 'draft'))).toBe(false);
    expect(can(principal('3713', ['operator']), 'create', 'Metric', at('3713', 'draft'))).toBe(false);
  });

  it('levels below read a published metric but not a draft; a sibling reads neither', () => {
    const street = principal('371312001', ['operator']);
    expect(can(street, 'read', 'Metric', at('37', 'published'))).toBe(true);
    expect(can(street, 'read', 'Metric', at('3713', 'draft'))).toBe(false);
    expect(can(principal('371302', ['admin']), 'read', 'Metric', at('371312', 'published'))).toBe(false);
  });

  it('a jurisdiction’s filling roles report its own figures; the levels above read them', () => {
    expect(can(principal('371312001', ['operator']), 'update', 'MetricValue', at('371312001'))).toBe(true);
    expect(can(principal('371312', ['admin']), 'update', 'MetricValue', at('371312001'))).toBe(false);
    expect(can(principal('371312', ['viewer']), 'update', 'MetricValue', at('371312'))).toBe(false);
    expect(can(principal('3713', ['viewer']), 'read', 'MetricValue', at('371312001'))).toBe(true);
    expect(can(principal('371312004', ['operator']), 'read', 'MetricValue', at('371312001'))).toBe(false);
  });

  it('translates metric reading into SQL: the subtree, or a published metric of an ancestor', () => {
    expect(sqlConditionFor(defineAbilityFor(principal('371312', ['viewer'])), 'read', 'Metric')).toEqual({
      op: 'or',
      items: [
        { op: 'and', items: [{ op: 'in', column: 'jurisdiction_id', values: [37, 3713] }, { op: 'eq', column: 'status', value: 'published' }] },
        { op: 'eq', column: 'county_id', value: 371312 },
      ],
    });
  });
});

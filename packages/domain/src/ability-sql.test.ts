import { describe, expect, it } from 'vitest';
import { createMongoAbility } from '@casl/ability';
import { defineAbilityFor } from './ability.js';
import type { AppAbility } from './ability.js';
import { sqlConditionFor, UntranslatableConditionError } from './ability-sql.js';
import { ancestorIdsOfCode } from './jurisdiction.js';

const county = { userId: 1, unitId: 7, roles: ['admin' as const], jurisdiction: { id: 371312, level: 'county' as const, ...ancestorIdsOfCode('371312') } };

describe('ability → SQL condition', () => {
  it('a county scope becomes one equality on county_id', () => {
    expect(sqlConditionFor(defineAbilityFor(county), 'read', 'Unit')).toEqual({ op: 'eq', column: 'county_id', value: 371312 });
  });

  it('own-jurisdiction writes become an equality on jurisdiction_id', () => {
    expect(sqlConditionFor(defineAbilityFor(county), 'update', 'Unit')).toEqual({ op: 'eq', column: 'jurisdiction_id', value: 371312 });
  });

  it('fails closed: no rule gives false', () => {
    const viewer = defineAbilityFor({ ...county, roles: ['viewer'] });
    expect(sqlConditionFor(viewer, 'read', 'User')).toEqual({ op: 'false' });
  });

  it('two roles give an OR of their conditions', () => {
    const both = defineAbilityFor({ ...county, roles: ['operator', 'supervisor'] });
    const c = sqlConditionFor(both, 'read', 'AuditLog');
    expect(c.op).toBe('or');
  });

  it('supervisory item actions become the supervising level and the subtree', () => {
    const province = { userId: 1, unitId: 1, roles: ['supervisor' as const], jurisdiction: { id: 37, level: 'province' as const, ...ancestorIdsOfCode('37') } };
    expect(sqlConditionFor(defineAbilityFor(province), 'close', 'RectificationItem')).toEqual({
      op: 'and',
      items: [
        { op: 'eq', column: 'supervising_jurisdiction_id', value: 37 },
        { op: 'eq', column: 'province_id', value: 37 },
      ],
    });
  });

  it('an inverted rule survives translation as a NOT (descendants only)', () => {
    const supervisor = defineAbilityFor({ ...county, roles: ['supervisor'] });
    expect(sqlConditionFor(supervisor, 'create', 'Inspection')).toEqual({
      op: 'and',
      items: [
        { op: 'eq', column: 'county_id', value: 371312 },
        { op: 'not', item: { op: 'eq', column: 'jurisdiction_id', value: 371312 } },
      ],
    });
  });

  it('refuses a field outside the allow-list instead of dropping it', () => {
    const a = createMongoAbility([{ action: 'read', subject: 'Unit', conditions: { secret: 1 } }]) as unknown as AppAbility;
    expect(() => sqlConditionFor(a, 'read', 'Unit')).toThrow(UntranslatableConditionError);
  });

  it('refuses an operator outside the allow-list', () => {
    const a = createMongoAbility([{ action: 'read', subject: 'Unit', conditions: { countyId: { $gt: 1 } } }]) as unknown as AppAbility;
    expect(() => sqlConditionFor(a, 'read', 'Unit')).toThrow(UntranslatableConditionError);
  });
});

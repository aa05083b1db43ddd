import { describe, expect, it } from 'vitest';
import { defineAbilityFor, subjectOf } from '../ability.js';
import { ancestorIdsOfCode } from '../jurisdiction.js';
import { normalizeDivisionCode, rolesFromCell, unitKindFromLabel } from './cells.js';
import { compareRowErrors } from './columns.js';

describe('onboarding cells', () => {
  it('reads role labels, aliases and codes, and keeps unknown ones as written', () => {
    expect(rolesFromCell('管理员、督察')).toEqual({ roles: ['supervisor', 'admin'], unknown: [] });
    expect(rolesFromCell('填报员, 审核;viewer')).toEqual({ roles: ['operator', 'leader', 'viewer'], unknown: [] });
    expect(rolesFromCell('填报,局长')).toEqual({ roles: ['operator'], unknown: ['局长'] });
    expect(rolesFromCell('')).toEqual({ roles: [], unknown: [] });
  });

  it('reads unit types, empty meaning 部门', () => {
    expect(unitKindFromLabel('')).toBe('department');
    expect(unitKindFromLabel('乡镇(街道)')).toBe('township_government');
    expect(unitKindFromLabel('乡镇(街道)')).toBe('township_government');
    expect(unitKindFromLabel('办公室')).toBe('office');
    expect(unitKindFromLabel('委员会')).toBeNull();
  });

  it('normalises the division code forms in circulation', () => {
    expect(normalizeDivisionCode('371312')).toBe('371312');
    expect(normalizeDivisionCode('371312001000')).toBe('371312001');
    expect(normalizeDivisionCode('371312000')).toBe('371312');
    expect(normalizeDivisionCode('371300')).toBe('3713');
    expect(normalizeDivisionCode('370000')).toBe('37');
    expect(normalizeDivisionCode(' 3713 ')).toBe('3713');
    for (const bad of ['', '3', '37131', '371312001001', 'abc', '０３', '0037']) expect(normalizeDivisionCode(bad), bad).toBeNull();
  });

  it('orders errors by sheet, row and column', () => {
    const errors = [
      { sheet: '用户' as const, row: 2, column: '角色', message: '' },
      { sheet: '用户' as const, row: 2, column: '用户名', message: '' },
      { sheet: '单位' as const, row: 9, column: '单位名称', message: '' },
    ];
    expect(errors.sort(compareRowErrors).map((e) => `${e.sheet}${e.row}${e.column}`)).toEqual(['单位9单位名称', '用户2用户名', '用户2角色']);
  });

  it('lets an admin import anywhere in its subtree and nowhere else', () => {
    const admin = defineAbilityFor({ userId: 1, unitId: 1, roles: ['admin'], jurisdiction: { id: 3713, level: 'city', provinceId: 37, cityId: 3713, countyId: null, townshipId: null } });
    const at = (code: string) => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code) });
    expect(admin.can('import', subjectOf('User', at('371312001')))).toBe(true);
    expect(admin.can('import', subjectOf('Unit', at('3713')))).toBe(true);
    expect(admin.can('import', subjectOf('Unit', at('3701')))).toBe(false);
    expect(admin.can('create', subjectOf('OnboardingImport', at('3713')))).toBe(true);
    expect(admin.can('create', subjectOf('OnboardingImport', at('371312')))).toBe(false);
    const supervisor = defineAbilityFor({ userId: 2, unitId: 1, roles: ['supervisor'], jurisdiction: { id: 37, level: 'province', provinceId: 37, cityId: null, countyId: null, townshipId: null } });
    expect(supervisor.can('import', 'User')).toBe(false);
    expect(supervisor.can('read', 'OnboardingImport')).toBe(false);
  });
});

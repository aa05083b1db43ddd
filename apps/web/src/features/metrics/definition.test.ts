import { describe, expect, it } from 'vitest';
import { definitionInput, definitionValues, emptyDefinition, levelsFrom } from './definition';

const CITY = 3713;

describe('levelsFrom / emptyDefinition', () => {
  it('offers the node level and below, and starts one level down', () => {
    expect(levelsFrom('city')).toEqual(['city', 'county', 'township']);
    expect(emptyDefinition('city').reportingLevels).toEqual(['county']);
    expect(emptyDefinition('township').reportingLevels).toEqual(['township']);
  });
});

describe('definitionInput', () => {
  it('turns a rate into the API input: % as its unit, the target as an object, canonical decimals', () => {
    const r = definitionInput({ ...emptyDefinition('city'), code: 'LY-09', name: '按期答复率', kind: 'rate', unit: '件', targetOp: '>=', targetValue: '95.50', numeratorLabel: '按期答复件数', denominatorLabel: '申请件数' }, CITY);
    expect(r).toMatchObject({ ok: true, fields: { code: 'LY-09', unit: '%', kind: 'rate', target: { op: '>=', value: '95.5' }, numeratorLabel: '按期答复件数', denominatorLabel: '申请件数', reportingLevels: ['county'] } });
  });

  it('drops the denominator name of a count and the target when none is chosen', () => {
    const r = definitionInput({ ...emptyDefinition('city'), code: 'LY-10', name: '调解件数', unit: '件', denominatorLabel: '多余', targetOp: null, targetValue: '3' }, CITY);
    expect(r).toMatchObject({ ok: true, fields: { denominatorLabel: null, target: null, numeratorLabel: null } });
  });

  it('answers with the server’s zh-CN message and the field it belongs to', () => {
    expect(definitionInput({ ...emptyDefinition('city'), code: 'LY-11', name: '成功率', kind: 'rate', numeratorLabel: '成功件数' }, CITY)).toEqual({ ok: false, field: 'denominatorLabel', message: '比率和平均类指标须填写分子、分母名称' });
    expect(definitionInput({ ...emptyDefinition('city'), code: 'bad code', name: 'x' }, CITY)).toEqual({ ok: false, field: 'code', message: '编码只能包含字母、数字和 . _ -' });
    expect(definitionInput({ ...emptyDefinition('city'), code: 'A', name: 'x', targetOp: '>=', targetValue: '0.1234' }, CITY)).toMatchObject({ ok: false, field: 'targetValue' });
    expect(definitionInput({ ...emptyDefinition('city'), code: 'A', name: '  ' }, CITY)).toEqual({ ok: false, field: 'name', message: '不能为空' });
  });

  it('round-trips a stored definition through the form', () => {
    const stored = { code: 'SD-05', name: '出庭应诉率', unit: '%', kind: 'rate' as const, direction: 'higher' as const, target: { op: '>=' as const, value: '97' }, cycle: 'year' as const, reportingLevels: ['county' as const], numeratorLabel: '出庭数', denominatorLabel: '应出庭数', groupName: '应诉', sortOrder: 50, description: '' };
    const r = definitionInput(definitionValues(stored), 37);
    expect(r).toEqual({ ok: true, fields: stored });
  });
});

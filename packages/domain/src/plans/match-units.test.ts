import { describe, expect, it } from 'vitest';
import { matchUnit, matchUnits, unitKeys } from './match-units.js';

/** 河东区's units as the demo seeds them: full name and short name. */
const SUFFIXES = ['政府办公室', '委编办', '司法局', '发改局', '财政局', '市场监管局', '行政审批服务局', '公安分局', '人社局', '自然资源局', '住建局', '农业农村局', '应急局', '综合行政执法局', '教育局'];
const HEDONG = SUFFIXES.map((s, i) => ({ id: i + 1, name: `河东区${s}`, shortName: s }));
const idOf = (suffix: string) => SUFFIXES.indexOf(suffix) + 1;
const match = (name: string) => matchUnit(name, HEDONG, '河东区');

describe('matching the units a plan names to the issuer’s units', () => {
  it('matches the full name and the short name exactly', () => {
    expect(match('河东区司法局')).toEqual({ name: '河东区司法局', unitId: idOf('司法局'), how: 'exact', suggestions: [] });
    expect(match('司法局')).toMatchObject({ unitId: idOf('司法局'), how: 'exact' });
  });

  it('drops the level prefix and the jurisdiction’s name: 区司法局 = 司法局, 河东公安分局 = 公安分局', () => {
    expect(match('区司法局')).toMatchObject({ unitId: idOf('司法局'), how: 'alias' });
    expect(match('区委编办')).toMatchObject({ unitId: idOf('委编办'), how: 'alias' });
    expect(match('河东公安分局')).toMatchObject({ unitId: idOf('公安分局'), how: 'alias' });
    expect(match('区政府办公室')).toMatchObject({ unitId: idOf('政府办公室'), how: 'alias' });
  });

  it('knows short and long forms: 行政审批局, 发展和改革局, 市场监督管理局, 政府办, 应急管理局', () => {
    expect(match('区行政审批局').unitId).toBe(idOf('行政审批服务局'));
    expect(match('河东区发展和改革局').unitId).toBe(idOf('发改局'));
    expect(match('区市场监督管理局').unitId).toBe(idOf('市场监管局'));
    expect(match('区政府办').unitId).toBe(idOf('政府办公室'));
    expect(match('区应急管理局').unitId).toBe(idOf('应急局'));
    expect(match('区人力资源和社会保障局').unitId).toBe(idOf('人社局'));
    expect(match('区综合执法局').unitId).toBe(idOf('综合行政执法局'));
  });

  it('does not confuse offices of other bodies with the government office', () => {
    for (const name of ['区委办公室', '区人大常委会办公室', '区政协办公室', '区人大常委会监察和司法委']) expect(match(name).unitId).toBeNull();
  });

  it('leaves units the county does not have unmatched, with no far-fetched suggestion', () => {
    for (const name of ['区商务局', '区大数据局', '区法院', '区卫健局', '河东交通运输分局', '区教体局']) expect(match(name)).toMatchObject({ unitId: null, how: null, suggestions: [] });
  });

  it('offers similar names when nothing matches', () => {
    const units = [...HEDONG, { id: 99, name: '河东区数据资源管理局', shortName: '数据资源管理局' }];
    expect(matchUnit('区数据资源局', units, '河东区').suggestions).toEqual([99]);
  });

  it('offers both and picks neither when two units fit equally', () => {
    const units = [
      { id: 1, name: '河东区公安分局', shortName: '公安分局' },
      { id: 2, name: '河东区公安局', shortName: '公安局' },
    ];
    expect(matchUnit('区公安局', units, '河东区')).toMatchObject({ unitId: 2, how: 'alias' });
    expect(matchUnit('公安部门', units, '河东区').unitId).toBeNull();
    const twins = [
      { id: 1, name: '河东区司法局', shortName: '司法局' },
      { id: 2, name: '河东区司法局(行政复议局)', shortName: '司法局' },
    ];
    expect(matchUnit('区司法局', twins, '河东区')).toMatchObject({ unitId: null, suggestions: [1, 2] });
  });

  it('handles a city issuer and full-width punctuation', () => {
    const linyi = [{ id: 5, name: '临沂市司法局', shortName: '司法局' }];
    expect(matchUnit('市司法局', linyi, '临沂市').unitId).toBe(5);
    expect(matchUnit('\u4E34\u6C82\u5E02\u53F8\u6CD5\u5C40', linyi, '临沂市').unitId).toBe(5);
    expect(unitKeys('区委编办', '河东区')).toContain('编办');
  });

  it('matches each distinct name once', () => {
    const all = matchUnits(['区司法局', '区商务局', '区司法局'], HEDONG, '河东区');
    expect([...all.keys()]).toEqual(['区司法局', '区商务局']);
  });
});

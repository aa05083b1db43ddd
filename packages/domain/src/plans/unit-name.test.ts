import { describe, expect, it } from 'vitest';
import { fullUnitName } from './unit-name.js';

describe('fullUnitName', () => {
  it('puts the jurisdiction in front of the short form a plan writes', () => {
    expect(fullUnitName('河东区', '区商务局')).toBe('河东区商务局');
    expect(fullUnitName('沂南县', '县委编办')).toBe('沂南县委编办');
    expect(fullUnitName('九曲街道', '街道综合执法队')).toBe('九曲街道综合执法队');
  });
  it('keeps names that are already full or belong to another body', () => {
    expect(fullUnitName('河东区', '河东区司法局')).toBe('河东区司法局');
    expect(fullUnitName('河东区', '临沂市生态环境局河东分局')).toBe('临沂市生态环境局河东分局');
    expect(fullUnitName('河东区', ' 人民法院 ')).toBe('人民法院');
  });
});

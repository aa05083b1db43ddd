import { describe, expect, it } from 'vitest';
import { allChildrenLabel } from './enums.js';

describe('the "every child jurisdiction" label of a plan', () => {
  it('follows the issuer’s level: a province’s cities, a city’s counties, a county’s townships', () => {
    expect(allChildrenLabel(37, 'zh-CN')).toBe('各市');
    expect(allChildrenLabel(3713, 'zh-CN')).toBe('各县(市、区)');
    expect(allChildrenLabel(371312, 'zh-CN')).toBe('各乡镇(街道)');
    expect(allChildrenLabel(3713, 'en-US')).toBe('Every county');
  });

  it('is empty for a township, which has no level below, and for an id that is no division code', () => {
    expect(allChildrenLabel(371312001, 'zh-CN')).toBe('');
    expect(allChildrenLabel(12345, 'zh-CN')).toBe('');
  });
});

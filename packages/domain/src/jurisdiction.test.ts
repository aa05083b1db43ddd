import { describe, expect, it } from 'vitest';
import { ancestorIdsOfCode, childLevel, isInSubtree, levelOfCode, pathOfCode } from './jurisdiction.js';

describe('division codes', () => {
  it('derive level, ancestors and ltree path from a township code', () => {
    expect(levelOfCode('371312001')).toBe('township');
    expect(ancestorIdsOfCode('371312001')).toEqual({ provinceId: 37, cityId: 3713, countyId: 371312, townshipId: 371312001 });
    expect(pathOfCode('371312001')).toBe('37.3713.371312.371312001');
    expect(pathOfCode('37')).toBe('37');
  });

  it('reject malformed codes', () => {
    expect(levelOfCode('37a')).toBeNull();
    expect(levelOfCode('12345')).toBeNull();
    expect(() => ancestorIdsOfCode('1')).toThrow();
  });

  it('know the subtree relation', () => {
    const county = { level: 'county' as const, id: 371312 };
    expect(isInSubtree(county, ancestorIdsOfCode('371312004'))).toBe(true);
    expect(isInSubtree(county, ancestorIdsOfCode('371302001'))).toBe(false);
    expect(isInSubtree(county, ancestorIdsOfCode('3713'))).toBe(false);
    expect(childLevel('county')).toBe('township');
    expect(childLevel('township')).toBeNull();
  });
});

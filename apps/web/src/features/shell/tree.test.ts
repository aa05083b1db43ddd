import { describe, expect, it } from 'vitest';
import { buildTreeData, keysToReveal, mergeKeys, parseJurisdictionId } from './tree';
import type { TreeNodeSource } from './tree';

const node = (id: number, name: string, level: TreeNodeSource['level'], hasChildren = true): TreeNodeSource => ({ id, name, level, hasChildren });

describe('buildTreeData', () => {
  const shandong = node(37, '山东省', 'province');
  const linyi = node(3713, '临沂市', 'city');
  const jinan = node(3701, '济南市', 'city');
  const hedong = node(371312, '河东区', 'county');
  const jiuqu = node(371312001, '九曲街道', 'township', false);

  it('lists children only for nodes whose children are loaded', () => {
    const tree = buildTreeData([shandong], new Map([[37, [jinan, linyi]]]), (n) => n.name);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.key).toBe('37');
    expect(tree[0]?.children?.map((c) => c.title)).toEqual(['济南市', '临沂市']);
    expect(tree[0]?.children?.[1]?.children).toBeUndefined();
  });

  it('nests loaded levels and marks nodes without children as leaves', () => {
    const childrenOf = new Map([
      [37, [linyi]],
      [3713, [hedong]],
      [371312, [jiuqu]],
    ]);
    const tree = buildTreeData([shandong], childrenOf, (n) => `${n.name}(${n.level})`);
    const street = tree[0]?.children?.[0]?.children?.[0]?.children?.[0];
    expect(street?.title).toBe('九曲街道(township)');
    expect(street?.isLeaf).toBe(true);
    expect(tree[0]?.isLeaf).toBe(false);
    expect(street?.source).toBe(jiuqu);
  });

  it('a township user gets a single leaf root', () => {
    const tree = buildTreeData([jiuqu], new Map(), (n) => n.name);
    expect(tree).toEqual([{ key: '371312001', title: '九曲街道', isLeaf: true, source: jiuqu }]);
  });
});

describe('keysToReveal', () => {
  it('expands every ancestor but not the node itself', () => {
    expect(keysToReveal([{ id: 37 }, { id: 3713 }, { id: 371312 }])).toEqual(['37', '3713']);
    expect(keysToReveal([{ id: 371312001 }])).toEqual([]);
  });

  it('also opens the node itself when asked (it has children)', () => {
    expect(keysToReveal([{ id: 37 }, { id: 3713 }], true)).toEqual(['37', '3713']);
  });
});

describe('mergeKeys', () => {
  it('adds missing keys once and keeps order', () => {
    expect(mergeKeys(['37', '3713'], ['3713', '371312'])).toEqual(['37', '3713', '371312']);
  });
});

describe('parseJurisdictionId', () => {
  it('accepts division codes of 2, 4, 6 or 9 digits only', () => {
    expect(parseJurisdictionId('37')).toBe(37);
    expect(parseJurisdictionId('371312004')).toBe(371312004);
    expect(parseJurisdictionId('37131')).toBeNull();
    expect(parseJurisdictionId('abc')).toBeNull();
    expect(parseJurisdictionId('00')).toBeNull();
    expect(parseJurisdictionId(undefined)).toBeNull();
    expect(parseJurisdictionId('1e9')).toBeNull();
  });
});

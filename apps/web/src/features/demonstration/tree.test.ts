import { describe, expect, it } from 'vitest';
import { leavesOf, missingLeaves } from './tree';
import type { IndicatorNode } from './tree';

const node = (id: number, leaf: boolean, children: IndicatorNode[] = [], selfScore: number | null = null): IndicatorNode =>
  ({ id, parentId: null, level: leaf ? 2 : 1, code: String(id), name: `n${id}`, maxScore: leaf ? 3 : null, guidance: '', evidence: '', veto: false, sortOrder: id, leaf, totalMax: 0, children, extra: { subtotal: null, assessment: leaf && selfScore !== null ? { selfScore } : null } }) as unknown as IndicatorNode;

describe('indicator tree helpers', () => {
  it('lists leaves in order and the ones without a self score', () => {
    const tree = [node(1, false, [node(11, true, [], 3), node(12, true)]), node(2, false, [node(21, true)])];
    expect(leavesOf(tree).map((n) => n.id)).toEqual([11, 12, 21]);
    expect(missingLeaves(tree).map((n) => n.id)).toEqual([12, 21]);
  });
});

import type { ApplicationDetail } from '../../app/trpc';

export type IndicatorNode = ApplicationDetail['tree'][number];

/** Every leaf indicator (the ones scored), in tree order. */
export function leavesOf(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((n) => (n.leaf ? [n] : leavesOf(n.children as IndicatorNode[])));
}

/** Leaves without a self score yet: what is still missing before the application can be submitted. */
export function missingLeaves(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return leavesOf(nodes).filter((n) => n.extra.assessment?.selfScore === null || n.extra.assessment?.selfScore === undefined);
}

export const anchorOf = (n: { id: number }) => `ind-${n.id}`;

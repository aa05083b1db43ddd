import type { Level } from '@fz/domain';

export interface TreeNodeSource {
  id: number;
  name: string;
  level: Level;
  hasChildren: boolean;
}

export interface NavTreeNode<T extends TreeNodeSource, Title> {
  key: string;
  title: Title;
  isLeaf: boolean;
  children?: Array<NavTreeNode<T, Title>>;
  source: T;
}

export const nodeKey = (id: number): string => String(id);

/**
 * The antd Tree data for what has been loaded so far: a node lists children only once they are
 * known, so the Tree asks `loadData` for the rest.
 */
export function buildTreeData<T extends TreeNodeSource, Title>(
  nodes: readonly T[],
  childrenOf: ReadonlyMap<number, readonly T[]>,
  title: (node: T) => Title,
): Array<NavTreeNode<T, Title>> {
  return nodes.map((node) => {
    const kids = childrenOf.get(node.id);
    const item: NavTreeNode<T, Title> = { key: nodeKey(node.id), title: title(node), isLeaf: !node.hasChildren, source: node };
    if (kids) item.children = buildTreeData(kids, childrenOf, title);
    return item;
  });
}

/**
 * Keys to expand so that the node at the end of `chain` (root → node) is visible, and, when it
 * has children, opened too: selecting a county shows its townships.
 */
export function keysToReveal(chain: ReadonlyArray<{ id: number }>, openSelected = false): string[] {
  return (openSelected ? chain : chain.slice(0, -1)).map((a) => nodeKey(a.id));
}

/** Union of two key lists, keeping the first list's order. */
export function mergeKeys(current: readonly string[], extra: readonly string[]): string[] {
  const seen = new Set(current);
  return [...current, ...extra.filter((k) => !seen.has(k))];
}

/** Route ids are division codes: 2, 4, 6 or 9 digits. Anything else is not a jurisdiction. */
export function parseJurisdictionId(raw: string | undefined): number | null {
  if (!raw || !/^\d{2}$|^\d{4}$|^\d{6}$|^\d{9}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 11 ? id : null;
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Skeleton, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import type { JurisdictionChild } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { LevelTag } from '../../shared/LevelTag';
import { buildTreeData, keysToReveal, mergeKeys, nodeKey } from './tree';
import type { NavTreeNode } from './tree';

interface Props {
  selectedId: number | null;
  /** Root → selected node, from `jurisdictions.get`; used to reveal a node reached by URL or search. */
  selectedChain: ReadonlyArray<{ id: number }> | undefined;
  /** Whether the selected node has children to show. */
  selectedHasChildren: boolean;
  onSelect: (id: number) => void;
}

type Node = NavTreeNode<JurisdictionChild, React.ReactNode>;

/**
 * The left-hand navigator. Children are fetched lazily through the query cache, so the tree and
 * the children table of the main area share one request per node.
 */
export function JurisdictionTree({ selectedId, selectedChain, selectedHasChildren, onSelect }: Props) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  /** Every node whose children were ever requested; collapsing keeps them loaded. */
  const [requested, setRequested] = useState<number[]>([]);

  const roots = useQuery(trpc.jurisdictions.children.queryOptions({}));
  const childLists = useQueries({
    queries: requested.map((parentId) => trpc.jurisdictions.children.queryOptions({ parentId }, { staleTime: 10 * 60_000 })),
    combine: (results) => results.map((r) => r.data),
  });

  const childrenOf = useMemo(() => {
    const map = new Map<number, JurisdictionChild[]>();
    requested.forEach((parentId, i) => {
      const data = childLists[i];
      if (data) map.set(parentId, data);
    });
    return map;
  }, [requested, childLists]);

  const loadedKeys = useMemo(() => [...childrenOf.keys()].map(nodeKey), [childrenOf]);

  const request = useCallback((ids: number[]) => {
    setRequested((prev) => {
      const missing = ids.filter((id) => !prev.includes(id));
      return missing.length ? [...prev, ...missing] : prev;
    });
  }, []);

  const loadData = useCallback(
    async (node: TreeDataNode) => {
      const parentId = Number(node.key);
      request([parentId]);
      await queryClient.fetchQuery(trpc.jurisdictions.children.queryOptions({ parentId }, { staleTime: 10 * 60_000 }));
    },
    [queryClient, request, trpc],
  );

  // The root opens on first load: a supervisor sees the level below at a glance.
  const root = roots.data?.[0];
  useEffect(() => {
    if (!root?.hasChildren) return;
    request([root.id]);
    setExpandedKeys((prev) => mergeKeys(prev, [nodeKey(root.id)]));
  }, [root?.id, root?.hasChildren, request]);

  // Reveal the selected node: load and expand its ancestors (the root is always shown).
  useEffect(() => {
    if (!selectedChain) return;
    const reveal = keysToReveal(selectedChain, selectedHasChildren);
    if (reveal.length === 0) return;
    request(reveal.map(Number));
    setExpandedKeys((prev) => mergeKeys(prev, reveal));
  }, [selectedChain, selectedHasChildren, request]);

  // Once revealed, bring the selected node into view inside the scrolling sider.
  useEffect(() => {
    if (selectedId === null) return;
    const el = document.querySelector(`[data-jid="${selectedId}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, childrenOf]);

  const treeData = useMemo(
    () =>
      buildTreeData(roots.data ?? [], childrenOf, (n) => (
        <span className="fz-tree-title" data-jid={n.id}>
          <span className="fz-tree-name">{n.name}</span>
          <LevelTag level={n.level} small />
          {n.childCount > 0 ? <span className="fz-tree-count">{n.childCount}</span> : null}
        </span>
      )),
    [roots.data, childrenOf],
  );

  if (roots.isPending) return <Skeleton active paragraph={{ rows: 6 }} className="fz-pad" />;
  if (roots.error) return <Alert type="error" showIcon title={errorMessage(roots.error, t('common.networkError'))} className="fz-pad" />;

  return (
    <Tree<Node>
      className="fz-tree"
      aria-label={t('shell.treeLabel')}
      blockNode
      showLine={root?.hasChildren ? { showLeafIcon: false } : false}
      treeData={treeData}
      loadData={loadData}
      loadedKeys={loadedKeys}
      expandedKeys={expandedKeys}
      onExpand={(keys) => setExpandedKeys(keys.map(String))}
      selectedKeys={selectedId === null ? [] : [nodeKey(selectedId)]}
      onSelect={(_keys, info) => onSelect(info.node.source.id)}
    />
  );
}

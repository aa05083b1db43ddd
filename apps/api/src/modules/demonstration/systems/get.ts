import { subjectOf, treeProblems, versionGetInput } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { versionNodes, versionRecord, versionSummary, visibleVersion, treeOf } from './queries.js';

/** One version with its indicator tree (subtotals of maximum scores per node) and what the caller may do to it. */
export const getVersion = authorized('read', 'IndicatorSystem')
  .input(versionGetInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const v = await visibleVersion(tx, ctx.ability, input.id);
      const nodes = await versionNodes(tx, v.id);
      const versions = await tx.selectFrom('indicator_versions').select(['id', 'version_no', 'status']).where('system_id', '=', v.system_id).orderBy('version_no').execute();
      const owner = subjectOf('IndicatorSystem', versionRecord(v));
      const draft = v.status === 'draft';
      const problems = draft ? treeProblems(nodes.map((n) => ({ id: n.id, parentId: n.parent_id, level: n.level, code: n.code, maxScore: n.max_score, veto: n.veto }))) : [];
      const tree = treeOf(nodes, () => null);
      return {
        ...versionSummary(v),
        indicatorCount: nodes.length,
        leafCount: nodes.length - new Set(nodes.map((n) => n.parent_id).filter((p) => p !== null)).size,
        maxTotal: Math.round(tree.reduce((s, n) => s + n.totalMax, 0) * 10) / 10,
        tree,
        /** Other versions of the same system the caller can see. */
        versions: versions.map((x) => ({ id: x.id, versionNo: x.version_no, status: x.status })),
        /** Why the draft cannot be published yet (empty when it can). */
        problems,
        allowed: {
          edit: draft && ctx.ability.can('update', owner),
          publish: draft && problems.length === 0 && ctx.ability.can('publish', owner),
          newDraft: !draft && !versions.some((x) => x.status === 'draft') && ctx.ability.can('create', owner),
        },
      };
    }),
  );

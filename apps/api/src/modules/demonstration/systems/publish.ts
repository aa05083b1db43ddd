import { AppError, treeProblems, versionPublishInput } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { placeOf } from '../common.js';
import { editableDraft, touchVersion, versionNodes, versionSnapshot, versionSummary } from './queries.js';

/** Publishes a draft whose tree is complete; from then on it never changes and campaigns may use it. */
export const publishVersion = authorized('publish', 'IndicatorSystem')
  .input(versionPublishInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await editableDraft(tx, ctx.ability, input.id, input.version, 'publish');
      const nodes = await versionNodes(tx, before.id);
      const [problem, ...more] = treeProblems(nodes.map((n) => ({ id: n.id, parentId: n.parent_id, level: n.level, code: n.code, maxScore: n.max_score, veto: n.veto })));
      if (problem) throw new AppError('BAD_REQUEST', more.length ? `${problem}(另有 ${more.length} 处问题)` : problem);
      const after = await touchVersion(tx, before, { status: 'published', published_at: new Date() });
      await ctx.audit(tx, { action: 'indicatorSystem.publish', subjectType: 'IndicatorSystem', subjectId: after.id, jurisdiction: placeOf(after), before: versionSnapshot(before), after: { ...versionSnapshot(after), indicators: nodes.length } });
      return versionSummary(after);
    }),
  );

import { versionUpdateInput } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { placeOf, tenthsOf } from '../common.js';
import { editableDraft, touchVersion, versionSnapshot, versionSummary } from './queries.js';

/** Settings of a draft: pass line (命名分数线), the satisfaction survey's share, notes. */
export const updateVersion = authorized('update', 'IndicatorSystem')
  .input(versionUpdateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await editableDraft(tx, ctx.ability, input.id, input.version);
      const after = await touchVersion(tx, before, {
        ...(input.passLine !== undefined && { pass_line: tenthsOf(input.passLine) }),
        ...(input.satisfactionPct !== undefined && { satisfaction_pct: input.satisfactionPct }),
        ...(input.notes !== undefined && { notes: input.notes ?? null }),
      });
      await ctx.audit(tx, { action: 'indicatorSystem.update', subjectType: 'IndicatorSystem', subjectId: after.id, jurisdiction: placeOf(after), before: versionSnapshot(before), after: versionSnapshot(after) });
      return versionSummary(after);
    }),
  );

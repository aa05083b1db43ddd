import { AppError, DEMONSTRATION_MESSAGES, MESSAGES, campaignUpdateInput } from '@fz/domain';
import { assertCan, authorized, forbidden } from '../../../trpc/init.js';
import { placeOf, tenthsOf } from '../common.js';
import { campaignDto, campaignRecord, campaignReturning, campaignSnapshot, visibleCampaign } from './queries.js';

/** The owner changes a campaign's name, deadlines, target, pass line or the veto's effect. */
export const updateCampaign = authorized('update', 'Campaign')
  .input(campaignUpdateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleCampaign(tx, ctx.ability, input.id);
      assertCan(ctx.ability, 'update', 'Campaign', campaignRecord(before));
      if (before.version !== input.version) throw new AppError('CONFLICT', MESSAGES.conflict);
      const submit = input.submitDeadline ?? before.submit_deadline;
      const review = input.reviewDeadline ?? before.review_deadline;
      if (review < submit) throw new AppError('BAD_REQUEST', DEMONSTRATION_MESSAGES.deadlineOrder);
      const after = await tx
        .updateTable('campaigns')
        .set((eb) => ({
          ...(input.name !== undefined && { name: input.name }),
          submit_deadline: submit,
          review_deadline: review,
          ...(input.target !== undefined && { target_numerator: input.target.numerator, target_denominator: input.target.denominator }),
          ...(input.passLine !== undefined && { pass_line: tenthsOf(input.passLine) }),
          ...(input.vetoFails !== undefined && { veto_fails: input.vetoFails }),
          ...(input.description !== undefined && { description: input.description ?? null }),
          updated_at: new Date(),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', before.id)
        .where('version', '=', input.version)
        .returning(campaignReturning)
        .executeTakeFirst();
      if (!after) {
        // Still at the version read, yet not updated: row-level security kept it from this scope.
        const now = await tx.selectFrom('campaigns').select('version').where('id', '=', before.id).executeTakeFirst();
        if (now?.version === input.version) throw forbidden();
        throw new AppError('CONFLICT', MESSAGES.conflict);
      }
      await ctx.audit(tx, { action: 'campaign.update', subjectType: 'Campaign', subjectId: after.id, jurisdiction: placeOf(after), before: campaignSnapshot(before), after: campaignSnapshot(after) });
      return campaignDto(after);
    }),
  );

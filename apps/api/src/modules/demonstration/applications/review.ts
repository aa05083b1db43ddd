import { AppError, DEMONSTRATION_MESSAGES, assessmentReviewInput } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { placeOf, tenthsOf } from '../common.js';
import { assertEditable, assertWithinMax, assessmentOf, leafOf, writeAssessment } from './assess.js';
import { applicationSummary, assessmentDto, assessmentsOf, visibleApplication } from './queries.js';
import { progressDto, scoreApplication, scoringBasis } from './scoring.js';

/**
 * The reviewer's score of one indicator during first review (初审): score, comment, and for a
 * one-vote-veto indicator whether the veto situation occurred. Saving the same again changes nothing.
 */
export const reviewAssessment = authorized('review', 'Application')
  .input(assessmentReviewInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const app = await visibleApplication(tx, ctx.ability, input.applicationId, 'review', true);
      assertEditable(app, 'review');
      const node = await leafOf(tx, app, input.indicatorId);
      const reviewed = tenthsOf(input.reviewedScore);
      assertWithinMax(node, reviewed);
      if (input.vetoHit && !node.veto) throw new AppError('BAD_REQUEST', DEMONSTRATION_MESSAGES.vetoNotVetoIndicator);
      const comment = input.comment ?? null;
      const existing = await assessmentOf(tx, app.id, node.id);
      let saved = existing;
      if (!existing || existing.reviewed_at === null || existing.reviewed_score !== reviewed || existing.review_comment !== comment || existing.veto_hit !== input.vetoHit) {
        saved = await writeAssessment(tx, app, node.id, existing, input.version, { reviewed_score: reviewed, review_comment: comment, veto_hit: input.vetoHit, reviewed_at: new Date(), reviewed_by_name: ctx.session.displayName });
        await ctx.audit(tx, {
          action: 'application.review',
          subjectType: 'Application',
          subjectId: app.id,
          jurisdiction: placeOf(app),
          ...(existing && { before: { indicatorId: node.id, code: node.code, reviewedScore: existing.reviewed_score, comment: existing.review_comment, vetoHit: existing.veto_hit } }),
          after: { indicatorId: node.id, code: node.code, reviewedScore: reviewed, comment, vetoHit: input.vetoHit },
        });
      }
      const scored = scoreApplication(app, await scoringBasis(tx, app), await assessmentsOf(tx, app.id));
      return { assessment: assessmentDto(saved!), application: applicationSummary(app), progress: progressDto(scored.total) };
    }),
  );

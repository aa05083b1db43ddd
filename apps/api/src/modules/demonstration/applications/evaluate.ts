import { AppError, MESSAGES, applicationEvaluateInput } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { points, tenthsOf } from '../common.js';
import { assertEditable } from './assess.js';
import { changeApplication } from './events.js';
import { applicationSummary, assessmentsOf, visibleApplication } from './queries.js';
import { scoreApplication, scoringBasis } from './scoring.js';

/**
 * The campaign owner's evaluation (评估): the public satisfaction survey's score and a comment.
 * The result it leads to is returned and written on the timeline; naming is a separate step.
 */
export const evaluateApplication = authorized('evaluate', 'Application')
  .input(applicationEvaluateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleApplication(tx, ctx.ability, input.id, 'evaluate', true);
      if (before.version !== input.version) throw new AppError('CONFLICT', MESSAGES.conflict);
      assertEditable(before, 'evaluate');
      const satisfaction = tenthsOf(input.satisfactionScore);
      const comment = input.comment ?? null;
      const basis = await scoringBasis(tx, before);
      const assessments = await assessmentsOf(tx, before.id);
      const result = scoreApplication({ ...before, satisfaction_score: satisfaction }, basis, assessments).verdict;
      const after = await changeApplication(tx, ctx, before, input.version, { satisfaction_score: satisfaction, evaluation_comment: comment, evaluated_at: new Date() }, {
        event: 'evaluate',
        note: comment,
        payload: { satisfactionScore: satisfaction, finalScore: result.score, passes: result.passes, vetoed: result.vetoed },
      });
      return { ...applicationSummary(after), result: { finalScore: points(result.score)!, reachesPassLine: result.reachesPassLine, vetoed: result.vetoed, passes: result.passes } };
    }),
  );

import { assessmentSaveInput } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { placeOf, tenthsOf } from '../common.js';
import { assertEditable, assertWithinMax, assessmentOf, leafOf, startIfNeeded, writeAssessment } from './assess.js';
import { applicationSummary, assessmentDto, assessmentsOf, visibleApplication } from './queries.js';
import { progressDto, scoreApplication, scoringBasis } from './scoring.js';

/**
 * Saves the participant's self-assessment of one indicator (自评: score and explanation) as a
 * draft. Saving the same content again is a no-op, so a resent request does no harm.
 */
export const saveAssessment = authorized('save', 'Application')
  .input(assessmentSaveInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      let app = await visibleApplication(tx, ctx.ability, input.applicationId, 'save', true);
      assertEditable(app, 'assess');
      const node = await leafOf(tx, app, input.indicatorId);
      const selfScore = input.selfScore === null || input.selfScore === undefined ? null : tenthsOf(input.selfScore);
      assertWithinMax(node, selfScore);
      const explanation = input.explanation ?? null;
      const existing = await assessmentOf(tx, app.id, node.id);
      let saved = existing;
      if (!existing || existing.self_score !== selfScore || existing.explanation !== explanation) {
        saved = await writeAssessment(tx, app, node.id, existing, input.version, { self_score: selfScore, explanation, assessed_at: new Date(), assessed_by_name: ctx.session.displayName });
        app = await startIfNeeded(tx, ctx, app, ctx.services.today());
        await ctx.audit(tx, {
          action: 'application.assess',
          subjectType: 'Application',
          subjectId: app.id,
          jurisdiction: placeOf(app),
          ...(existing && { before: { indicatorId: node.id, code: node.code, selfScore: existing.self_score, explanation: existing.explanation } }),
          after: { indicatorId: node.id, code: node.code, selfScore, explanation },
        });
      }
      const scored = scoreApplication(app, await scoringBasis(tx, app), await assessmentsOf(tx, app.id));
      return { assessment: assessmentDto(saved!), application: applicationSummary(app), progress: progressDto(scored.total) };
    }),
  );

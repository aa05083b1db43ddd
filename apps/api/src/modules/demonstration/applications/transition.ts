import { APPLICATION_EVENTS, AppError, applicationTransitionInput, decideApplicationEvent } from '@fz/domain';
import type { ApplicationTransitionInput } from '@fz/domain';
import { sql } from 'kysely';
import type { Tx } from '@fz/db';
import { authorized } from '../../../trpc/init.js';
import { changeApplication } from './events.js';
import type { ApplicationChanges, ApplicationRow } from './queries.js';
import { applicationRecord, applicationSummary, assertApplicationVersion, assessmentsOf, visibleApplication } from './queries.js';
import { scoreApplication, scoringBasis } from './scoring.js';

/** Column changes an event makes besides the status. */
function sideEffects(input: ApplicationTransitionInput, now: Date): ApplicationChanges {
  switch (input.event) {
    case 'submit':
      return { submitted_at: now };
    case 'name':
    case 'fail':
      return { decided_at: now };
    default:
      return {};
  }
}

/**
 * First review starts from the self-assessment: every indicator the reviewer has not scored yet
 * takes its self score, so the reviewer adjusts what needs adjusting. Scores the reviewer set
 * before a return stay.
 */
async function prefillReview(tx: Tx, app: ApplicationRow): Promise<void> {
  await tx
    .updateTable('assessments')
    .set({ reviewed_score: sql<number | null>`self_score`, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('application_id', '=', app.id)
    .where('reviewed_at', 'is', null)
    .execute();
}

/**
 * Fires a lifecycle event: submit (申报), startReview / completeReview / return (初审), name / fail
 * (命名 / 未通过). Who may fire it is CASL's answer (the event name is the action); what it needs
 * is the domain lifecycle's. A refused event changes nothing.
 */
export const transitionApplication = authorized(APPLICATION_EVENTS, 'Application')
  .input(applicationTransitionInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleApplication(tx, ctx.ability, input.id, input.event, true);
      assertApplicationVersion(before, input.version);
      const basis = await scoringBasis(tx, before);
      const scored = scoreApplication(before, basis, await assessmentsOf(tx, before.id));
      const decision = decideApplicationEvent(ctx.ability, applicationRecord(before), scored.facts, input.event, { reason: input.reason }, ctx.services.today());
      if (!decision.ok) throw new AppError(decision.code, decision.message);
      if (input.event === 'startReview') await prefillReview(tx, before);
      const verdict = input.event === 'name' || input.event === 'fail' ? { finalScore: scored.verdict.score, passes: scored.verdict.passes, vetoed: scored.verdict.vetoed } : undefined;
      const after = await changeApplication(tx, ctx, before, input.version, { status: decision.to, ...sideEffects(input, new Date()) }, {
        event: input.event,
        from: before.status,
        to: decision.to,
        reason: input.reason ?? null,
        note: input.note ?? null,
        ...(verdict && { payload: verdict }),
      });
      return applicationSummary(after);
    }),
  );

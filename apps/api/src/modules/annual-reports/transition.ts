import { ANNUAL_REPORT_EVENTS, AppError, annualReportTransitionFor, annualReportTransitionInput, decideAnnualReportEvent, subjectOf } from '@fz/domain';
import type { AnnualReportEvent } from '@fz/domain';
import type { AnnualReportTable } from '@fz/db';
import type { Updateable } from 'kysely';
import { authorized, forbidden } from '../../trpc/init.js';
import { recordReportEvent } from './events.js';
import { assertReportVersion, reportDetail, reportFacts, reportRecord, reportReturning, reportSnapshot, visibleReport } from './queries.js';

/**
 * 报送 / 退回 / 审核通过 / 公开发布. Who may fire an event is the ability (the event is the action on
 * AnnualReport: the author submits and publishes, the level above returns and accepts); what it
 * needs is the lifecycle's. An event the report has already undergone answers the same (a client
 * may resend). Each writes a timeline entry and an audit row.
 */
export const transitionReport = authorized(ANNUAL_REPORT_EVENTS, 'AnnualReport')
  .input(annualReportTransitionInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const seen = await visibleReport(tx, ctx.ability, input.id);
      const event: AnnualReportEvent = input.event;
      if (!ctx.ability.can(event, subjectOf('AnnualReport', reportRecord(seen)))) throw forbidden();
      const to = annualReportTransitionFor(event).to;
      if (seen.status === to) return reportDetail(tx, ctx.ability, seen);
      const before = await visibleReport(tx, ctx.ability, input.id, event);
      const decision = decideAnnualReportEvent(ctx.ability, reportRecord(before), reportFacts(before), event, { reason: input.reason });
      if (!decision.ok) throw new AppError(decision.code, decision.message);
      assertReportVersion(before, input.version);
      const now = new Date();
      const set: Updateable<AnnualReportTable> =
        event === 'submit' ? { submitted_at: now, return_reason: null }
        : event === 'return' ? { return_reason: input.reason!.trim(), reviewed_at: now, reviewed_by_name: ctx.session.displayName }
        : event === 'accept' ? { return_reason: null, reviewed_at: now, reviewed_by_name: ctx.session.displayName }
        : { published_at: now, issue_date: input.issueDate ?? ctx.services.today() };
      const after = await tx
        .updateTable('annual_reports')
        .set((eb) => ({ ...set, status: decision.to, version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', before.id)
        .returning(reportReturning)
        .executeTakeFirstOrThrow();
      await recordReportEvent(tx, ctx, after, { event, from: before.status, to: after.status, reason: event === 'return' ? after.return_reason : null });
      await ctx.audit(tx, { action: `annualReport.${event}`, subjectType: 'AnnualReport', subjectId: after.id, jurisdiction: reportRecord(after), unitId: ctx.principal.unitId, before: reportSnapshot(before), after: reportSnapshot(after) });
      return reportDetail(tx, ctx.ability, after);
    }),
  );

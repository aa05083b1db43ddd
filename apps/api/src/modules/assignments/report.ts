import { AppError, MESSAGES, PLAN_MESSAGES, assignmentReportInput } from '@fz/domain';
import type { Tx } from '@fz/db';
import { authorized } from '../../trpc/init.js';
import type { ItemCtx } from '../items/events.js';
import { planPeriod } from '../plans/period.js';
import type { AssignmentRow } from './queries.js';
import { assignmentRecord, reportColumns, reportDto, visibleAssignment } from './queries.js';

const selectReport = (tx: Tx, assignmentId: number, period: string) =>
  tx.selectFrom('plan_reports as r').select(reportColumns).where('r.assignment_id', '=', assignmentId).where('r.period', '=', period).forUpdate().executeTakeFirst();

async function firstReport(tx: Tx, ctx: ItemCtx, a: AssignmentRow, input: { period: string; text: string; percent: number }, today: string) {
  return tx
    .insertInto('plan_reports')
    .values({
      assignment_id: a.id,
      plan_id: a.plan_id,
      task_id: a.task_id,
      jurisdiction_id: a.jurisdiction_id,
      province_id: a.province_id,
      city_id: a.city_id,
      county_id: a.county_id,
      township_id: a.township_id,
      unit_id: a.unit_id,
      period: input.period,
      text: input.text,
      percent: input.percent,
      reported_on: today,
      reported_by: ctx.principal.userId,
      reported_by_name: ctx.session.displayName,
    })
    .onConflict((oc) => oc.columns(['assignment_id', 'period']).doNothing())
    .returning(['id', 'assignment_id', 'period', 'text', 'percent', 'reported_on', 'reported_by_name', 'version', 'updated_at'])
    .executeTakeFirst();
}

/**
 * 进展报送: the unit's report for one period (text and percent; files go to POST
 * /api/plan-reports/:id/files). The first report fixes the date that counts (on time or late);
 * changing it later needs the version the client saw. Sending the same report again changes
 * nothing (a client may resend).
 */
export const reportProgress = authorized('reportProgress', 'PlanAssignment')
  .input(assignmentReportInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const a = await visibleAssignment(tx, ctx.ability, input.assignmentId, 'reportProgress');
      const period = planPeriod(a, input.period);
      const today = ctx.services.today();
      if (period.start > today) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.futurePeriod);
      const where = assignmentRecord(a);
      let existing = await selectReport(tx, a.id, input.period);
      if (!existing) {
        const created = await firstReport(tx, ctx, a, input, today);
        if (created) {
          const dto = reportDto(created);
          await ctx.audit(tx, { action: 'plan.report', subjectType: 'PlanReport', subjectId: created.id, jurisdiction: where, unitId: a.unit_id, after: { ...dto, assignmentId: a.id, taskId: a.task_id } });
          return dto;
        }
        // Another request of the unit reported the period a moment ago: judge this one against it.
        existing = await selectReport(tx, a.id, input.period);
        if (!existing) throw new AppError('CONFLICT', MESSAGES.conflict);
      }
      if (existing.text === input.text && existing.percent === input.percent) return reportDto(existing);
      if (input.version !== existing.version) throw new AppError('CONFLICT', MESSAGES.conflict);
      const updated = await tx
        .updateTable('plan_reports')
        .set((eb) => ({ text: input.text, percent: input.percent, reported_by: ctx.principal.userId, reported_by_name: ctx.session.displayName, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .returning(['id', 'assignment_id', 'period', 'text', 'percent', 'reported_on', 'reported_by_name', 'version', 'updated_at'])
        .executeTakeFirst();
      if (!updated) throw new AppError('CONFLICT', MESSAGES.conflict);
      const dto = reportDto(updated);
      await ctx.audit(tx, { action: 'plan.report.update', subjectType: 'PlanReport', subjectId: updated.id, jurisdiction: where, unitId: a.unit_id, before: reportDto(existing), after: dto });
      return dto;
    }),
  );

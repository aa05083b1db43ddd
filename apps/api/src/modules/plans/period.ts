import { AppError, PLAN_MESSAGES, periodLabel, periodOf, periodRange, periodsBetween, reportDueDate } from '@fz/domain';
import type { ReportCycle } from '@fz/domain';

export interface PlanTiming {
  report_cycle: ReportCycle;
  period_start: string;
  period_end: string;
  report_grace_days: number;
}

/** Every reporting period of the plan, oldest first, with its label and due date. */
export function planPeriods(p: PlanTiming) {
  return periodsBetween(p.report_cycle, p.period_start, p.period_end).map((key) => ({
    key,
    label: periodLabel(p.report_cycle, key),
    dueDate: reportDueDate(p.report_cycle, key, p.report_grace_days)!,
  }));
}

/** The period a view opens on: today's, or the plan's first or last when today is outside it. */
export function defaultPeriod(p: PlanTiming, today: string): string {
  const day = today < p.period_start ? p.period_start : today > p.period_end ? p.period_end : today;
  return periodOf(p.report_cycle, day);
}

/** A period of the plan (BAD_REQUEST otherwise), with its range, label and due date. */
export function planPeriod(p: PlanTiming, key: string) {
  const range = periodRange(p.report_cycle, key);
  if (!range || range.end < p.period_start || range.start > p.period_end) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.badPeriod);
  return { key, ...range, label: periodLabel(p.report_cycle, key), dueDate: reportDueDate(p.report_cycle, key, p.report_grace_days)! };
}

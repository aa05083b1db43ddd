import { AppError, reportState } from '@fz/domain';
import type { AppAbility } from '@fz/domain';
import type { Tx } from '@fz/db';
import { allowedWhere } from '../../sql/ability-where.js';
import { defaultPeriod, planPeriod } from '../plans/period.js';
import type { AssignmentRow, ReportDto } from './queries.js';
import { reportColumns, reportDto } from './queries.js';

/** The requested period when it is one of the plan's, else the one its views open on. */
function periodFor(row: AssignmentRow, requested: string | undefined, today: string) {
  if (requested !== undefined) {
    try {
      return planPeriod(row, requested);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  return planPeriod(row, defaultPeriod(row, today));
}

async function reportsOf(tx: Tx, assignmentIds: number[]) {
  if (assignmentIds.length === 0) return [];
  return tx.selectFrom('plan_reports as r').select(reportColumns).where('r.assignment_id', 'in', assignmentIds).orderBy('r.period', 'desc').execute();
}

/** The other units on the tasks a lead unit leads, with their reports (the lead follows them up). */
async function coUnitsOf(tx: Tx, ability: AppAbility, leads: AssignmentRow[]) {
  if (leads.length === 0) return [];
  return tx
    .selectFrom('plan_assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
    .select(['a.id', 'a.task_id', 'a.unit_id', 'a.kind', 'u.name as unit_name', 'j.name as jurisdiction_name'])
    .where(
      'a.task_id',
      'in',
      leads.map((l) => l.task_id),
    )
    .where(
      'a.id',
      'not in',
      leads.map((l) => l.id),
    )
    .where(allowedWhere(ability, 'read', 'PlanAssignment', 'a'))
    .orderBy('a.kind')
    .orderBy('a.id')
    .execute();
}

/**
 * Assignments as their unit sees them: task, plan, the period in view with its due date and
 * state, the unit's report for it, the last reminder, and for a lead unit its co-units' reports.
 * With `history`, every report of every period too.
 */
export async function describeAssignments(tx: Tx, ability: AppAbility, rows: AssignmentRow[], opts: { period?: string; today: string; history?: boolean }) {
  const leads = rows.filter((r) => r.is_lead);
  const coUnits = await coUnitsOf(tx, ability, leads);
  const reports = await reportsOf(tx, [...rows.map((r) => r.id), ...coUnits.map((c) => c.id)]);
  const reminders =
    rows.length === 0
      ? []
      : await tx
          .selectFrom('plan_reminders')
          .select(['assignment_id', 'period', 'reminder_day', 'from_name'])
          .where(
            'assignment_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('reminder_day', 'desc')
          .orderBy('id', 'desc')
          .execute();
  const files = reports.length === 0 ? [] : await tx.selectFrom('plan_report_files').select(['id', 'report_id', 'original_name', 'size_bytes', 'mime', 'created_at']).where('report_id', 'in', reports.map((r) => r.id)).orderBy('id').execute();
  const filesOf = (reportId: number) => files.filter((f) => f.report_id === reportId).map((f) => ({ id: f.id, name: f.original_name, size: f.size_bytes, mime: f.mime, createdAt: new Date(f.created_at).toISOString() }));
  const withFiles = (r: (typeof reports)[number]): ReportDto & { files: ReturnType<typeof filesOf> } => ({ ...reportDto(r), files: filesOf(r.id) });

  return rows.map((row) => {
    const period = periodFor(row, opts.period, opts.today);
    const mine = reports.filter((r) => r.assignment_id === row.id);
    const current = mine.find((r) => r.period === period.key) ?? null;
    const reminder = reminders.find((m) => m.assignment_id === row.id && m.period === period.key) ?? null;
    return {
      id: row.id,
      kind: row.kind,
      lead: row.is_lead,
      unitId: row.unit_id,
      jurisdictionId: row.jurisdiction_id,
      plan: { id: row.plan_id, title: row.plan_title, issuerName: row.issuer_name, issuerJurisdictionId: row.issuer_jurisdiction_id, reportCycle: row.report_cycle, periodStart: row.period_start, periodEnd: row.period_end },
      task: { id: row.task_id, number: row.task_number, title: row.task_title, text: row.task_text, deadline: row.task_deadline, note: row.task_note },
      period: { key: period.key, label: period.label, start: period.start, end: period.end, dueDate: period.dueDate },
      state: reportState(current?.reported_on ?? null, period.dueDate, opts.today),
      report: current ? withFiles(current) : null,
      lastReport: mine[0] ? reportDto(mine[0]) : null,
      reminder: reminder ? { day: reminder.reminder_day, fromName: reminder.from_name } : null,
      coUnits: row.is_lead
        ? coUnits
            .filter((c) => c.task_id === row.task_id)
            .map((c) => {
              const r = reports.find((x) => x.assignment_id === c.id && x.period === period.key) ?? null;
              return { assignmentId: c.id, unitId: c.unit_id, unitName: c.unit_name, jurisdictionName: c.jurisdiction_name, kind: c.kind, state: reportState(r?.reported_on ?? null, period.dueDate, opts.today), report: r ? reportDto(r) : null };
            })
        : [],
      ...(opts.history && { reports: mine.map(withFiles), reminders: reminders.filter((m) => m.assignment_id === row.id).map((m) => ({ period: m.period, day: m.reminder_day, fromName: m.from_name })) }),
    };
  });
}

import { planGridInput, reportState } from '@fz/domain';
import type { AssignmentKind, ReportState } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { defaultPeriod, planPeriod, planPeriods } from './period.js';
import { planDto, planTasks, visiblePlan } from './queries.js';

interface Column {
  unitId: number;
  unitName: string;
  jurisdictionId: number;
  jurisdictionName: string;
  kind: AssignmentKind;
}

/**
 * The issuer's view of a published plan for one period: a row per task, a column per unit that
 * holds any task, and in each cell whether that unit reported on time (reported), after the due
 * date (late), not at all past it (missing) or not yet (pending). Cells show only assignments the
 * caller may read; the plan's issuing node must be readable (the cascade is the issuer's view).
 */
export const planGrid = authorized('read', 'Plan')
  .input(planGridInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const plan = await visiblePlan(tx, ctx.ability, input.planId);
      await readableJurisdiction(tx, ctx.ability, plan.jurisdiction_id);
      const today = ctx.services.today();
      const period = planPeriod(plan, input.period ?? defaultPeriod(plan, today));
      const [tasks, cells] = await Promise.all([
        planTasks(tx, plan.id),
        tx
          .selectFrom('plan_assignments as a')
          .innerJoin('units as u', 'u.id', 'a.unit_id')
          .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
          .leftJoin('plan_reports as r', (join) => join.onRef('r.assignment_id', '=', 'a.id').on('r.period', '=', period.key))
          .select([
            'a.id',
            'a.task_id',
            'a.unit_id',
            'a.kind',
            'a.is_lead',
            'a.jurisdiction_id',
            'u.name as unit_name',
            'u.sort_order as unit_order',
            'j.name as jurisdiction_name',
            'r.id as report_id',
            'r.percent',
            'r.reported_on',
            (eb) => eb.selectFrom('plan_reminders as m').select((e) => e.fn.max('m.reminder_day').as('d')).whereRef('m.assignment_id', '=', 'a.id').where('m.period', '=', period.key).as('reminded_on'),
          ])
          .where('a.plan_id', '=', plan.id)
          .where(allowedWhere(ctx.ability, 'read', 'PlanAssignment', 'a'))
          .orderBy('a.id')
          .execute(),
      ]);
      const columns = new Map<number, Column & { order: [number, number, number] }>();
      for (const c of cells) {
        if (columns.has(c.unit_id)) continue;
        columns.set(c.unit_id, {
          unitId: c.unit_id,
          unitName: c.unit_name,
          jurisdictionId: c.jurisdiction_id,
          jurisdictionName: c.jurisdiction_name,
          kind: c.kind,
          order: c.kind === 'unit' ? [0, c.unit_order, c.unit_id] : [1, c.jurisdiction_id, c.unit_id],
        });
      }
      const totals: Record<ReportState, number> = { reported: 0, late: 0, missing: 0, pending: 0 };
      const byTask = new Map<number, Array<{ unitId: number; assignmentId: number; lead: boolean; state: ReportState; percent: number | null; reportId: number | null; reportedOn: string | null; remindedOn: string | null }>>();
      for (const c of cells) {
        const state = reportState(c.reported_on, period.dueDate, today);
        totals[state] += 1;
        const list = byTask.get(c.task_id) ?? [];
        list.push({ unitId: c.unit_id, assignmentId: c.id, lead: c.is_lead, state, percent: c.percent, reportId: c.report_id, reportedOn: c.reported_on, remindedOn: (c.reminded_on as string | null) ?? null });
        byTask.set(c.task_id, list);
      }
      const ordered = [...columns.values()].sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);
      return {
        plan: planDto(plan),
        period: { key: period.key, label: period.label, start: period.start, end: period.end, dueDate: period.dueDate },
        periods: planPeriods(plan),
        today,
        columns: ordered.map(({ order: _order, ...c }) => c),
        rows: tasks.map((t) => ({ taskId: t.id, number: t.number, title: t.title, cells: byTask.get(t.id) ?? [] })),
        totals,
      };
    }),
  );

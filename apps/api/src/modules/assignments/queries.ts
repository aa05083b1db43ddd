import type { Action, AppAbility, ReportCycle, ScopedRecord } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';

/** An assignment with the task and plan it belongs to (both readable by whoever reads the assignment). */
export const assignmentColumns = [
  'a.id',
  'a.plan_id',
  'a.task_id',
  'a.issuer_jurisdiction_id',
  'a.jurisdiction_id',
  'a.province_id',
  'a.city_id',
  'a.county_id',
  'a.township_id',
  'a.unit_id',
  'a.kind',
  'a.is_lead',
  't.number as task_number',
  't.title as task_title',
  't.text as task_text',
  't.deadline as task_deadline',
  't.note as task_note',
  'p.title as plan_title',
  'p.issuer_name',
  'p.status as plan_status',
  'p.report_cycle',
  'p.period_start',
  'p.period_end',
  'p.report_grace_days',
] as const;

export interface AssignmentRow {
  id: number;
  plan_id: number;
  task_id: number;
  issuer_jurisdiction_id: number;
  jurisdiction_id: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
  unit_id: number;
  kind: 'unit' | 'child';
  is_lead: boolean;
  task_number: string;
  task_title: string;
  task_text: string;
  task_deadline: string | null;
  task_note: string;
  plan_title: string;
  issuer_name: string;
  plan_status: 'draft' | 'published';
  report_cycle: ReportCycle;
  period_start: string;
  period_end: string;
  report_grace_days: number;
}

/** What abilities judge an assignment by: the assignee's place and unit. */
export function assignmentRecord(r: Pick<AssignmentRow, 'id' | 'jurisdiction_id' | 'province_id' | 'city_id' | 'county_id' | 'township_id' | 'unit_id'>): ScopedRecord & { jurisdictionId: number } {
  return { id: r.id, jurisdictionId: r.jurisdiction_id, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id, unitId: r.unit_id };
}

export function assignmentQuery(tx: Tx) {
  return tx.selectFrom('plan_assignments as a').innerJoin('plan_tasks as t', 't.id', 'a.task_id').innerJoin('plans as p', 'p.id', 'a.plan_id').select(assignmentColumns);
}

/** An assignment the caller may `action`: NOT_FOUND when RLS hides it, FORBIDDEN when only the ability refuses. */
export async function visibleAssignment(tx: Tx, ability: AppAbility, id: number, action: Action = 'read'): Promise<AssignmentRow> {
  const row = await assignmentQuery(tx).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'PlanAssignment', assignmentRecord(row));
  if (action !== 'read') assertCan(ability, action, 'PlanAssignment', assignmentRecord(row));
  return row;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export const reportColumns = ['r.id', 'r.assignment_id', 'r.period', 'r.text', 'r.percent', 'r.reported_on', 'r.reported_by_name', 'r.version', 'r.updated_at'] as const;

export function reportDto(r: { id: number; period: string; text: string; percent: number; reported_on: string; reported_by_name: string; version: number; updated_at: Date | string }) {
  return { id: r.id, period: r.period, text: r.text, percent: r.percent, reportedOn: r.reported_on, reportedByName: r.reported_by_name, version: r.version, updatedAt: iso(r.updated_at) };
}
export type ReportDto = ReturnType<typeof reportDto>;

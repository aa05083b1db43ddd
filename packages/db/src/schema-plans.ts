import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AssignmentKind, PlanKind, PlanStatus, ReportCycle } from '@fz/domain';

/**
 * Tables of plans and the task cascade (实施方案, 任务, 进展报送). Plans, tasks and task units
 * carry the issuer's ancestor columns; assignments, reports, their files and reminders the
 * assignee's, so a township sees what was handed to it and the issuer sees all of it.
 */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type CalendarDate = string;

interface AncestorColumns {
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

/** A section heading as stored in `plans.sections` (jsonb): 一、… at depth 1, (一)… at depth 2. */
export interface PlanSectionJson {
  number: string;
  title: string;
  depth: number;
  parentIndex: number | null;
}

export interface PlanTable extends AncestorColumns {
  id: Generated<number>;
  jurisdiction_id: number;
  /** The issuer's name, copied: levels below read the plan but not the issuer's jurisdiction row. */
  issuer_name: string;
  title: string;
  kind: PlanKind;
  period_start: CalendarDate;
  period_end: CalendarDate;
  report_cycle: ReportCycle;
  report_grace_days: Generated<number>;
  /** JSON text on insert; the drivers return it parsed. */
  sections: ColumnType<PlanSectionJson[], string | undefined, string>;
  status: Generated<PlanStatus>;
  source_name: string | null;
  idempotency_key: string | null;
  published_at: NullableTimestamp;
  published_by: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlanTaskTable extends AncestorColumns {
  id: Generated<number>;
  plan_id: number;
  jurisdiction_id: number;
  position: number;
  section_index: number | null;
  number: string;
  title: string;
  text: string;
  all_children: Generated<boolean>;
  note: Generated<string>;
  deadline: CalendarDate | null;
  /** The upper level's task this implements (贯彻落实); in a published plan of an ancestor. */
  upper_task_id: number | null;
  created_at: DefaultTimestamp;
}

/** A unit named on a task; `unit_id` null while the name is not matched to a unit of the issuer. */
export interface PlanTaskUnitTable extends AncestorColumns {
  task_id: number;
  plan_id: number;
  jurisdiction_id: number;
  position: number;
  unit_id: number | null;
  unit_name: string;
  is_lead: Generated<boolean>;
}

export interface PlanAssignmentTable extends AncestorColumns {
  id: Generated<number>;
  plan_id: number;
  task_id: number;
  issuer_jurisdiction_id: number;
  /** The assignee's jurisdiction (the ancestor columns are its). */
  jurisdiction_id: number;
  unit_id: number;
  kind: AssignmentKind;
  is_lead: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface PlanReportTable extends AncestorColumns {
  id: Generated<number>;
  assignment_id: number;
  plan_id: number;
  task_id: number;
  jurisdiction_id: number;
  unit_id: number;
  period: string;
  text: string;
  percent: number;
  /** Beijing date of the first report for the period: decides on time or late. */
  reported_on: CalendarDate;
  reported_by: number | null;
  reported_by_name: string;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlanReportFileTable extends AncestorColumns {
  id: Generated<number>;
  report_id: number;
  jurisdiction_id: number;
  sha256: string;
  size_bytes: number;
  mime: string;
  original_name: string;
  storage_key: string;
  uploaded_by: number | null;
  uploaded_by_name: string | null;
  created_at: DefaultTimestamp;
}

export interface PlanReminderTable extends AncestorColumns {
  id: Generated<number>;
  assignment_id: number;
  plan_id: number;
  jurisdiction_id: number;
  unit_id: number;
  period: string;
  reminder_day: CalendarDate;
  from_name: string;
  sent_by: number | null;
  sent_at: DefaultTimestamp;
}

export interface PlanTables {
  plans: PlanTable;
  plan_tasks: PlanTaskTable;
  plan_task_units: PlanTaskUnitTable;
  plan_assignments: PlanAssignmentTable;
  plan_reports: PlanReportTable;
  plan_report_files: PlanReportFileTable;
  plan_reminders: PlanReminderTable;
}

export type PlanRow = Selectable<PlanTable>;
export type PlanTaskRow = Selectable<PlanTaskTable>;
export type PlanAssignmentRow = Selectable<PlanAssignmentTable>;
export type PlanReportRow = Selectable<PlanReportTable>;

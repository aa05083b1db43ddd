import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AnnualReportStatus, Level, MetricCycle, MetricDirection, MetricKind, MetricStatus, TargetOp } from '@fz/domain';

/**
 * Tables of metrics (统计指标) and annual reports (法治政府建设年度报告), migration
 * 2026112601_indicators_reports. A metric carries its owner's ancestor columns; a reported value,
 * its files, a report and its timeline carry the reporting jurisdiction's.
 */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type CalendarDate = string;
/** numeric(14,2): the drivers return the exact decimal as text ("97.50"); written as text too. */
type Decimal = string;

interface AncestorColumns {
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

export interface MetricTable extends AncestorColumns {
  id: Generated<number>;
  /** The owner: the jurisdiction that defines the metric for its levels below. */
  jurisdiction_id: number;
  /** The owner's name, copied: levels below read the metric but not the owner's row. */
  owner_name: string;
  code: string;
  name: string;
  unit: Generated<string>;
  kind: MetricKind;
  direction: MetricDirection;
  target_op: TargetOp | null;
  /** In display units (percent for a rate). */
  target_value: Decimal | null;
  cycle: MetricCycle;
  reporting_levels: Level[];
  numerator_label: string | null;
  denominator_label: string | null;
  description: Generated<string>;
  group_name: Generated<string>;
  sort_order: Generated<number>;
  status: Generated<MetricStatus>;
  published_at: NullableTimestamp;
  version: Generated<number>;
  created_by: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MetricValueTable extends AncestorColumns {
  id: Generated<number>;
  metric_id: number;
  owner_jurisdiction_id: number;
  /** The reporting jurisdiction (the ancestor columns are its). */
  jurisdiction_id: number;
  level: Level;
  period: string;
  numerator: Decimal;
  /** Null for a count. */
  denominator: Decimal | null;
  note: Generated<string>;
  reported_by: number | null;
  reported_by_name: string;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MetricValueFileTable extends AncestorColumns {
  id: Generated<number>;
  value_id: number;
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

export interface AnnualReportTable extends AncestorColumns {
  id: Generated<number>;
  jurisdiction_id: number;
  level: Level;
  issuer_name: string;
  /** The level above that reviews the report; null for a province. */
  reviewer_jurisdiction_id: number | null;
  reviewer_name: string | null;
  year: number;
  title: string;
  issuing_body: string;
  issue_date: CalendarDate | null;
  intro: Generated<string>;
  measures: Generated<string>;
  first_responsible: Generated<string>;
  problems: Generated<string>;
  next_year: Generated<string>;
  figures: Generated<string>;
  figures_generated_at: NullableTimestamp;
  status: Generated<AnnualReportStatus>;
  return_reason: string | null;
  submitted_at: NullableTimestamp;
  reviewed_at: NullableTimestamp;
  reviewed_by_name: string | null;
  published_at: NullableTimestamp;
  version: Generated<number>;
  created_by: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** What happened to a report. Append-only. */
export interface AnnualReportEventTable extends AncestorColumns {
  id: Generated<number>;
  report_id: number;
  jurisdiction_id: number;
  event: 'create' | 'submit' | 'return' | 'accept' | 'publish';
  from_status: AnnualReportStatus | null;
  to_status: AnnualReportStatus | null;
  reason: string | null;
  actor_user_id: number | null;
  actor_name: string;
  actor_unit_name: string | null;
  at: DefaultTimestamp;
}

export interface ReportingTables {
  metrics: MetricTable;
  metric_values: MetricValueTable;
  metric_value_files: MetricValueFileTable;
  annual_reports: AnnualReportTable;
  annual_report_events: AnnualReportEventTable;
}

export type MetricRow = Selectable<MetricTable>;
export type MetricValueRow = Selectable<MetricValueTable>;
export type AnnualReportRow = Selectable<AnnualReportTable>;

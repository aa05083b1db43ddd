import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ApplicationStatus, ApplicationTimelineKind, ParticipantLevel, SystemVersionStatus } from '@fz/domain';

/**
 * Tables of demonstration creation (示范创建). Scores are integers in tenths of a point. Every
 * table carries the ancestor columns of its owner: the indicator system's jurisdiction for
 * systems, versions and nodes; the campaign's for campaigns; the participant's for applications
 * and everything filed under them.
 */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;
type CalendarDate = string;

interface AncestorColumns {
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

/** 指标体系: owned by the jurisdiction that maintains it; its published versions are read by every level below. */
export interface IndicatorSystemTable extends AncestorColumns {
  id: Generated<number>;
  jurisdiction_id: number;
  name: string;
  participant_level: ParticipantLevel;
  description: string | null;
  created_by: number | null;
  created_at: DefaultTimestamp;
}

/** A version of a system: a draft while edited, immutable once published. */
export interface IndicatorVersionTable extends AncestorColumns {
  id: Generated<number>;
  system_id: number;
  jurisdiction_id: number;
  version_no: number;
  status: Generated<SystemVersionStatus>;
  /** 命名分数线, tenths of a point out of 100. */
  pass_line: number;
  /** Percent of the total that is the public satisfaction survey. */
  satisfaction_pct: Generated<number>;
  notes: string | null;
  published_at: NullableTimestamp;
  version: Generated<number>;
  created_by: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** One indicator (first, second or third level) of a version; leaves carry the maximum score. */
export interface IndicatorNodeTable extends AncestorColumns {
  id: Generated<number>;
  version_id: number;
  jurisdiction_id: number;
  parent_id: number | null;
  level: number;
  code: string;
  name: string;
  max_score: number | null;
  guidance: string | null;
  evidence: string | null;
  veto: Generated<boolean>;
  sort_order: Generated<number>;
}

/** 创建活动, owned by a city or a county. */
export interface CampaignTable extends AncestorColumns {
  id: Generated<number>;
  jurisdiction_id: number;
  /** The owner's name, copied: participants cannot read their ancestors' rows. */
  owner_name: string;
  name: string;
  year: number;
  version_id: number;
  participant_level: ParticipantLevel;
  submit_deadline: CalendarDate;
  review_deadline: CalendarDate;
  target_numerator: number;
  target_denominator: number;
  pass_line: number;
  veto_fails: Generated<boolean>;
  description: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/**
 * 申报: one per participant of a campaign (the participant list itself). Ancestors are the
 * participant's; the reviewer is the level right above it, the owner the campaign's.
 */
export interface ApplicationTable extends AncestorColumns {
  id: Generated<number>;
  campaign_id: number;
  jurisdiction_id: number;
  reviewer_jurisdiction_id: number;
  owner_jurisdiction_id: number;
  version_id: number;
  status: Generated<ApplicationStatus>;
  satisfaction_score: number | null;
  evaluation_comment: string | null;
  evaluated_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** 自评 and 初审 of one leaf indicator. */
export interface AssessmentTable extends AncestorColumns {
  id: Generated<number>;
  application_id: number;
  indicator_id: number;
  version_id: number;
  jurisdiction_id: number;
  self_score: number | null;
  explanation: string | null;
  assessed_at: NullableTimestamp;
  assessed_by_name: string | null;
  reviewed_score: number | null;
  review_comment: string | null;
  veto_hit: Generated<boolean>;
  reviewed_at: NullableTimestamp;
  reviewed_by_name: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** 进展报送: append-only notes of a participant. */
export interface ProgressReportTable extends AncestorColumns {
  id: Generated<number>;
  application_id: number;
  jurisdiction_id: number;
  text: string;
  author_user_id: number | null;
  author_name: string | null;
  author_unit_name: string | null;
  created_at: DefaultTimestamp;
}

/** Files (content-addressed) of an assessment (佐证材料) or of a progress report. */
export interface ApplicationFileTable extends AncestorColumns {
  id: Generated<number>;
  application_id: number;
  assessment_id: number | null;
  report_id: number | null;
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

/** The timeline of an application. Append-only. */
export interface ApplicationEventTable extends AncestorColumns {
  id: Generated<string>;
  application_id: number;
  jurisdiction_id: number;
  at: DefaultTimestamp;
  actor_user_id: number | null;
  actor_name: string | null;
  actor_unit_name: string | null;
  event: ApplicationTimelineKind;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus | null;
  reason: string | null;
  note: string | null;
  payload: Json | null;
}

export interface DemonstrationDatabase {
  indicator_systems: IndicatorSystemTable;
  indicator_versions: IndicatorVersionTable;
  indicator_nodes: IndicatorNodeTable;
  campaigns: CampaignTable;
  applications: ApplicationTable;
  assessments: AssessmentTable;
  progress_reports: ProgressReportTable;
  application_files: ApplicationFileTable;
  application_events: ApplicationEventTable;
}

export type IndicatorVersionRow = Selectable<IndicatorVersionTable>;
export type IndicatorNodeRow = Selectable<IndicatorNodeTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type ApplicationRow = Selectable<ApplicationTable>;
export type AssessmentRow = Selectable<AssessmentTable>;

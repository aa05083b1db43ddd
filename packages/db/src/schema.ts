import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { InspectionStatus, InspectionType, ItemCategory, ItemStatus, JurisdictionKind, Level, NoticeKind, Role, TimelineKind, UnitKind } from '@fz/domain';
import type { DemonstrationDatabase } from './schema-demonstration.js';
import type { RollupTables } from './schema-rollups.js';
import type { PlanTables } from './schema-plans.js';
import type { ReportingTables } from './schema-reporting.js';
import type { OnboardingTables } from './schema-onboarding.js';

/**
 * Kysely types of every table. Migrations in ./migrations must create exactly these columns.
 * Tenant-owned tables carry the owning jurisdiction's fixed ancestors (province_id … township_id,
 * null below the record's level): RLS policies and CASL conditions filter on these columns.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default: optional on insert. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;
/** A calendar date, always 'yyyy-mm-dd' (the dialects return DATE as text, never a shifted Date). */
type CalendarDate = string;

interface AncestorColumns {
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

export interface JurisdictionTable extends AncestorColumns {
  /** Numeric value of the division code; ranges per level never overlap (37, 3713, 371312, 371312001). */
  id: number;
  code: string;
  name: string;
  level: Level;
  kind: JurisdictionKind;
  parent_id: number | null;
  /** ltree of codes, e.g. '37.3713.371312'. */
  path: string;
  sort_order: Generated<number>;
  created_at: DefaultTimestamp;
}

export interface UnitTable extends AncestorColumns {
  id: Generated<number>;
  jurisdiction_id: number;
  name: string;
  short_name: string;
  kind: UnitKind;
  sort_order: Generated<number>;
  is_active: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UserTable extends AncestorColumns {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number;
  jurisdiction_id: number;
  password_hash: string;
  is_active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  /** Demo accounts exist only in demo data; production start-up refuses to run with any. */
  is_demo: Generated<boolean>;
  password_changed_at: DefaultTimestamp;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface RoleMembershipTable extends AncestorColumns {
  id: Generated<number>;
  user_id: number;
  role: Role;
  jurisdiction_id: number;
  created_at: DefaultTimestamp;
}

/** Server-side sessions. `id` is the sha256 (hex) of the cookie token; the token is never stored. */
export interface SessionTable {
  id: string;
  user_id: number;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  ip: string | null;
  user_agent: string | null;
}

/** Failed logins per normalised username, whether or not the user exists (no existence hint). */
export interface LoginFailureTable {
  username: string;
  failed_count: number;
  first_failed_at: Timestamp;
  locked_until: NullableTimestamp;
}

/** Append-only: the API role may insert and select, never update or delete. */
export interface AuditLogTable extends AncestorColumns {
  id: Generated<string>;
  at: DefaultTimestamp;
  actor_user_id: number | null;
  actor_username: string | null;
  jurisdiction_id: number;
  unit_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  ip: string | null;
}

/** 督察: owned by the supervising jurisdiction (the ancestor columns are its). */
export interface InspectionTable extends AncestorColumns {
  id: Generated<number>;
  supervising_jurisdiction_id: number;
  /** The supervising jurisdiction's name, copied: the inspected levels cannot read their ancestors. */
  supervising_name: string;
  type: InspectionType;
  title: string;
  period_start: CalendarDate;
  period_end: CalendarDate;
  team: Generated<string>;
  status: Generated<InspectionStatus>;
  version: Generated<number>;
  created_by: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** One row per inspected jurisdiction (ancestor columns of the target). */
export interface InspectionTargetTable extends AncestorColumns {
  inspection_id: number;
  jurisdiction_id: number;
  created_at: DefaultTimestamp;
}

/**
 * 整改事项. `jurisdiction_id` and the ancestors are where the item sits now (the inspected
 * county, or the township it was delegated to); `target_jurisdiction_id` is the inspection's
 * target it came from; `unit_id` is the responsible unit (责任单位) in `jurisdiction_id`.
 */
export interface RectificationItemTable extends AncestorColumns {
  id: Generated<number>;
  inspection_id: number;
  target_jurisdiction_id: number;
  number: string;
  problem: string;
  category: ItemCategory;
  requirement: string;
  jurisdiction_id: number;
  supervising_jurisdiction_id: number;
  unit_id: number | null;
  deadline: CalendarDate;
  original_deadline: CalendarDate;
  measures: string | null;
  status: Generated<ItemStatus>;
  flagged: Generated<boolean>;
  flagged_at: NullableTimestamp;
  flag_reason: string | null;
  /** Recorded by the overdue sweep; the light itself is always derived from the deadline. */
  overdue_since: CalendarDate | null;
  pending_extension_deadline: CalendarDate | null;
  pending_extension_reason: string | null;
  pending_extension_note: string | null;
  pending_extension_requested_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  version: Generated<number>;
  created_by: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** The timeline of an item. Append-only. */
export interface ItemEventTable extends AncestorColumns {
  id: Generated<string>;
  item_id: number;
  jurisdiction_id: number;
  at: DefaultTimestamp;
  actor_user_id: number | null;
  actor_name: string | null;
  actor_unit_name: string | null;
  event: TimelineKind;
  from_status: ItemStatus | null;
  to_status: ItemStatus | null;
  reason: string | null;
  note: string | null;
  payload: Json | null;
}

/** 佐证材料: content-addressed (sha256) files, one row per item and content. */
export interface AttachmentTable extends AncestorColumns {
  id: Generated<number>;
  item_id: number;
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

/** 督办通知 from the supervising level to an item's responsible unit. Immutable once sent. */
export interface NoticeTable extends AncestorColumns {
  id: Generated<number>;
  item_id: number;
  jurisdiction_id: number;
  unit_id: number;
  from_jurisdiction_id: number;
  from_user_id: number | null;
  from_name: string;
  text: string;
  requires_reply: Generated<boolean>;
  reply_by: CalendarDate | null;
  sent_at: DefaultTimestamp;
  /** 'supervision' for a 督办通知; a system reminder's kind otherwise. */
  kind: ColumnType<NoticeKind, NoticeKind | undefined, NoticeKind>;
  /** The day a system reminder is for (unique per item and kind); null for a 督办通知. */
  reminder_day: CalendarDate | null;
}

export interface NoticeReceiptTable extends AncestorColumns {
  notice_id: number;
  jurisdiction_id: number;
  unit_id: number;
  read_at: NullableTimestamp;
  read_by: number | null;
  reply: string | null;
  replied_at: NullableTimestamp;
  replied_by: number | null;
  replied_by_name: string | null;
}

/** Traffic-light threshold of a supervising jurisdiction. */
export interface LightRuleTable extends AncestorColumns {
  jurisdiction_id: number;
  yellow_within_days: number;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: DefaultTimestamp;
}

/** Demonstration creation's tables are declared in schema-demonstration.ts, the dashboard rollups in schema-rollups.ts. */
export interface Database extends DemonstrationDatabase, RollupTables, PlanTables, ReportingTables, OnboardingTables {
  jurisdictions: JurisdictionTable;
  units: UnitTable;
  users: UserTable;
  role_memberships: RoleMembershipTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  inspections: InspectionTable;
  inspection_targets: InspectionTargetTable;
  rectification_items: RectificationItemTable;
  item_events: ItemEventTable;
  attachments: AttachmentTable;
  notices: NoticeTable;
  notice_receipts: NoticeReceiptTable;
  light_rules: LightRuleTable;
}

export type Jurisdiction = Selectable<JurisdictionTable>;
export type NewJurisdiction = Insertable<JurisdictionTable>;
export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Session = Selectable<SessionTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
export type Inspection = Selectable<InspectionTable>;
export type NewInspection = Insertable<InspectionTable>;
export type RectificationItem = Selectable<RectificationItemTable>;
export type NewRectificationItem = Insertable<RectificationItemTable>;
export type RectificationItemUpdate = Updateable<RectificationItemTable>;
export type ItemEventRow = Selectable<ItemEventTable>;
export type NewItemEvent = Insertable<ItemEventTable>;
export type Attachment = Selectable<AttachmentTable>;
export type NewAttachment = Insertable<AttachmentTable>;
export type Notice = Selectable<NoticeTable>;
export type NoticeReceipt = Selectable<NoticeReceiptTable>;
export type LightRuleRow = Selectable<LightRuleTable>;

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { JurisdictionKind, Level, Role, UnitKind } from '@fz/domain';

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

export interface Database {
  jurisdictions: JurisdictionTable;
  units: UnitTable;
  users: UserTable;
  role_memberships: RoleMembershipTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
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

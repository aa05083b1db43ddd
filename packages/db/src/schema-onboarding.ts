import type { ColumnType, Generated } from 'kysely';
import type { LedgerExportStatus, OnboardingRowError, OnboardingStatus } from '@fz/domain';

/** Tables of onboarding imports (批量导入单位和用户, migration 2026112701_onboarding) and background exports. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

interface AncestorColumns {
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

/** The uploader's jurisdiction (the ancestor columns are its). */
export interface OnboardingImportTable extends AncestorColumns {
  id: Generated<number>;
  jurisdiction_id: number;
  uploaded_by: number;
  uploaded_by_name: string;
  file_name: string;
  sha256: string;
  size_bytes: number;
  /** The upload (pg returns a Buffer, PGlite a Uint8Array); cleared when the job is done. */
  file_data: ColumnType<Uint8Array | null, Uint8Array | null, Uint8Array | null>;
  status: Generated<OnboardingStatus>;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  unit_rows: Generated<number>;
  user_rows: Generated<number>;
  units_created: Generated<number>;
  users_created: Generated<number>;
  error_count: Generated<number>;
  /** jsonb, written as JSON text. */
  errors: ColumnType<OnboardingRowError[], string | undefined, string>;
  failure: string | null;
  request_id: string | null;
  created_at: DefaultTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  updated_at: DefaultTimestamp;
}

/** One line of the initial-password file: username, name, place, unit, password. */
export interface OnboardingCredential {
  username: string;
  displayName: string;
  jurisdiction: string;
  unit: string;
  password: string;
}

/** Readable by the uploader alone (RLS on app.user_id). */
export interface OnboardingCredentialTable extends AncestorColumns {
  import_id: number;
  jurisdiction_id: number;
  uploaded_by: number;
  credentials: ColumnType<OnboardingCredential[], string, string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  created_at: DefaultTimestamp;
}

/** A background ledger export (migration 2026120301_ledger_exports), filed under its requester's jurisdiction. */
export interface LedgerExportTable extends AncestorColumns {
  id: Generated<number>;
  jurisdiction_id: number;
  requested_by: number;
  requested_by_name: string;
  request_key: string;
  /** jsonb, written as JSON text. */
  filter: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<LedgerExportStatus>;
  total_rows: number;
  processed_rows: Generated<number>;
  file_name: string | null;
  /** The .xlsx (pg returns a Buffer, PGlite a Uint8Array). */
  file_data: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  size_bytes: number | null;
  failure: string | null;
  created_at: DefaultTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  updated_at: DefaultTimestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface OnboardingTables {
  onboarding_imports: OnboardingImportTable;
  onboarding_credentials: OnboardingCredentialTable;
  ledger_exports: LedgerExportTable;
}

import type { AppAbility, OnboardingRowError, OnboardingStatus, ScopedRecord } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';

/** Every column but the file itself. */
export const importColumns = [
  'o.id', 'o.jurisdiction_id', 'o.province_id', 'o.city_id', 'o.county_id', 'o.township_id', 'o.uploaded_by', 'o.uploaded_by_name', 'o.file_name', 'o.size_bytes',
  'o.status', 'o.total_rows', 'o.processed_rows', 'o.unit_rows', 'o.user_rows', 'o.units_created', 'o.users_created', 'o.error_count', 'o.failure',
  'o.created_at', 'o.started_at', 'o.finished_at',
] as const;

export interface ImportRow {
  id: number;
  jurisdiction_id: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
  uploaded_by: number;
  uploaded_by_name: string;
  file_name: string;
  size_bytes: number;
  status: OnboardingStatus;
  total_rows: number;
  processed_rows: number;
  unit_rows: number;
  user_rows: number;
  units_created: number;
  users_created: number;
  error_count: number;
  failure: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export function importRecord(r: ImportRow): ScopedRecord & { jurisdictionId: number } {
  return { id: r.id, jurisdictionId: r.jurisdiction_id, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id };
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

export function importDto(r: ImportRow, viewerId: number) {
  return {
    id: r.id,
    jurisdictionId: r.jurisdiction_id,
    uploadedByName: r.uploaded_by_name,
    mine: r.uploaded_by === viewerId,
    fileName: r.file_name,
    sizeBytes: r.size_bytes,
    status: r.status,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    unitRows: r.unit_rows,
    userRows: r.user_rows,
    unitsCreated: r.units_created,
    usersCreated: r.users_created,
    errorCount: r.error_count,
    failure: r.failure,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/** An import RLS shows and the ability lets the caller read, or NOT_FOUND / FORBIDDEN. */
export async function readableImport(tx: Tx, ability: AppAbility, id: number): Promise<ImportRow> {
  const row = await tx.selectFrom('onboarding_imports as o').select(importColumns).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'OnboardingImport', importRecord(row));
  return row;
}

/** The stored row errors of an import (capped when written). */
export async function importErrors(tx: Tx, id: number): Promise<OnboardingRowError[]> {
  const row = await tx.selectFrom('onboarding_imports').select('errors').where('id', '=', id).executeTakeFirst();
  return row?.errors ?? [];
}

/** Whether the caller's initial passwords of this import are still waiting (RLS: the uploader's alone). */
export async function credentialsWaiting(tx: Tx, id: number): Promise<{ expiresAt: string } | null> {
  const row = await tx.selectFrom('onboarding_credentials').select('expires_at').where('import_id', '=', id).where('expires_at', '>', new Date()).executeTakeFirst();
  return row ? { expiresAt: new Date(row.expires_at).toISOString() } : null;
}

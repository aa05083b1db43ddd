import type { Tx } from '@fz/db';
import type { ScopedRecord, UnitKind } from '@fz/domain';
import { notFound } from '../../trpc/init.js';

export const unitColumns = ['u.id', 'u.jurisdiction_id', 'u.name', 'u.short_name', 'u.kind', 'u.sort_order', 'u.is_active', 'u.version', 'u.province_id', 'u.city_id', 'u.county_id', 'u.township_id'] as const;

export interface UnitRow {
  id: number;
  jurisdiction_id: number;
  name: string;
  short_name: string;
  kind: UnitKind;
  sort_order: number;
  is_active: boolean;
  version: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

export function unitRecord(u: UnitRow): ScopedRecord & { jurisdictionId: number } {
  return {
    id: u.id,
    jurisdictionId: u.jurisdiction_id,
    unitId: u.id,
    provinceId: u.province_id,
    cityId: u.city_id,
    countyId: u.county_id,
    townshipId: u.township_id,
  };
}

export function unitDto(u: UnitRow, userCount = 0) {
  return {
    id: u.id,
    jurisdictionId: u.jurisdiction_id,
    name: u.name,
    shortName: u.short_name,
    kind: u.kind,
    sortOrder: u.sort_order,
    isActive: u.is_active,
    version: u.version,
    userCount,
  };
}

/** A unit visible under RLS, or NOT_FOUND. */
export async function visibleUnit(tx: Tx, id: number): Promise<UnitRow> {
  const row = await tx.selectFrom('units as u').select(unitColumns).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === '23505';
}

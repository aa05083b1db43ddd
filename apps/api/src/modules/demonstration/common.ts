import { AppError, MESSAGES, toPoints, toTenths } from '@fz/domain';
import type { AncestorIds, Principal, ScopedRecord } from '@fz/domain';
import type { Tx } from '@fz/db';
import type { ItemCtx } from '../items/events.js';

/** What a demonstration mutation needs of its context: the same as an item's (session, principal, ability, audit). */
export type DemoCtx = ItemCtx;

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Tenths as points for output (null stays null). */
export const points = (tenths: number | null) => (tenths === null ? null : toPoints(tenths));

/** Points from a validated input as tenths (the schema already refused more than one decimal). */
export function tenthsOf(value: number): number {
  const t = toTenths(value);
  if (t === null) throw new AppError('BAD_REQUEST', MESSAGES.badInput);
  return t;
}

interface AncestorRow {
  jurisdiction_id: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

/** The ancestor columns of a row, as a record abilities judge. */
export function placeOf(r: AncestorRow): ScopedRecord & { jurisdictionId: number } {
  return { jurisdictionId: r.jurisdiction_id, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id };
}

/** The columns to file a row under `j` (a jurisdiction with its ancestors). */
export function columnsOf(j: AncestorIds & { jurisdictionId: number }): AncestorRow {
  return { jurisdiction_id: j.jurisdictionId, province_id: j.provinceId, city_id: j.cityId, county_id: j.countyId, township_id: j.townshipId };
}

/** The caller's own jurisdiction as a record. */
export function ownPlace(p: Principal): ScopedRecord & { jurisdictionId: number } {
  const j = p.jurisdiction;
  return { jurisdictionId: j.id, provinceId: j.provinceId, cityId: j.cityId, countyId: j.countyId, townshipId: j.townshipId };
}

/** The caller's strict ancestors (province … parent). */
export function ancestorIdsOf(p: Principal): number[] {
  const j = p.jurisdiction;
  return [j.provinceId, j.cityId, j.countyId].filter((id): id is number => id !== null && id !== j.id);
}

/** The name of the caller's unit, copied onto timelines (readers below cannot read it). */
export async function unitNameOf(tx: Tx, ctx: DemoCtx): Promise<string | null> {
  const unit = await tx.selectFrom('units').select('name').where('id', '=', ctx.principal.unitId).executeTakeFirst();
  return unit?.name ?? null;
}

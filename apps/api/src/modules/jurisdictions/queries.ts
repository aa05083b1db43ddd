import type { AncestorIds, AppAbility, Level } from '@fz/domain';
import { LEVEL_FIELD } from '@fz/domain';
import type { Tx } from '@fz/db';
import { sql } from 'kysely';
import { assertCan, notFound } from '../../trpc/init.js';

export interface JurisdictionRecord extends AncestorIds {
  id: number;
  jurisdictionId: number;
  code: string;
  name: string;
  level: Level;
  kind: string;
  parentId: number | null;
}

/**
 * A jurisdiction the caller may read: NOT_FOUND when RLS hides it, FORBIDDEN when only the
 * ability refuses it (each layer holds on its own).
 */
export async function readableJurisdiction(tx: Tx, ability: AppAbility, id: number): Promise<JurisdictionRecord> {
  const row = await tx
    .selectFrom('jurisdictions')
    .select(['id', 'code', 'name', 'level', 'kind', 'parent_id', 'province_id', 'city_id', 'county_id', 'township_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const rec: JurisdictionRecord = {
    id: row.id,
    jurisdictionId: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    kind: row.kind,
    parentId: row.parent_id,
    provinceId: row.province_id,
    cityId: row.city_id,
    countyId: row.county_id,
    townshipId: row.township_id,
  };
  assertCan(ability, 'read', 'Jurisdiction', rec);
  return rec;
}

/** Number of visible children, counting a placeholder pseudo-city's children in its place. */
export const childCountSql = (alias: string) => sql<number>`(
  (select count(*) from jurisdictions c where c.parent_id = ${sql.ref(`${alias}.id`)} and c.kind <> 'placeholder')
  + (select count(*) from jurisdictions g join jurisdictions p on g.parent_id = p.id
     where p.parent_id = ${sql.ref(`${alias}.id`)} and p.kind = 'placeholder'))::int`;

/** The column holding the ancestor of `level`, e.g. county → county_id. */
export function ancestorColumn(level: Level): 'province_id' | 'city_id' | 'county_id' | 'township_id' {
  const field = LEVEL_FIELD[level];
  return field === 'provinceId' ? 'province_id' : field === 'cityId' ? 'city_id' : field === 'countyId' ? 'county_id' : 'township_id';
}

export function ancestorsOf(row: { province_id: number; city_id: number | null; county_id: number | null; township_id: number | null }): AncestorIds {
  return { provinceId: row.province_id, cityId: row.city_id, countyId: row.county_id, townshipId: row.township_id };
}

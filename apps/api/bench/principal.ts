import type { Db } from '@fz/db';
import type { Viewer } from './raw-sql.js';

/** A demo user as the API's session resolves it (ids and jurisdiction), for the SQL-only runs. */
export async function loadPrincipalFor(db: Db, username: string): Promise<Viewer> {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.unit_id', 'j.id as jid', 'j.level', 'j.province_id', 'j.city_id', 'j.county_id', 'j.township_id'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return { userId: u.id, unitId: u.unit_id, jurisdiction: { id: u.jid, level: u.level, provinceId: u.province_id, cityId: u.city_id, countyId: u.county_id, townshipId: u.township_id } };
}

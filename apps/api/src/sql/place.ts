import type { Principal } from '@fz/domain';

/** The columns that file a row under the caller's own jurisdiction (what its RLS scope matches). */
export function ownPlace(p: Principal) {
  const j = p.jurisdiction;
  return { jurisdiction_id: j.id, province_id: j.provinceId, city_id: j.cityId, county_id: j.countyId, township_id: j.townshipId };
}

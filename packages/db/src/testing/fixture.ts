import type { Kysely } from 'kysely';
import { ancestorIdsOfCode, levelOfCode, pathOfCode } from '@fz/domain';
import type { Database } from '../schema.js';

/** The ancestor columns of a division code, as stored on tenant rows. */
export function ancestorsOf(code: string) {
  const a = ancestorIdsOfCode(code);
  return { province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId };
}

/**
 * Inserts the jurisdictions of `codes` (parents before children) and one unit named
 * `单位<code>` in each: a hand-made tree for tests that need no real divisions. Runs as given
 * (use the owner connection: APP_ROLE may not write jurisdictions).
 */
export async function insertFixtureTree(db: Kysely<Database>, codes: readonly string[]): Promise<void> {
  for (const code of codes) {
    const level = levelOfCode(code);
    if (!level) throw new Error(`not a division code: ${code}`);
    const anc = ancestorsOf(code);
    const parent = [anc.province_id, anc.city_id, anc.county_id, anc.township_id].filter((x) => x !== null).at(-2) ?? null;
    await db
      .insertInto('jurisdictions')
      .values({ id: Number(code), code, name: `区划${code}`, level, kind: 'regular', parent_id: parent, path: pathOfCode(code), ...anc })
      .execute();
    await db.insertInto('units').values({ jurisdiction_id: Number(code), name: `单位${code}`, short_name: '单位', kind: 'office', ...anc }).execute();
  }
}

import { sql } from 'kysely';
import type { AncestorIds, JurisdictionKind } from '@fz/domain';
import type { Tx } from '@fz/db';

/** What a file's rows are checked against, read once under the uploader's RLS scope. */
export interface Place extends AncestorIds {
  id: number;
  name: string;
  kind: JurisdictionKind;
}

export interface ExistingUnit {
  id: number;
  jurisdictionId: number;
  name: string;
  shortName: string;
  isActive: boolean;
}

export interface Lookups {
  /** Visible jurisdictions among the codes the file names. */
  places: Map<number, Place>;
  /** Units that already exist there, per jurisdiction. */
  units: Map<number, ExistingUnit[]>;
  /** Usernames of the file already taken anywhere (usernames are unique across tenants). */
  taken: Set<string>;
}

const CHUNK = 1_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Which of `names` exist anywhere: through `usernames_taken`, as RLS hides other tenants' users. */
export async function takenUsernames(tx: Tx, names: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks(names)) {
    const { rows } = await sql<{ name: string }>`select usernames_taken(array[${sql.join(part)}]::text[]) as name`.execute(tx);
    for (const r of rows) taken.add(r.name);
  }
  return taken;
}

/** Reads the places, their units and the taken usernames a file needs, in a few chunked statements. */
export async function loadLookups(tx: Tx, placeIds: readonly number[], usernames: readonly string[]): Promise<Lookups> {
  const places = new Map<number, Place>();
  const units = new Map<number, ExistingUnit[]>();
  for (const part of chunks(placeIds)) {
    const rows = await tx.selectFrom('jurisdictions').select(['id', 'name', 'kind', 'province_id', 'city_id', 'county_id', 'township_id']).where('id', 'in', part).execute();
    for (const r of rows) places.set(r.id, { id: r.id, name: r.name, kind: r.kind, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id });
    const found = await tx.selectFrom('units').select(['id', 'jurisdiction_id', 'name', 'short_name', 'is_active']).where('jurisdiction_id', 'in', part).orderBy('id').execute();
    for (const u of found) {
      const list = units.get(u.jurisdiction_id) ?? [];
      list.push({ id: u.id, jurisdictionId: u.jurisdiction_id, name: u.name, shortName: u.short_name, isActive: u.is_active });
      units.set(u.jurisdiction_id, list);
    }
  }
  return { places, units, taken: await takenUsernames(tx, usernames) };
}

import type { Tx } from '@fz/db';
import type { Role, ScopedRecord } from '@fz/domain';
import { notFound } from '../../trpc/init.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  unit_id: number;
  jurisdiction_id: number;
  is_active: boolean;
  is_demo: boolean;
  version: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

export const userColumns = ['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'u.jurisdiction_id', 'u.is_active', 'u.is_demo', 'u.version', 'u.province_id', 'u.city_id', 'u.county_id', 'u.township_id'] as const;

export function userRecord(u: UserRow): ScopedRecord & { jurisdictionId: number } {
  return { id: u.id, jurisdictionId: u.jurisdiction_id, unitId: u.unit_id, provinceId: u.province_id, cityId: u.city_id, countyId: u.county_id, townshipId: u.township_id };
}

export function userDto(u: UserRow, unitName: string, roles: Role[]) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unitId: u.unit_id,
    unitName,
    roles,
    isActive: u.is_active,
    isDemo: u.is_demo,
    version: u.version,
  };
}

export async function visibleUser(tx: Tx, id: number): Promise<UserRow & { unit_name: string }> {
  const row = await tx
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select([...userColumns, 'un.name as unit_name'])
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function rolesOf(tx: Tx, userIds: number[]): Promise<Map<number, Role[]>> {
  const map = new Map<number, Role[]>();
  if (userIds.length === 0) return map;
  const rows = await tx.selectFrom('role_memberships').select(['user_id', 'role']).where('user_id', 'in', userIds).orderBy('role').execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role]);
  return map;
}

import { SESSION_IDLE_MINUTES, rulesFor } from '@fz/domain';
import type { AppRule, Level, Role } from '@fz/domain';
import type { Db } from '@fz/db';
import type { SessionUser } from './session.js';

export interface Me {
  user: { id: number; username: string; displayName: string; mustChangePassword: boolean };
  unit: { id: number; name: string };
  jurisdiction: { id: number; code: string; name: string; level: Level };
  /** From the root of the tree down to the user's own jurisdiction, inclusive. */
  ancestors: Array<{ id: number; name: string; level: Level }>;
  roles: Role[];
  rules: AppRule[];
  idleMinutes: number;
}

/**
 * The signed-in user's profile. Ancestor names are read as the system role: the user may see
 * the names of the jurisdictions above them (for the breadcrumb) but none of their records.
 */
export async function buildMe(db: Db, s: SessionUser): Promise<Me> {
  const p = s.principal;
  const j = p.jurisdiction;
  const ids = [j.provinceId, j.cityId, j.countyId, j.townshipId].filter((x): x is number => x !== null);
  const [unit, chain] = await Promise.all([
    db.selectFrom('units').select(['id', 'name']).where('id', '=', p.unitId).executeTakeFirstOrThrow(),
    db.selectFrom('jurisdictions').select(['id', 'code', 'name', 'level']).where('id', 'in', ids).execute(),
  ]);
  const byId = new Map(chain.map((c) => [c.id, c]));
  const own = byId.get(j.id);
  if (!own) throw new Error(`jurisdiction ${j.id} missing`);
  return {
    user: { id: p.userId, username: s.username, displayName: s.displayName, mustChangePassword: s.mustChangePassword },
    unit: { id: unit.id, name: unit.name },
    jurisdiction: { id: own.id, code: own.code, name: own.name, level: own.level },
    ancestors: ids.flatMap((id) => {
      const c = byId.get(id);
      return c ? [{ id: c.id, name: c.name, level: c.level }] : [];
    }),
    roles: p.roles,
    rules: rulesFor(p),
    idleMinutes: SESSION_IDLE_MINUTES,
  };
}

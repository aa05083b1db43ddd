import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from '@fz/domain';
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from '@fz/domain';
import { sql } from 'kysely';
import { PREPARED } from '@fz/db';
import type { Db, Tx } from '@fz/db';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the hash of a token is stored, so a leaked sessions table grants nothing. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionUser {
  sessionId: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  expiresAt: Date;
  principal: Principal;
}

const IDLE_MS = SESSION_IDLE_MINUTES * 60_000;
/** Touch `last_seen_at` at most once a minute: idle expiry needs no finer grain. */
const TOUCH_MS = 60_000;

export async function createSession(
  tx: Tx,
  userId: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000);
  await tx
    .insertInto('sessions')
    .values({ id: sessionIdOf(token), user_id: userId, expires_at: expiresAt, revoked_at: null, ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null })
    .execute();
  return { token, expiresAt };
}

export async function revokeSession(db: Db | Tx, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeUserSessions(db: Db | Tx, userId: number, exceptSessionId?: string): Promise<void> {
  let q = db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

export async function loadPrincipal(db: Db | Tx, userId: number): Promise<Principal | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.unit_id', 'j.id as jid', 'j.level', 'j.province_id', 'j.city_id', 'j.county_id', 'j.township_id'])
    .where('u.id', '=', userId)
    .where('u.is_active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  const roles = await db.selectFrom('role_memberships').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return {
    userId: row.id,
    unitId: row.unit_id,
    roles: roles.map((r) => r.role as Role),
    jurisdiction: {
      id: row.jid,
      level: row.level,
      provinceId: row.province_id,
      cityId: row.city_id,
      countyId: row.county_id,
      townshipId: row.township_id,
    },
  };
}

/**
 * Resolves a cookie token to a live session, or null when it is unknown, revoked, past its
 * absolute expiry, idle too long, or its user is deactivated. Runs as the system role: there
 * is no tenant scope before we know who is asking. One query (session, user, jurisdiction and
 * roles) on every request, plus an update of last_seen_at at most once a minute.
 */
export async function resolveSession(db: Db, token: string): Promise<SessionUser | null> {
  const sessionId = sessionIdOf(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select([
      's.id', 's.user_id', 's.expires_at', 's.last_seen_at', 's.revoked_at', 'u.username', 'u.display_name', 'u.must_change_password', 'u.is_active', 'u.unit_id',
      'j.id as jid', 'j.level', 'j.province_id', 'j.city_id', 'j.county_id', 'j.township_id',
      (eb) => eb.fn<Role[]>('array', [eb.selectFrom('role_memberships as r').select('r.role').whereRef('r.user_id', '=', 'u.id').orderBy('r.role')]).as('roles'),
    ])
    .where('s.id', '=', sessionId)
    // Every request runs it: planned once per connection.
    .modifyEnd(sql.raw(PREPARED))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || !row.is_active) return null;
  const now = Date.now();
  const expiresAt = new Date(row.expires_at);
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (expiresAt.getTime() <= now || now - lastSeen > IDLE_MS) {
    await revokeSession(db, sessionId);
    return null;
  }
  if (now - lastSeen > TOUCH_MS) {
    await db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('id', '=', sessionId).execute();
  }
  return {
    sessionId,
    username: row.username,
    displayName: row.display_name,
    mustChangePassword: row.must_change_password,
    expiresAt,
    principal: {
      userId: row.user_id,
      unitId: row.unit_id,
      roles: row.roles,
      jurisdiction: { id: row.jid, level: row.level, provinceId: row.province_id, cityId: row.city_id, countyId: row.county_id, townshipId: row.township_id },
    },
  };
}

import { isRole, usernameSchema } from '@fz/domain';
import type { Role } from '@fz/domain';
import { withSystem, writeAudit } from '@fz/db';
import type { Db } from '@fz/db';
import { hashPassword, temporaryPassword } from '../modules/auth/password.js';

export interface CreateAdminInput {
  /** Division code of the jurisdiction the account belongs to (imported beforehand). */
  jurisdictionId: number;
  username: string;
  displayName: string;
  /** The account's unit in that jurisdiction, created when no unit has this name. */
  unitName: string;
  roles: readonly string[];
}

export interface CreatedAdmin {
  userId: number;
  unitId: number;
  /** Shown once; the first login must replace it. */
  initialPassword: string;
}

export class BootstrapError extends Error {}

/**
 * The first account of a production deployment (no web page can create it: creating users takes
 * an admin). As the owner, in one transaction with its audit row; the password is random and
 * must be changed at the first login. Later accounts are made in the web app by this admin.
 */
export async function createAdmin(db: Db, input: CreateAdminInput): Promise<CreatedAdmin> {
  const username = usernameSchema.safeParse(input.username);
  if (!username.success) throw new BootstrapError(`username: ${username.error.issues[0]?.message ?? 'invalid'}`);
  const roles = [...new Set(input.roles)];
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length > 0) throw new BootstrapError(`roles: unknown ${unknown.join(', ') || '(none given)'}`);
  if (!input.displayName.trim() || !input.unitName.trim()) throw new BootstrapError('display name and unit name are required');
  const initialPassword = temporaryPassword();
  const passwordHash = await hashPassword(initialPassword);

  return withSystem(db, async (tx) => {
    const j = await tx.selectFrom('jurisdictions').select(['id', 'province_id', 'city_id', 'county_id', 'township_id']).where('id', '=', input.jurisdictionId).executeTakeFirst();
    if (!j) throw new BootstrapError(`jurisdiction ${input.jurisdictionId} does not exist: import the divisions first (node dist/import-divisions.js)`);
    const taken = await tx.selectFrom('users').select('id').where('username', '=', username.data).executeTakeFirst();
    if (taken) throw new BootstrapError(`username ${username.data} is taken`);
    const anc = { province_id: j.province_id, city_id: j.city_id, county_id: j.county_id, township_id: j.township_id };
    const unitName = input.unitName.trim();
    const unit =
      (await tx.selectFrom('units').select('id').where('jurisdiction_id', '=', j.id).where('name', '=', unitName).executeTakeFirst()) ??
      (await tx.insertInto('units').values({ ...anc, jurisdiction_id: j.id, name: unitName, short_name: unitName.slice(0, 20), kind: 'office' }).returning('id').executeTakeFirstOrThrow());
    const user = await tx
      .insertInto('users')
      .values({ ...anc, username: username.data, display_name: input.displayName.trim(), unit_id: unit.id, jurisdiction_id: j.id, password_hash: passwordHash, must_change_password: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('role_memberships')
      .values(roles.sort().map((role) => ({ ...anc, user_id: user.id, role: role as Role, jurisdiction_id: j.id })))
      .execute();
    await writeAudit(tx, {
      ...anc,
      jurisdiction_id: j.id,
      unit_id: unit.id,
      actor_user_id: null,
      actor_username: '系统',
      action: 'user.create',
      subject_type: 'User',
      subject_id: String(user.id),
      after: { username: username.data, roles, via: 'create-admin' },
      request_id: 'cli:create-admin',
      ip: null,
    });
    return { userId: user.id, unitId: unit.id, initialPassword };
  });
}

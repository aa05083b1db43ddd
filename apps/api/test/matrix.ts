import { ACTIONS, SUBJECTS, ancestorIdsOfCode, subjectOf } from '@fz/domain';
import type { AppAbility, ScopedRecord } from '@fz/domain';
import type { Db } from '@fz/db';
import type { Caller } from './helpers.js';

/** A target jurisdiction with a fresh unit and user of its own, made for one case. */
export interface Target {
  code: string;
  unitId: number;
  unitVersion: number;
  userId: number;
  userVersion: number;
}

export const record = (code: string): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code) });
const can = (a: AppAbility, action: (typeof ACTIONS)[number], subject: (typeof SUBJECTS)[number], code: string) => a.can(action, subjectOf(subject, record(code)));
const readsNode = (a: AppAbility, code: string) => can(a, 'read', 'Jurisdiction', code);

export interface MatrixCase {
  /** Calls the procedure against the target; resolves to true when the call "got" the target. */
  run(caller: Caller, t: Target): Promise<boolean>;
  /** What the ability says the answer must be. */
  expected(a: AppAbility, t: Target): boolean;
}

let seq = 0;
const uniq = () => `${Date.now() % 100000}${++seq}`;

/**
 * One entry per procedure that acts on a tenant's records. A procedure of the router that has
 * neither an entry here nor a `public`/`session` declaration fails the matrix test.
 */
export const MATRIX: Record<string, MatrixCase> = {
  'jurisdictions.children': {
    run: async (c, t) => (await c.jurisdictions.children({ parentId: Number(t.code) })) !== undefined,
    expected: (a, t) => readsNode(a, t.code),
  },
  'jurisdictions.get': {
    run: async (c, t) => (await c.jurisdictions.get({ id: Number(t.code) })).id === Number(t.code),
    expected: (a, t) => readsNode(a, t.code),
  },
  'jurisdictions.search': {
    // Search never errors for an out-of-scope code: it just finds nothing.
    run: async (c, t) => (await c.jurisdictions.search({ q: t.code, limit: 50 })).some((r) => r.code === t.code),
    expected: (a, t) => readsNode(a, t.code),
  },
  'units.list': {
    run: async (c, t) => (await c.units.list({ jurisdictionId: Number(t.code), limit: 200, includeInactive: true })).items.some((u) => u.id === t.unitId),
    expected: (a, t) => a.can('read', 'Unit') && readsNode(a, t.code) && can(a, 'read', 'Unit', t.code),
  },
  'units.create': {
    run: async (c, t) => (await c.units.create({ jurisdictionId: Number(t.code), name: `矩阵测试单位${uniq()}`, shortName: '测试', kind: 'department', sortOrder: 1 })).id > 0,
    expected: (a, t) => can(a, 'create', 'Unit', t.code),
  },
  'units.update': {
    run: async (c, t) => (await c.units.update({ id: t.unitId, version: t.unitVersion, sortOrder: 7 })).sortOrder === 7,
    expected: (a, t) => can(a, 'update', 'Unit', t.code),
  },
  'users.list': {
    run: async (c, t) => (await c.users.list({ jurisdictionId: Number(t.code), limit: 200, includeInactive: true })).items.some((u) => u.id === t.userId),
    expected: (a, t) => readsNode(a, t.code) && can(a, 'read', 'User', t.code),
  },
  'users.create': {
    run: async (c, t) => (await c.users.create({ username: `m${uniq()}`, displayName: '矩阵测试', unitId: t.unitId, roles: ['operator'] })).user.id > 0,
    expected: (a, t) => can(a, 'create', 'User', t.code),
  },
  'users.deactivate': {
    run: async (c, t) => (await c.users.deactivate({ id: t.userId, version: t.userVersion })).isActive === false,
    expected: (a, t) => can(a, 'deactivate', 'User', t.code),
  },
  'users.resetPassword': {
    run: async (c, t) => (await c.users.resetPassword({ id: t.userId })).temporaryPassword.length >= 8,
    expected: (a, t) => can(a, 'resetPassword', 'User', t.code),
  },
  'audit.list': {
    run: async (c, t) => (await c.audit.list({ jurisdictionId: Number(t.code), limit: 200 })).items.some((r) => r.subjectId === String(t.unitId)),
    expected: (a, t) => readsNode(a, t.code) && can(a, 'read', 'AuditLog', t.code),
  },
};

/** Inserts a unit, a user and an audit row about the unit in `code`, as the system. */
export async function makeTarget(db: Db, code: string): Promise<Target> {
  const a = ancestorIdsOfCode(code);
  const anc = { province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId };
  const n = uniq();
  const unit = await db
    .insertInto('units')
    .values({ ...anc, jurisdiction_id: Number(code), name: `目标单位${n}`, short_name: '目标', kind: 'department' })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({ ...anc, username: `t${n}`, display_name: '目标用户', unit_id: unit.id, jurisdiction_id: Number(code), password_hash: 'x' })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('audit_log')
    .values({ ...anc, jurisdiction_id: Number(code), unit_id: unit.id, action: 'unit.create', subject_type: 'Unit', subject_id: String(unit.id), actor_user_id: null, actor_username: 'system', before: null, after: null, request_id: null, ip: null })
    .execute();
  return { code, unitId: unit.id, unitVersion: unit.version, userId: user.id, userVersion: user.version };
}

/** Allows every action on every subject: with it, only RLS stands between tenants. */
export const ALLOW_ALL_RULES = [{ action: [...ACTIONS], subject: [...SUBJECTS] }];

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, insertFixtureTree } from '@fz/db/testing';
import { BootstrapError, createAdmin } from '../src/ops/create-admin.js';
import { loginAs, servicesFor } from './helpers.js';

let env: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  env = await createTestDatabase();
  await insertFixtureTree(env.db, ['37', '3713']);
});
afterAll(() => env?.close());

const first = { jurisdictionId: 37, username: 'sd-admin', displayName: '省管理员', unitName: '山东省依法治省办', roles: ['admin', 'supervisor'] };

describe('the first administrator of a deployment', () => {
  it('signs in with the one-time password, must change it, and administers its province', async () => {
    const created = await createAdmin(env.db, first);
    const { caller } = await loginAs(servicesFor(env.db), 'sd-admin', created.initialPassword);
    const me = await caller.auth.me();
    expect(me).toMatchObject({ user: { username: 'sd-admin', mustChangePassword: true }, jurisdiction: { id: 37 }, unit: { name: '山东省依法治省办' } });
    expect([...me.roles].sort()).toEqual(['admin', 'supervisor']);
    // It can create the next accounts of its jurisdiction, and sees the job queue.
    const made = await caller.users.create({ unitId: created.unitId, username: 'sd-second', displayName: '第二位', roles: ['operator'] });
    expect(made.user.username).toBe('sd-second');
    expect((await caller.jobs.failed({ limit: 5 })).items).toEqual([]);
    const audit = await env.db.selectFrom('audit_log').select(['action', 'actor_username', 'request_id']).where('subject_id', '=', String(created.userId)).where('action', '=', 'user.create').execute();
    expect(audit).toEqual([{ action: 'user.create', actor_username: '系统', request_id: 'cli:create-admin' }]);
  });

  it('reuses a unit of that name instead of making a second one', async () => {
    const again = await createAdmin(env.db, { ...first, username: 'sd-admin-2' });
    const units = await env.db.selectFrom('units').select('id').where('jurisdiction_id', '=', 37).where('name', '=', '山东省依法治省办').execute();
    expect(units.map((u) => u.id)).toEqual([again.unitId]);
  });

  it('refuses a taken username, a missing jurisdiction and an unknown role, writing nothing', async () => {
    const users = async () => (await env.db.selectFrom('users').select('id').execute()).length;
    const count = await users();
    await expect(createAdmin(env.db, first)).rejects.toThrow(new BootstrapError('username sd-admin is taken'));
    await expect(createAdmin(env.db, { ...first, username: 'bj-admin', jurisdictionId: 11 })).rejects.toThrow(/jurisdiction 11 does not exist: import the divisions first/);
    await expect(createAdmin(env.db, { ...first, username: 'x-admin', roles: ['root'] })).rejects.toThrow(/roles: unknown root/);
    expect(await users()).toBe(count);
  });
});

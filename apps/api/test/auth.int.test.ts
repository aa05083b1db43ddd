import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS, MESSAGES, SESSION_IDLE_MINUTES } from '@fz/domain';
import { callerFor, demoDatabase, fakeRequest, loginAs, outcome, servicesFor } from './helpers.js';
import type { Services } from '../src/trpc/context.js';
import { sessionIdOf } from '../src/modules/auth/session.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db);
});
afterAll(() => env.close());

async function loginError(username: string, password: string) {
  try {
    await callerFor(services).auth.login({ username, password });
    return null;
  } catch (e) {
    return e as { code: string; message: string };
  }
}

describe('login', () => {
  it('a demo user logs in with the demo password and sees their scope', async () => {
    const { caller } = await loginAs(services, 'hedong');
    const me = await caller.auth.me();
    expect(me.jurisdiction).toMatchObject({ id: 371312, name: '河东区', level: 'county' });
    expect(me.ancestors.map((a) => a.name)).toEqual(['山东省', '临沂市', '河东区']);
    expect(me.roles).toEqual(['admin', 'supervisor']);
    expect(me.rules.length).toBeGreaterThan(0);
  });

  it('a wrong password and an unknown user get the same message', async () => {
    const wrong = await loginError('hedong', 'Wrong@2026');
    const unknown = await loginError('nobody-here', 'Wrong@2026');
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', message: MESSAGES.loginFailed });
    expect(unknown).toMatchObject({ code: 'UNAUTHORIZED', message: MESSAGES.loginFailed });
  });

  it(`locks after ${LOGIN_MAX_FAILURES} failures, for existing and unknown users alike`, async () => {
    for (const username of ['linyi', 'ghost-user']) {
      const errors = [];
      for (let i = 0; i < LOGIN_MAX_FAILURES; i++) errors.push(await loginError(username, 'Wrong@2026'));
      expect(errors.at(-1)).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: MESSAGES.loginLocked });
      // Even the right password is refused while locked.
      expect(await loginError(username, 'Demo@2026')).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    }
  });

  it(`refuses an address after ${LOGIN_MAX_FAILURES_PER_ADDRESS} failures across usernames, while other addresses still get in`, async () => {
    const from = (ip: string) => callerFor(services, fakeRequest(null, { ip }));
    const attempt = async (ip: string, username: string, password: string) => {
      try {
        await from(ip).auth.login({ username, password });
        return 'OK';
      } catch (e) {
        return (e as { message: string }).message;
      }
    };
    // Spread over usernames so that no single account locks first.
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ADDRESS; i++) expect(await attempt('203.0.113.9', `spray-${i % 10}`, 'Wrong@2026')).toBe(MESSAGES.loginFailed);
    expect(await attempt('203.0.113.9', 'street', 'Demo@2026')).toBe(MESSAGES.loginThrottled);
    expect(await attempt('198.51.100.7', 'street', 'Demo@2026')).toBe('OK');
  });

  it('rotates the session: logging in again ends the previous session', async () => {
    const first = await loginAs(services, 'leader');
    const req = fakeRequest(first.token);
    await callerFor(services, req).auth.login({ username: 'leader', password: 'Demo@2026' });
    expect(req.cookie).not.toBe(first.token);
    expect(await outcome(first.caller.auth.me())).toBe('UNAUTHORIZED');
  });

  it('stores only a hash of the session token', async () => {
    const { token } = await loginAs(services, 'street');
    const rows = await env.db.selectFrom('sessions').select('id').execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.some((r) => r.id === sessionIdOf(token))).toBe(true);
  });

  it('writes an audit row for the login', async () => {
    await loginAs(services, 'hedong-sfj');
    const row = await env.db.selectFrom('audit_log').selectAll().where('actor_username', '=', 'hedong-sfj').where('action', '=', 'auth.login').executeTakeFirst();
    expect(row).toMatchObject({ jurisdiction_id: 371312, county_id: 371312 });
  });
});

describe('sessions', () => {
  it('logout ends the session', async () => {
    const { caller } = await loginAs(services, 'province');
    await caller.auth.logout();
    expect(await outcome(caller.auth.me())).toBe('UNAUTHORIZED');
  });

  it(`expires after ${SESSION_IDLE_MINUTES} idle minutes`, async () => {
    const { caller, token } = await loginAs(services, 'province');
    await env.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - (SESSION_IDLE_MINUTES + 1) * 60_000) }).where('id', '=', sessionIdOf(token)).execute();
    expect(await outcome(caller.auth.me())).toBe('UNAUTHORIZED');
  });

  it('expires at its absolute expiry even when active', async () => {
    const { caller, token } = await loginAs(services, 'province');
    await env.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', sessionIdOf(token)).execute();
    expect(await outcome(caller.auth.me())).toBe('UNAUTHORIZED');
  });

  it('without a session every scoped procedure answers UNAUTHORIZED', async () => {
    expect(await outcome(callerFor(services).jurisdictions.children({}))).toBe('UNAUTHORIZED');
  });

  it('a mutation without the anti-CSRF header is refused', async () => {
    const { token } = await loginAs(services, 'hedong');
    const caller = callerFor(services, fakeRequest(token, { csrfOk: false }));
    expect(await outcome(caller.units.create({ jurisdictionId: 371312, name: '河东区测试局', shortName: '测试局', kind: 'department', sortOrder: 1 }))).toBe('FORBIDDEN');
  });
});

describe('password change', () => {
  it('needs the old password, enforces the policy, and signs out other sessions', async () => {
    const a = await loginAs(services, 'xiangong');
    const b = await loginAs(services, 'xiangong');
    expect(await outcome(a.caller.auth.changePassword({ oldPassword: 'nope', newPassword: 'New@2026pass' }))).toBe('BAD_REQUEST');
    expect(await outcome(a.caller.auth.changePassword({ oldPassword: 'Demo@2026', newPassword: 'short' }))).toBe('BAD_REQUEST');
    await a.caller.auth.changePassword({ oldPassword: 'Demo@2026', newPassword: 'New@2026pass' });
    expect(await outcome(b.caller.auth.me())).toBe('UNAUTHORIZED');
    expect((await a.caller.auth.me()).user.username).toBe('xiangong');
    await loginAs(services, 'xiangong', 'New@2026pass');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, MAX_BATCH } from '../src/app.js';
import { demoDatabase, servicesFor } from './helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let app: FastifyInstance;
let dbUp = true;

beforeAll(async () => {
  env = await demoDatabase();
  app = await buildApp({ services: servicesFor(env.db), ping: async () => dbUp, webDist: null, logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await env.close();
});

const json = { 'content-type': 'application/json', 'x-fz-csrf': '1' };

async function login(username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: { username, password: 'Demo@2026' } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'fz_sid');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  return `fz_sid=${cookie!.value}`;
}

describe('HTTP surface', () => {
  it('healthz answers while readyz follows the database', async () => {
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    dbUp = false;
    expect((await app.inject('/readyz')).statusCode).toBe(503);
    dbUp = true;
  });

  it('sends security headers with a content-security policy', async () => {
    const res = await app.inject('/healthz');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('refuses a mutation without the anti-CSRF header', async () => {
    const res = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: { 'content-type': 'application/json' }, payload: { username: 'hedong', password: 'Demo@2026' } });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('请求来源校验失败');
  });

  it('answers bad input with a 400 and a Chinese message, never SQL or a stack', async () => {
    const cookie = await login('hedong');
    const input = encodeURIComponent(JSON.stringify({ jurisdictionId: "371312' OR 1=1 --" }));
    const res = await app.inject({ url: `/trpc/units.list?input=${input}`, headers: { cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('输入不符合要求');
    expect(res.body).not.toMatch(/select|stack|at .*\.ts/i);
  });

  it('rejects a garbage cursor with a 400, not a 500', async () => {
    const cookie = await login('hedong');
    const input = encodeURIComponent(JSON.stringify({ jurisdictionId: 371312, cursor: '%%%not-base64' }));
    const res = await app.inject({ url: `/trpc/units.list?input=${input}`, headers: { cookie } });
    expect(res.statusCode).toBe(400);
  });

  it(`caps batches at ${MAX_BATCH} calls`, async () => {
    const cookie = await login('hedong');
    const paths = Array.from({ length: MAX_BATCH + 1 }, () => 'auth.me').join(',');
    const res = await app.inject({ url: `/trpc/${paths}?batch=1&input={}`, headers: { cookie } });
    expect(res.statusCode).toBe(400);
  });

  it('caps the request body', async () => {
    const res = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }) });
    expect(res.statusCode).toBe(413);
  });

  it('logout clears the cookie and ends the session', async () => {
    const cookie = await login('street');
    const out = await app.inject({ method: 'POST', url: '/trpc/auth.logout', headers: { ...json, cookie } });
    expect(out.statusCode).toBe(200);
    const me = await app.inject({ url: '/trpc/auth.me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });
});

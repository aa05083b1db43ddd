import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '@fz/db';
import { DEMO_PASSWORD, importDivisions, seedDemo } from '@fz/db';
import { createTestDatabase } from '@fz/db/testing';
import { createCallerFactory } from '../src/trpc/init.js';
import { appRouter } from '../src/router.js';
import type { Context, RequestInfo, Services } from '../src/trpc/context.js';
import { defaultServices } from '../src/trpc/context.js';
import { LocalDiskStorage } from '../src/storage/local-disk.js';

export const silentLog = { info() {}, warn() {}, error() {} };

/**
 * Shandong with the demo accounts, plus Beijing (another province) so a province user has a
 * sibling. Built once into a template database; each test file gets a copy.
 */
export async function demoDatabase() {
  return createTestDatabase({
    // Bump when the demo seed changes: the key (not the seed's code) names the template.
    templateKey: 'demo+beijing-v2+plans7+demo4+ind7',
    seed: async (db) => {
      await seedDemo(db);
      await importDivisions(db, { province: '11' });
      await db
        .insertInto('units')
        .values({ jurisdiction_id: 110101, province_id: 11, city_id: 1101, county_id: 110101, township_id: null, name: '东城区司法局', short_name: '司法局', kind: 'department' })
        .execute();
    },
  });
}

export interface FakeRequest extends RequestInfo {
  cookie: string | null;
}

export function fakeRequest(token: string | null = null, overrides: Partial<RequestInfo> = {}): FakeRequest {
  const req: FakeRequest = {
    requestId: randomUUID(),
    ip: '127.0.0.1',
    userAgent: 'vitest',
    sessionToken: token,
    csrfOk: true,
    cookie: token,
    setSessionCookie(t) {
      req.cookie = t;
    },
    clearSessionCookie() {
      req.cookie = null;
    },
    ...overrides,
  };
  return req;
}

const createCaller = createCallerFactory(appRouter);

export function callerFor(services: Services, req: RequestInfo = fakeRequest()) {
  const ctx: Context = { services, req };
  return createCaller(ctx);
}

export type Caller = ReturnType<typeof callerFor>;

/** Evidence files of this test process, in a fresh temporary folder. */
export const testStorage = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'fz-attachments-')));

export function servicesFor(db: Db, overrides: Partial<Services> = {}): Services {
  return { ...defaultServices(db, { cookieSecure: false, log: silentLog, storage: testStorage }), ...overrides };
}

/** Logs in as a demo user and returns a caller carrying the session cookie. */
export async function loginAs(services: Services, username: string, password = DEMO_PASSWORD): Promise<{ caller: Caller; token: string }> {
  const req = fakeRequest();
  await callerFor(services, req).auth.login({ username, password });
  if (!req.cookie) throw new Error(`login as ${username} set no cookie`);
  return { caller: callerFor(services, fakeRequest(req.cookie)), token: req.cookie };
}

/** The tRPC error code of a rejected call, or 'OK'. */
export async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
    throw e;
  }
}

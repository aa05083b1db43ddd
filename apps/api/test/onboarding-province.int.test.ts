import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { createDb } from '@fz/db';
import type { DbHandle } from '@fz/db';
import { buildApp } from '../src/app.js';
import { startJobs } from '../src/jobs/queue.js';
import type { Jobs } from '../src/jobs/queue.js';
import { jobSender } from '../src/jobs/onboarding-queue.js';
import { demoDatabase, servicesFor, silentLog, testStorage } from './helpers.js';
import { countsOf, loginCookie, makeAccount, onboardingFile, sheetRows, uploadFile } from './onboarding-fixture.js';
import type { Cells } from './onboarding-fixture.js';
import { TODAY } from './rect-helpers.js';

/**
 * A province-sized import through the real queue (pg-boss, as the worker runs it): 60 counties
 * and 100 townships of 山东省 get 220 units and 2,005 users in one file, uploaded by the
 * province's admin; the page's polling sees it move; the users log in with their initial
 * passwords and must change them.
 */

let env: Awaited<ReturnType<typeof demoDatabase>>;
let handle: DbHandle;
let jobs: Jobs;
let sender: ReturnType<typeof jobSender>;
let app: FastifyInstance;
let admin = '';

const ROLES = ['填报', '审核', '管理员、督察', '领导查看', '填报、审核'];

async function provinceFile(): Promise<{ data: Buffer; units: number; users: number }> {
  const places = async (level: 'county' | 'township', n: number) =>
    env.db.selectFrom('jurisdictions').select(['code', 'name']).where('province_id', '=', 37).where('level', '=', level).where('kind', '=', 'regular').orderBy('id').limit(n).execute();
  const units: Cells[] = [];
  const users: Cells[] = [];
  let n = 0;
  const user = (code: string, unit: string) => {
    n += 1;
    users.push([`prv-${String(n).padStart(5, '0')}`, `导入用户${n}`, code, unit, ROLES[n % ROLES.length]!]);
  };
  for (const c of await places('county', 60)) {
    units.push([c.code, c.name, `导入测试-${c.name}-司法局`, '测试司法', '部门', 10], [c.code, '', `导入测试-${c.name}-执法局`, '测试执法', '', '']);
    for (let i = 0; i < 10; i++) user(c.code, i % 2 === 0 ? `导入测试-${c.name}-司法局` : '测试执法');
  }
  for (const t of await places('township', 100)) {
    units.push([`${t.code}000`, t.name, `导入测试-${t.name}-综治办`, '测试综治', '其他', 1]);
    for (let i = 0; i < 14; i++) user(t.code, `导入测试-${t.name}-综治办`);
  }
  for (let i = 0; i < 5; i++) user('371312', '河东区司法局');
  return { data: await onboardingFile(units, users), units: units.length, users: users.length };
}

async function trpcGet<T>(cookie: string, path: string, input?: unknown): Promise<T> {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await app.inject({ method: 'GET', url: `/trpc/${path}${q}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return (JSON.parse(res.body) as { result: { data: T } }).result.data;
}

interface Snapshot {
  status: string;
  totalRows: number;
  processedRows: number;
  unitsCreated: number;
  usersCreated: number;
}

beforeAll(async () => {
  env = await demoDatabase();
  handle = await createDb({ databaseUrl: env.url, poolMax: 4 });
  jobs = await startJobs({ handle, storage: testStorage, today: () => TODAY, log: silentLog, pollingIntervalSeconds: 0.5 });
  sender = jobSender(handle);
  app = await buildApp({ services: servicesFor(env.db, { queue: sender, today: () => TODAY }), ping: async () => true, webDist: null, logLevel: 'silent' });
  await makeAccount(env.db, '37', 'prv-admin');
  admin = await loginCookie(app, 'prv-admin');
});
afterAll(async () => {
  await app?.close();
  await sender?.stop();
  await jobs?.stop();
  await handle?.close();
  await env?.close();
});

describe('a province-sized onboarding import', () => {
  it('imports every unit and user through the queue, with progress, audit and initial passwords', { timeout: 240_000 }, async () => {
    const file = await provinceFile();
    const res = await uploadFile(app, admin, file.data, '山东省单位和用户.xlsx');
    expect(res.statusCode, res.body).toBe(202);
    const id = (JSON.parse(res.body) as { id: number }).id;

    const seen: Snapshot[] = [];
    const deadline = Date.now() + 200_000;
    for (;;) {
      const s = await trpcGet<Snapshot>(admin, 'onboarding.get', { id });
      seen.push(s);
      if (s.status === 'succeeded' || s.status === 'failed' || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    const done = seen.at(-1)!;
    expect(done).toMatchObject({ status: 'succeeded', totalRows: file.units + file.users, processedRows: file.units + file.users, unitsCreated: file.units, usersCreated: file.users });
    // The polling page saw it move part-way (hashing 2,005 passwords takes seconds).
    expect(seen.some((s) => (s.status === 'validating' || s.status === 'importing') && s.processedRows > 0 && s.processedRows < s.totalRows)).toBe(true);
    const statuses = [...new Set(seen.map((s) => s.status))];
    expect(statuses.filter((s) => s !== 'queued')).toEqual(statuses.filter((s) => ['validating', 'importing', 'succeeded'].includes(s)));

    expect(await countsOf(env.db, '导入测试-', 'prv-0')).toEqual({ units: file.units, users: file.users });
    const { rows } = await sql<{ action: string; n: number }>`select action, count(*)::int as n from audit_log where request_id = ${`onboarding:${id}`} group by action order by action`.execute(env.db);
    expect(rows).toEqual([
      { action: 'onboarding.import', n: 1 },
      { action: 'unit.create', n: file.units },
      { action: 'user.create', n: file.users },
    ]);
    const roles = await env.db.selectFrom('role_memberships as r').innerJoin('users as u', 'u.id', 'r.user_id').select('r.role').where('u.username', '=', 'prv-00002').orderBy('r.role').execute();
    expect(roles.map((r) => r.role)).toEqual(['admin', 'supervisor']);

    const history = await trpcGet<{ items: Array<{ id: number; mine: boolean }> }>(admin, 'onboarding.list', { jurisdictionId: 37 });
    expect(history.items[0]).toMatchObject({ id, mine: true });

    const creds = await app.inject({ method: 'POST', url: `/api/onboarding/imports/${id}/credentials.xlsx`, headers: { cookie: admin, 'x-fz-csrf': '1' } });
    expect(creds.statusCode).toBe(200);
    const lines = (await sheetRows(creds.rawPayload)).slice(2);
    expect(lines).toHaveLength(file.users);
    for (const line of [lines[0]!, lines[1000]!, lines.at(-1)!]) {
      const cookie = await loginCookie(app, line[0]!, line[4]!);
      const me = await trpcGet<{ user: { username: string; mustChangePassword: boolean } }>(cookie, 'auth.me');
      expect(me.user).toMatchObject({ username: line[0], mustChangePassword: true });
    }
  });
});

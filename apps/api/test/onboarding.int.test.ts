import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { MESSAGES, ONBOARDING_MESSAGES, ROLE_LABEL_LIST } from '@fz/domain';
import { buildApp } from '../src/app.js';
import { runOnboardingImport } from '../src/modules/onboarding/job.js';
import { demoDatabase, servicesFor, silentLog } from './helpers.js';
import { countsOf, heldQueue, loginCookie, makeAccount, onboardingFile, sheetRows, uploadFile } from './onboarding-fixture.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let app: FastifyInstance;
const queue = heldQueue();
const cookies: Record<string, string> = {};

/** Runs the job of the last upload (as the worker would) and reads the import back as its uploader. */
async function runLast(who: string) {
  const payload = queue.sent.at(-1)!;
  await runOnboardingImport(env.db, payload, silentLog);
  return get(who, payload.importId);
}

async function trpc(who: string, path: string, input: unknown): Promise<{ code: string | null; data: unknown }> {
  const res = await app.inject({ method: 'GET', url: `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, headers: { cookie: cookies[who]! } });
  const body = JSON.parse(res.body) as { result?: { data: unknown }; error?: { data?: { code?: string } } };
  return { code: body.error?.data?.code ?? null, data: body.result?.data };
}

interface ImportView {
  id: number;
  status: string;
  failure: string | null;
  errors: Array<{ sheet: string; row: number; column: string; message: string }>;
  totalRows: number;
  processedRows: number;
  unitsCreated: number;
  usersCreated: number;
  credentials: { expiresAt: string } | null;
}
const get = async (who: string, id: number) => (await trpc(who, 'onboarding.get', { id })).data as ImportView;

beforeAll(async () => {
  env = await demoDatabase();
  app = await buildApp({ services: servicesFor(env.db, { queue }), ping: async () => true, webDist: null, logLevel: 'silent' });
  await makeAccount(env.db, '37', 'sd-admin');
  await makeAccount(env.db, '3713', 'ly-admin');
  await makeAccount(env.db, '3701', 'jn-admin');
  for (const who of ['sd-admin', 'ly-admin', 'jn-admin']) cookies[who] = await loginCookie(app, who);
  cookies['hedong-sfj'] = await loginCookie(app, 'hedong-sfj', 'Demo@2026');
});
afterAll(async () => {
  await app.close();
  await env.close();
});

describe('onboarding uploads', () => {
  it('only admins upload, only .xlsx, only with the CSRF header', async () => {
    const file = await onboardingFile([], [['obg-x', '某某', '371312', '河东区司法局', '填报']]);
    expect((await uploadFile(app, cookies['hedong-sfj']!, file)).statusCode).toBe(403);
    expect((await uploadFile(app, cookies['sd-admin']!, Buffer.from('not a workbook'), 'a.xlsx')).statusCode).toBe(400);
    const body = (await import('./rect-helpers.js')).multipart('a.xlsx', file);
    const noCsrf = await app.inject({ method: 'POST', url: '/api/onboarding/imports', payload: body.payload, headers: { 'content-type': body.contentType, cookie: cookies['sd-admin']! } });
    expect(noCsrf.statusCode).toBe(403);
    expect(queue.sent).toHaveLength(0);
  });

  it('serves a template whose example rows are never imported', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/onboarding/template.xlsx', headers: { cookie: cookies['ly-admin']! } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['单位', '用户', '说明', '区划代码']);
    expect(String(wb.getWorksheet('说明')!.getColumn(1).values.join(''))).toContain('领导查看');
    expect(wb.getWorksheet('区划代码')!.getRow(2).getCell(1).value).toBe('3713');
    expect((await uploadFile(app, cookies['ly-admin']!, res.rawPayload, '模板.xlsx')).statusCode).toBe(202);
    const done = await runLast('ly-admin');
    expect([done.status, done.failure]).toEqual(['failed', ONBOARDING_MESSAGES.noRows]);
  });
});

describe('all or nothing', () => {
  it('reports every bad row by sheet, row and column, and writes nothing', async () => {
    const before = await countsOf(env.db, '河东区测试局', 'obb-');
    const file = await onboardingFile(
      [
        ['371312', '河东区', '河东区测试局B', '测试局', '部门', 10],
        ['371312', '', '河东区测试局B', '测试局', '', ''],
        ['110101', '东城区', '东城区测试局', '测试局', '', ''],
      ],
      [
        ['obb-user1', '用户一', '371312', '河东区测试局B', '填报'],
        ['obb-user1', '用户二', '371312', '河东区司法局', '填报'],
        ['hedong', '用户三', '371312', '河东区司法局', '填报'],
        ['obb-user4', '用户四', '371312', '河东区司法局', '局长'],
        ['obb-user5', '用户五', '371312', '不存在的单位', '填报'],
        ['obb-user6', '用户六', '379999', '某单位', '审核'],
      ],
    );
    expect((await uploadFile(app, cookies['sd-admin']!, file)).statusCode).toBe(202);
    const done = await runLast('sd-admin');
    expect(done.status).toBe('failed');
    expect(done.errors).toEqual([
      { sheet: '单位', row: 3, column: '单位名称', message: ONBOARDING_MESSAGES.duplicateUnitInFile(2) },
      { sheet: '单位', row: 4, column: '行政区划代码', message: ONBOARDING_MESSAGES.outsideArea },
      { sheet: '用户', row: 3, column: '用户名', message: ONBOARDING_MESSAGES.duplicateUsernameInFile(2) },
      { sheet: '用户', row: 4, column: '用户名', message: MESSAGES.duplicateUsername },
      { sheet: '用户', row: 5, column: '角色', message: ONBOARDING_MESSAGES.unknownRoles('局长', ROLE_LABEL_LIST) },
      { sheet: '用户', row: 6, column: '所属单位', message: ONBOARDING_MESSAGES.unknownUnit('不存在的单位') },
      { sheet: '用户', row: 7, column: '所属行政区划代码', message: ONBOARDING_MESSAGES.unknownCode },
    ]);
    expect(await countsOf(env.db, '河东区测试局', 'obb-')).toEqual(before);
    const { rows } = await sql<{ n: string }>`select count(*) as n from audit_log where request_id = ${`onboarding:${done.id}`}`.execute(env.db);
    expect(rows[0]?.n).toBe('0');
    // The error list as a file, for the office to work through.
    const xlsx = await app.inject({ method: 'GET', url: `/api/onboarding/imports/${done.id}/errors.xlsx`, headers: { cookie: cookies['sd-admin']! } });
    const lines = await sheetRows(xlsx.rawPayload);
    expect(lines[1]).toEqual(['工作表', '行号', '列', '错误说明']);
    expect(lines.slice(2).map((l) => l.slice(0, 3).join(' '))).toEqual(done.errors.map((e) => `${e.sheet} ${e.row} ${e.column}`));
  });

  it('a city admin cannot import into another city, nor read another city’s or the province’s import', async () => {
    const file = await onboardingFile([['3701', '济南市', '济南市测试局C', '测试局', '', '']], [['obc-user1', '用户一', '370102', '历下区办公室', '填报'], ['obc-user2', '用户二', '371312', '河东区司法局', '填报']]);
    expect((await uploadFile(app, cookies['ly-admin']!, file)).statusCode).toBe(202);
    const done = await runLast('ly-admin');
    expect(done.errors.map((e) => [e.sheet, e.row, e.column, e.message])).toEqual([
      ['单位', 2, '行政区划代码', ONBOARDING_MESSAGES.outsideArea],
      ['用户', 2, '所属行政区划代码', ONBOARDING_MESSAGES.outsideArea],
    ]);
    expect(await countsOf(env.db, '济南市测试局C', 'obc-')).toEqual({ units: 0, users: 0 });
    const province = queue.sent.find((p) => p.jurisdictionId === 37)!.importId;
    expect((await trpc('ly-admin', 'onboarding.get', { id: province })).code).toBe('NOT_FOUND');
    expect((await trpc('jn-admin', 'onboarding.get', { id: done.id })).code).toBe('NOT_FOUND');
    expect((await trpc('jn-admin', 'onboarding.list', { jurisdictionId: 3713 })).code).toBe('NOT_FOUND');
    const other = await app.inject({ method: 'GET', url: `/api/onboarding/imports/${done.id}/errors.xlsx`, headers: { cookie: cookies['jn-admin']! } });
    expect(other.statusCode).toBe(404);
    // The province admin reads the city's import (its subtree).
    expect((await get('sd-admin', done.id)).status).toBe('failed');
  });
});

describe('the same file twice', () => {
  it('uploaded twice at once is imported once; the passwords are handed over once, to the uploader', async () => {
    const file = await onboardingFile([['371312001', '', '九曲街道测试站E', '测试站', '其他', '']], [
      ['obe-user1', '用户一', '371312001', '九曲街道测试站E', '填报、审核'],
      ['obe-user2', '用户二', '371312001', '测试站', '领导查看'],
      ['OBE-User3', '用户三', '371312', '河东区司法局', '填报'],
    ]);
    const sentBefore = queue.sent.length;
    const [a, b] = await Promise.all([uploadFile(app, cookies['sd-admin']!, file), uploadFile(app, cookies['sd-admin']!, file)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 202]);
    expect(JSON.parse(a.body).id).toBe(JSON.parse(b.body).id);
    expect(queue.sent.length).toBe(sentBefore + 1);
    const payload = queue.sent.at(-1)!;
    expect((await Promise.all([runOnboardingImport(env.db, payload, silentLog), runOnboardingImport(env.db, payload, silentLog)])).sort()).toEqual(['skipped', 'succeeded']);
    expect(await runOnboardingImport(env.db, payload, silentLog)).toBe('skipped');
    const done = await get('sd-admin', payload.importId);
    expect(done).toMatchObject({ status: 'succeeded', unitsCreated: 1, usersCreated: 3, totalRows: 4, processedRows: 4 });
    expect(await countsOf(env.db, '九曲街道测试站E', 'obe-')).toEqual({ units: 1, users: 3 });
    expect((await uploadFile(app, cookies['sd-admin']!, file)).statusCode).toBe(200);

    const take = (who: string) => app.inject({ method: 'POST', url: `/api/onboarding/imports/${payload.importId}/credentials.xlsx`, headers: { cookie: cookies[who]!, 'x-fz-csrf': '1' } });
    expect((await take('ly-admin')).statusCode).toBe(404);
    const first = await take('sd-admin');
    expect(first.statusCode).toBe(200);
    const lines = await sheetRows(first.rawPayload);
    expect(lines.slice(2).map((l) => l[0])).toEqual(['obe-user1', 'obe-user2', 'obe-user3']);
    expect((await take('sd-admin')).statusCode).toBe(404);
    expect((await get('sd-admin', payload.importId)).credentials).toBeNull();
    const login = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: { 'content-type': 'application/json', 'x-fz-csrf': '1' }, payload: { username: 'obe-user3', password: lines[4]![4] } });
    expect(login.statusCode).toBe(200);
  });
});

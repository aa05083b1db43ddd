import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { sessions } from './rect-helpers.js';
import { DASHBOARD_TODAY, seedJinan } from './dashboard-fixture.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const login = sessions(() => services);

beforeAll(async () => {
  env = await demoDatabase();
  await seedJinan(env.db);
  services = servicesFor(env.db, { today: () => DASHBOARD_TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await env.close();
});

async function exportAs(username: string | null, input: unknown) {
  const headers = username ? { cookie: `fz_sid=${(await login(username)).token}` } : {};
  return app.inject({ url: `/api/dashboard/children.xlsx?input=${encodeURIComponent(typeof input === 'string' ? input : JSON.stringify(input))}`, headers });
}

async function sheetOf(body: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(body).buffer);
  return wb.worksheets[0]!;
}

describe('the per-child table as Excel', () => {
  it('has one row per child, the node’s own items and the total, with the dashboard’s numbers', async () => {
    const res = await exportAs('province', { jurisdictionId: 370102 });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('历下区督察看板-下级对比-20260615.xlsx');
    const ws = await sheetOf(res.rawPayload);
    const d = await (await login('province')).caller.dashboard.get({ jurisdictionId: 370102 });
    expect(String(ws.getCell(1, 1).value)).toContain('历下区督察看板');
    expect(ws.getRow(2).getCell(1).value).toBe('行政区划');
    expect(ws.rowCount).toBe(2 + d.children.length + 2);
    const street = ws.getRow(3 + d.children.findIndex((c) => c.id === 370102001));
    expect([street.getCell(1).value, street.getCell(2).value, street.getCell(3).value, street.getCell(7).value]).toEqual(['解放路街道', 2, 1, 1]);
    const own = ws.getRow(ws.rowCount - 1);
    expect([own.getCell(1).value, own.getCell(2).value, own.getCell(7).value]).toEqual(['历下区(本级)', 6, 0.5]);
    const total = ws.getRow(ws.rowCount);
    expect([total.getCell(1).value, total.getCell(2).value, total.getCell(5).value]).toEqual(['合计', 8, 2]);
  });

  it('takes the year and inspection type of the page', async () => {
    const ws = await sheetOf((await exportAs('province', { jurisdictionId: 3701, inspectionType: 'special' })).rawPayload);
    expect(String(ws.getCell(1, 1).value)).toContain('专项督察');
    expect(ws.getRow(ws.rowCount).getCell(2).value).toBe(3);
  });

  it('is refused above or beside the caller’s jurisdiction, without a session, and for bad input', async () => {
    expect((await exportAs('hedong', { jurisdictionId: 371302 })).statusCode).toBe(404);
    expect((await exportAs('hedong', { jurisdictionId: 3713 })).statusCode).toBe(404);
    expect((await exportAs(null, {})).statusCode).toBe(401);
    expect((await exportAs('province', '{"year":')).statusCode).toBe(400);
    expect((await exportAs('province', { year: 1900 })).statusCode).toBe(400);
  });

  it('is audited under the caller’s own jurisdiction', async () => {
    await exportAs('hedong', {});
    const row = await env.db.selectFrom('audit_log').select(['action', 'jurisdiction_id', 'subject_id']).where('action', '=', 'dashboard.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toEqual({ action: 'dashboard.export', jurisdiction_id: 371312, subject_id: '371312' });
  });
});

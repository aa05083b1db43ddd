import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { ancestorIdsOfCode, UNIT_IMPORT_COLUMNS, USER_IMPORT_COLUMNS } from '@fz/domain';
import type { Role } from '@fz/domain';
import type { Db } from '@fz/db';
import { hashPassword } from '../src/modules/auth/password.js';
import type { OnboardingJobPayload } from '../src/modules/onboarding/job.js';
import type { LedgerExportPayload } from '../src/modules/exports/job.js';
import type { JobQueue } from '../src/trpc/context.js';
import { multipart } from './rect-helpers.js';

export const ADMIN_PASSWORD = 'Admin#2026x';

/** An admin (or other role) of `code`, in a unit of that place (made when missing), able to log in at once. */
export async function makeAccount(db: Db, code: string, username: string, roles: Role[] = ['admin']): Promise<number> {
  const a = ancestorIdsOfCode(code);
  const anc = { province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId, jurisdiction_id: Number(code) };
  const unit =
    (await db.selectFrom('units').select('id').where('jurisdiction_id', '=', Number(code)).orderBy('id').executeTakeFirst()) ??
    (await db.insertInto('units').values({ ...anc, name: `区划${code}办公室`, short_name: '办公室', kind: 'office' }).returning('id').executeTakeFirstOrThrow());
  const user = await db
    .insertInto('users')
    .values({ ...anc, username, display_name: `${username}管理员`, unit_id: unit.id, password_hash: await hashPassword(ADMIN_PASSWORD), must_change_password: false })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('role_memberships').values(roles.map((role) => ({ ...anc, user_id: user.id, role }))).execute();
  return user.id;
}

export type Cells = Array<string | number>;

/** An onboarding workbook as a person fills in the template: headers in row 1, one row per line. */
export async function onboardingFile(units: Cells[], users: Cells[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, headers: string[], rows: Cells[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
  };
  sheet('单位', UNIT_IMPORT_COLUMNS.map((c) => c.header), units);
  sheet('用户', USER_IMPORT_COLUMNS.map((c) => c.header), users);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A queue that keeps what was sent; the test runs the jobs when it likes. */
export function heldQueue(): JobQueue & { sent: OnboardingJobPayload[]; exports: LedgerExportPayload[] } {
  const sent: OnboardingJobPayload[] = [];
  const exports: LedgerExportPayload[] = [];
  return {
    sent,
    exports,
    async sendOnboarding(p) {
      sent.push(p);
    },
    async sendLedgerExport(p) {
      exports.push(p);
    },
  };
}

export async function uploadFile(app: FastifyInstance, cookie: string, data: Buffer, fileName = '导入.xlsx') {
  const body = multipart(fileName, data);
  return app.inject({ method: 'POST', url: '/api/onboarding/imports', payload: body.payload, headers: { 'content-type': body.contentType, cookie, 'x-fz-csrf': '1' } });
}

export async function loginCookie(app: FastifyInstance, username: string, password = ADMIN_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: { 'content-type': 'application/json', 'x-fz-csrf': '1' }, payload: { username, password } });
  const sid = res.cookies.find((c) => c.name === 'fz_sid')?.value;
  if (!sid) throw new Error(`login as ${username} failed: ${res.body}`);
  return `fz_sid=${sid}`;
}

/** The rows of the first sheet of an .xlsx answer, as text. */
export async function sheetRows(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(data).buffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

/** Counts of units and users whose names start with `prefix`. */
export async function countsOf(db: Db, unitPrefix: string, userPrefix: string) {
  const units = await db.selectFrom('units').select((eb) => eb.fn.countAll<string>().as('n')).where('name', 'like', `${unitPrefix}%`).executeTakeFirstOrThrow();
  const users = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).where('username', 'like', `${userPrefix}%`).executeTakeFirstOrThrow();
  return { units: Number(units.n), users: Number(users.n) };
}

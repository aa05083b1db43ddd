import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { addDays } from '@fz/domain';
import type { Db } from '@fz/db';
import type { Caller } from './helpers.js';
import { loginAs } from './helpers.js';
import type { Services } from '../src/trpc/context.js';

/** A fixed "today" so lights and deadlines do not depend on the day the tests run. */
export const TODAY = '2026-11-23';
export const inDays = (n: number) => addDays(TODAY, n);

export interface Session {
  caller: Caller;
  token: string;
}

/** Logs in each demo user once per file. */
export function sessions(services: () => Services) {
  const cache = new Map<string, Promise<Session>>();
  return (username: string): Promise<Session> => {
    let s = cache.get(username);
    if (!s) cache.set(username, (s = loginAs(services(), username)));
    return s;
  };
}

export async function unitIdOf(db: Db, jurisdictionId: number, name: string): Promise<number> {
  const u = await db.selectFrom('units').select('id').where('jurisdiction_id', '=', jurisdictionId).where('name', '=', name).executeTakeFirstOrThrow();
  return u.id;
}

export async function auditCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from audit_log`.execute(db);
  return Number(rows[0]?.n);
}

export async function eventsOf(db: Db, itemId: number): Promise<string[]> {
  const rows = await db.selectFrom('item_events').select('event').where('item_id', '=', itemId).orderBy('id').execute();
  return rows.map((r) => r.event);
}

export async function itemRow(db: Db, id: number) {
  return db.selectFrom('rectification_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The code of a rejected call, or 'OK', plus its message. */
export async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
    return { code: 'OK', message: '' };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { code: err.code ?? 'THREW', message: err.message ?? String(e) };
  }
}

let seq = 0;
/** A new finding of `inspectionId` against `targetId`, issued by `supervisor`. */
export function finding(inspectionId: number, targetId: number, over: Partial<{ number: string; problem: string; deadline: string; responsibleUnitId: number; category: 'enforcement' | 'decisions' | 'normative_documents' }> = {}) {
  return {
    inspectionId,
    targetId,
    number: over.number ?? `T-${String(++seq).padStart(3, '0')}`,
    problem: over.problem ?? '行政执法“三项制度”落实不到位,执法全过程记录不完整',
    category: over.category ?? ('enforcement' as const),
    requirement: '建立执法全过程记录台账,组织专项培训',
    deadline: over.deadline ?? inDays(60),
    ...(over.responsibleUnitId !== undefined && { responsibleUnitId: over.responsibleUnitId }),
  };
}

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

/** A multipart/form-data body with one file. */
export function multipart(fileName: string, data: Buffer, boundary = 'fzBoundary7d93') {
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function upload(app: FastifyInstance, token: string, itemId: number, fileName: string, data: Buffer, headers: Record<string, string> = { 'x-fz-csrf': '1' }) {
  const body = multipart(fileName, data);
  return app.inject({ method: 'POST', url: `/api/items/${itemId}/evidence`, payload: body.payload, headers: { 'content-type': body.contentType, cookie: `fz_sid=${token}`, ...headers } });
}

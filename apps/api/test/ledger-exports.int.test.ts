import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { LEDGER_EXPORT_MESSAGES } from '@fz/domain';
import { createDb } from '@fz/db';
import { buildApp } from '../src/app.js';
import { startJobs } from '../src/jobs/queue.js';
import { jobSender, purgeExpiredExports } from '../src/jobs/onboarding-queue.js';
import { runLedgerExport } from '../src/modules/exports/job.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor, silentLog, testStorage } from './helpers.js';
import { heldQueue, sheetRows } from './onboarding-fixture.js';
import { countRows } from './plan-helpers.js';
import { TODAY, failure, sessions } from './rect-helpers.js';

/**
 * 后台导出: a ledger export filed by a procedure, written by the job as its requester (pages,
 * progress, the workbook), downloaded by the requester alone, purged after a week.
 */
let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const queue = heldQueue();
const as = sessions(() => services);
const caller = async (username: string) => (await as(username)).caller;
const HEDONG = 371312;

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY, queue });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await env.close();
});

const request = async (username: string, filter: Record<string, unknown> = { jurisdictionId: HEDONG, sort: 'deadline' }, requestKey = randomUUID()) =>
  (await caller(username)).ledgerExports.request({ requestKey, filter: filter as { sort: 'deadline' } });
/** Runs the job of the last request, as the worker would. */
const runLast = async (limits: { pageRows?: number; maxRows?: number } = {}) => runLedgerExport(env.db, queue.exports.at(-1)!, TODAY, silentLog, limits);
const mine = async (username: string) => (await (await caller(username)).ledgerExports.list({ limit: 50 })).items;
const download = async (username: string, id: number) => app.inject({ url: `/api/ledger-exports/${id}/file`, headers: { cookie: `fz_sid=${(await as(username)).token}` } });

describe('a background ledger export', () => {
  it('is counted when filed, written in pages as the requester, and holds the same lines as the direct export', async () => {
    const filed = await request('hedong');
    const direct = await (await caller('hedong')).items.list({ jurisdictionId: HEDONG, sort: 'deadline', limit: 200 });
    expect(filed).toMatchObject({ status: 'queued', totalRows: direct.items.length, processedRows: 0, downloadable: false });
    expect(queue.exports.at(-1)).toMatchObject({ exportId: filed.id, jurisdictionId: HEDONG });

    // Pages of 7 rows: the keyset walks the whole ledger once, in the ledger's order.
    expect(await runLast({ pageRows: 7 })).toBe('succeeded');
    const [done] = await mine('hedong');
    expect(done).toMatchObject({ id: filed.id, status: 'succeeded', processedRows: direct.items.length, downloadable: true, fileName: '整改台账-20261123.xlsx' });

    const res = await download('hedong', filed.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]?.[0]).toBe('河东区整改台账(导出时间 2026-11-23)');
    expect(rows.slice(2).map((r) => r[1])).toEqual(direct.items.map((i) => i.number));

    // Filed and written are both audited, the file under the requester's own place.
    const audit = await sql<{ action: string; n: string }>`select action, count(*) as n from audit_log where action in ('item.exportRequest', 'item.export') and actor_username = 'hedong' group by action order by action`.execute(env.db);
    expect(audit.rows.map((r) => [r.action, Number(r.n) >= 1])).toEqual([
      ['item.export', true],
      ['item.exportRequest', true],
    ]);
    // A rerun of the finished job (a retry after a crash) does nothing.
    expect(await runLedgerExport(env.db, { exportId: filed.id, requesterId: queue.exports.at(-1)!.requesterId, jurisdictionId: HEDONG }, TODAY, silentLog)).toBe('skipped');
  });

  it('is filed once however often the client resends the same request', async () => {
    const key = randomUUID();
    const before = await countRows(env.db, 'audit_log', 'action', 'item.exportRequest');
    const sent = queue.exports.length;
    const [a, b] = await Promise.all([request('hedong', undefined, key), request('hedong', undefined, key)]);
    const c = await request('hedong', undefined, key);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await countRows(env.db, 'audit_log', 'action', 'item.exportRequest')).toBe(before + 1);
    expect(queue.exports.length).toBe(sent + 1);
  });

  it('is its requester’s alone: a colleague of the same county and the city above find nothing', async () => {
    const filed = await request('hedong');
    await runLast();
    expect((await mine('hedong-sfj')).some((x) => x.id === filed.id)).toBe(false);
    expect((await mine('linyi')).some((x) => x.id === filed.id)).toBe(false);
    expect((await download('hedong-sfj', filed.id)).statusCode).toBe(404);
    expect((await download('linyi', filed.id)).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/ledger-exports/${filed.id}/file` })).statusCode).toBe(401);
  });

  it('refuses a node the caller may not read, and a filter that does not parse', async () => {
    expect(await failure(request('hedong', { jurisdictionId: 371302, sort: 'deadline' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(request('hedong', { jurisdictionId: HEDONG, sort: 'sideways' }))).toMatchObject({ code: 'BAD_REQUEST' });
    const bad = await failure((await caller('hedong')).ledgerExports.request({ requestKey: 'not-a-uuid', filter: { sort: 'deadline' } }));
    expect([bad.code, bad.message.includes('请求标识无效,请刷新后重试')]).toEqual(['BAD_REQUEST', true]);
  });

  it('fails with a clear message over its row limit, or when the requester has left, and stores no file', async () => {
    await request('hedong');
    expect(await runLast({ maxRows: 3, pageRows: 2 })).toBe('failed');
    expect((await mine('hedong'))[0]).toMatchObject({ status: 'failed', failure: LEDGER_EXPORT_MESSAGES.tooManyRows(3), downloadable: false });

    const filed = await request('hedong-sfj');
    await sql`update users set is_active = false where username = 'hedong-sfj'`.execute(env.db);
    try {
      expect(await runLast()).toBe('failed');
    } finally {
      await sql`update users set is_active = true where username = 'hedong-sfj'`.execute(env.db);
    }
    const row = await env.db.selectFrom('ledger_exports').select(['status', 'failure', 'file_data']).where('id', '=', filed.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', failure: LEDGER_EXPORT_MESSAGES.requesterGone, file_data: null });
    expect((await download('hedong-sfj', filed.id)).json()).toEqual({ error: { message: LEDGER_EXPORT_MESSAGES.notReady } });
  });

  it('without a job queue says so and leaves a failed export, not a waiting one', async () => {
    const noQueue = servicesFor(env.db, { today: () => TODAY });
    const c = await sessions(() => noQueue)('hedong');
    expect(await failure(c.caller.ledgerExports.request({ requestKey: randomUUID(), filter: { jurisdictionId: HEDONG, sort: 'deadline' } }))).toEqual({ code: 'SERVICE_UNAVAILABLE', message: LEDGER_EXPORT_MESSAGES.queueUnavailable });
    expect((await mine('hedong'))[0]).toMatchObject({ status: 'failed', failure: LEDGER_EXPORT_MESSAGES.queueUnavailable });
  });

  it('expires after its week: the file is refused, then the nightly clean-up deletes the row', async () => {
    const filed = await request('hedong');
    await runLast();
    await sql`update ledger_exports set expires_at = now() - interval '1 minute' where id = ${filed.id}`.execute(env.db);
    const res = await download('hedong', filed.id);
    expect([res.statusCode, res.json()]).toEqual([410, { error: { message: LEDGER_EXPORT_MESSAGES.expired } }]);
    expect((await mine('hedong')).find((x) => x.id === filed.id)).toMatchObject({ expired: true, downloadable: false });
    expect(await purgeExpiredExports(env.db)).toBeGreaterThanOrEqual(1);
    expect(await env.db.selectFrom('ledger_exports').select('id').where('id', '=', filed.id).executeTakeFirst()).toBeUndefined();
  });
});

describe('a background ledger export through the real queue (pg-boss, as the worker runs it)', () => {
  it('is written by the worker and becomes downloadable with every line', { timeout: 60_000 }, async () => {
    const handle = await createDb({ databaseUrl: env.url, poolMax: 2 });
    const jobs = await startJobs({ handle, storage: testStorage, today: () => TODAY, log: silentLog, pollingIntervalSeconds: 0.5 });
    const sender = jobSender(handle);
    const viaQueue = servicesFor(env.db, { today: () => TODAY, queue: sender });
    try {
      const c = (await sessions(() => viaQueue)('hedong')).caller;
      const filed = await c.ledgerExports.request({ requestKey: randomUUID(), filter: { jurisdictionId: HEDONG, sort: 'number' } });
      const deadline = Date.now() + 45_000;
      let last = filed;
      while (Date.now() < deadline) {
        last = (await c.ledgerExports.list({ limit: 5 })).items.find((x) => x.id === filed.id)!;
        if (last.status === 'succeeded' || last.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(last).toMatchObject({ status: 'succeeded', processedRows: filed.totalRows, downloadable: true });
      const res = await app.inject({ url: `/api/ledger-exports/${filed.id}/file`, headers: { cookie: `fz_sid=${(await sessions(() => viaQueue)('hedong')).token}` } });
      expect((await sheetRows(res.rawPayload)).length).toBe(filed.totalRows + 2);
    } finally {
      await sender.stop();
      await jobs.stop();
      await handle.close();
    }
  });
});

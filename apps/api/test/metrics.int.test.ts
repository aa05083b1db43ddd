import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createDb } from '@fz/db';
import type { DbHandle } from '@fz/db';
import { buildApp } from '../src/app.js';
import { startJobs } from '../src/jobs/queue.js';
import type { Jobs } from '../src/jobs/queue.js';
import { LocalDiskStorage } from '../src/storage/local-disk.js';
import { metrics } from '../src/observability/metrics.js';
import { watchPool, watchQueue } from '../src/observability/db-metrics.js';
import { demoDatabase, servicesFor, silentLog } from './helpers.js';
import { itemWith } from './jobs-fixture.js';
import { TODAY, inDays, unitIdOf } from './rect-helpers.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
const json = { 'content-type': 'application/json', 'x-fz-csrf': '1' };

let env: Awaited<ReturnType<typeof demoDatabase>>;
let handle: DbHandle;
let app: FastifyInstance;
let jobs: Jobs;
const logLines: Array<Record<string, unknown>> = [];
const unwatch: Array<() => void> = [];

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  env = await demoDatabase();
  handle = await createDb({ databaseUrl: env.url, poolMax: 4 });
  const unitId = await unitIdOf(handle.db, 371312, '河东区司法局');
  await itemWith(handle.db, { code: '371312', unitId, deadline: inDays(-3) });
  app = await buildApp({
    services: servicesFor(handle.db),
    ping: handle.ping,
    webDist: null,
    logLevel: 'info',
    metricsToken: TOKEN,
    logStream: { write: (line) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const storage = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'fz-metrics-')));
  jobs = await startJobs({ handle, storage, today: () => TODAY, log: silentLog, pollingIntervalSeconds: 0.5 });
  unwatch.push(watchPool(metrics, handle), watchQueue(metrics, handle.db));
  // The sweep queued at start has marked the item overdue.
  await until('the first sweep', async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'overdue-sweep' and state = 'completed'`.execute(handle.db);
    return rows[0]!.n > 0 ? true : undefined;
  });
});
afterAll(async () => {
  for (const u of unwatch) u();
  await jobs?.stop();
  await app?.close();
  await handle?.close();
  await env?.close();
});

async function login(username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: { username, password: 'Demo@2026' } });
  expect(res.statusCode).toBe(200);
  return `fz_sid=${res.cookies.find((c) => c.name === 'fz_sid')!.value}`;
}

const scrape = (authorization?: string) => app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });

describe('/metrics', () => {
  it('answers only to the bearer token', async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).statusCode).toBe(401);
    expect((await scrape(TOKEN)).statusCode).toBe(401);
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('is not served at all without a configured token', async () => {
    const bare = await buildApp({ services: servicesFor(handle.db), ping: handle.ping, webDist: null, logLevel: 'silent' });
    try {
      expect((await bare.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('exposes latency per procedure and route, pool, queue, overdue and process series', async () => {
    const cookie = await login('hedong');
    await app.inject({ url: '/trpc/auth.me', headers: { cookie } });
    await app.inject({ url: '/trpc/auth.me,units.list?batch=1&input=' + encodeURIComponent(JSON.stringify({ 1: { jurisdictionId: 371312 } })), headers: { cookie } });
    await app.inject({ url: '/trpc/auth.me' });
    const text = (await scrape(`Bearer ${TOKEN}`)).body;
    const series = (name: string) => text.split('\n').filter((l) => l.startsWith(name));

    expect(series('fz_trpc_procedure_duration_seconds_count{procedure="auth.me",type="query",outcome="ok"}')).toEqual([
      'fz_trpc_procedure_duration_seconds_count{procedure="auth.me",type="query",outcome="ok"} 2',
    ]);
    expect(series('fz_trpc_procedure_duration_seconds_count{procedure="units.list",type="query",outcome="ok"} 1')).toHaveLength(1);
    expect(series('fz_trpc_procedure_duration_seconds_count{procedure="auth.me",type="query",outcome="UNAUTHORIZED"} 1')).toHaveLength(1);
    expect(series('fz_trpc_procedure_duration_seconds_count{procedure="auth.login",type="mutation",outcome="ok"} 1')).toHaveLength(1);
    expect(series('fz_trpc_procedure_duration_seconds_bucket{procedure="auth.me",type="query",outcome="ok",le="+Inf"} 2')).toHaveLength(1);
    expect(series('fz_http_request_duration_seconds_count{route="/trpc/:path",method="GET",status="200"}')).toHaveLength(1);
    expect(series('fz_http_request_duration_seconds_count{route="/metrics",method="GET",status="401"}')).toHaveLength(1);

    const pool = Object.fromEntries(series('fz_db_pool_connections{').map((l) => [/state="(\w+)"/.exec(l)![1], Number(l.split(' ')[1])]));
    expect(Object.keys(pool).sort()).toEqual(['idle', 'total', 'waiting']);
    expect(pool.total).toBeGreaterThan(0);
    expect(pool.total).toBeLessThanOrEqual(4);

    expect(series('fz_jobs_queue_jobs{queue="overdue-sweep",state="completed"}')).toHaveLength(1);
    expect(series('fz_jobs_last_success_timestamp_seconds{queue="overdue-sweep"}')).toHaveLength(1);
    expect(text).toContain('# TYPE fz_jobs_dead_letter_jobs gauge');
    expect(series('fz_items_overdue{province="37"}')).toHaveLength(1);
    expect(Number(series('fz_items_overdue{province="37"}')[0]!.split(' ')[1])).toBeGreaterThanOrEqual(1);

    for (const name of ['process_resident_memory_bytes ', 'process_cpu_seconds_total ', 'nodejs_heap_used_bytes ', 'nodejs_eventloop_delay_seconds{quantile="0.99"} ']) {
      expect(series(name)).toHaveLength(1);
    }
    expect(text).not.toMatch(/fz_metrics_collect_errors_total\{/);
  });
});

describe('request logs', () => {
  const linesOf = async (request: () => Promise<unknown>) => {
    const from = logLines.length;
    await request();
    return logLines.slice(from);
  };

  it('carry the request id, the procedures called and, once signed in, the user and the tenant', async () => {
    const cookie = await login('street');
    const lines = await linesOf(() => app.inject({ url: '/trpc/auth.me', headers: { cookie } }));
    const completed = lines.find((l) => l.msg === 'request completed');
    expect(completed).toMatchObject({ level: 30, reqId: expect.any(String), procedures: 'auth.me', tenant: '371312001', userId: expect.any(Number) });
    expect(lines.every((l) => l.reqId === completed?.reqId)).toBe(true);
  });

  it('name no tenant for an anonymous request', async () => {
    const lines = await linesOf(() => app.inject({ url: '/trpc/auth.me' }));
    const completed = lines.find((l) => l.msg === 'request completed');
    expect(completed).toMatchObject({ procedures: 'auth.me', res: { statusCode: 401 } });
    expect(completed).not.toHaveProperty('tenant');
  });
});

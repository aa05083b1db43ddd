import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb, migrateToLatest } from '@fz/db';
import type { DbHandle } from '@fz/db';
import { insertFixtureTree } from '@fz/db/testing';
import { itemWith } from './jobs-fixture.js';

/**
 * The job worker as its own process (`src/worker.ts`, what dist/worker.js runs), started on an
 * empty database the way it starts beside a migration job: it answers /healthz at once, is not
 * ready until the schema is there, then sweeps, serves metrics, and stops cleanly on SIGTERM.
 */
const API_DIR = path.resolve(import.meta.dirname, '..');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOKEN = 'worker-metrics-token-0123456789';
// Named like the test databases, so an interrupted run's leftover is dropped by the next.
const name = `fz_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
const dbUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
const port = 22000 + Math.floor(Math.random() * 9000);
const base = `http://127.0.0.1:${port}`;

let child: ChildProcess;
let exited: Promise<number | null>;
let handle: DbHandle;
let output = '';

/** Database and role statements, as the test cluster's superuser (outside any transaction). */
async function admin(...statements: string[]): Promise<void> {
  const { db, close } = await createDb({ databaseUrl: ADMIN_URL, poolMax: 1 });
  try {
    for (const s of statements) await sql.raw(s).execute(db);
  } finally {
    await close();
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}; worker output:\n${output}`);
}

const status = (p: string, headers: Record<string, string> = {}) => fetch(`${base}${p}`, { headers }).then((r) => r.status);

beforeAll(async () => {
  await admin(`create database "${name}"`);
  handle = await createDb({ databaseUrl: dbUrl, poolMax: 2 });
  child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: API_DIR,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: dbUrl, WORKER_PORT: String(port), HOST: '127.0.0.1', METRICS_TOKEN: TOKEN, LOG_LEVEL: 'info', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fz-worker-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => void (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => void (output += d.toString()));
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
});
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await handle?.close();
  await admin(`drop database if exists "${name}" with (force)`);
});

describe('the job worker process', () => {
  it('is alive but not ready while the database has no schema', async () => {
    await until('/healthz', async () => ((await status('/healthz')) === 200 ? true : undefined));
    expect(await status('/readyz')).toBe(503);
    await until('the worker to wait for the schema', async () => (output.includes('waiting for the database schema') ? true : undefined));
  });

  it('becomes ready once migrated and marks an overdue item at start', async () => {
    await migrateToLatest(handle.db);
    await insertFixtureTree(handle.db, ['37', '3713', '371312']);
    const unit = await handle.db.selectFrom('units').select('id').where('jurisdiction_id', '=', 371312).executeTakeFirstOrThrow();
    const itemId = await itemWith(handle.db, { code: '371312', unitId: unit.id, deadline: '2020-01-31' });
    await until('/readyz', async () => ((await status('/readyz')) === 200 ? true : undefined));
    const item = await until('the sweep', async () => {
      const row = await handle.db.selectFrom('rectification_items').select('overdue_since').where('id', '=', itemId).executeTakeFirstOrThrow();
      return row.overdue_since ?? undefined;
    });
    expect(item).toBe('2020-02-01');
  });

  it('serves queue metrics to the token only', async () => {
    expect(await status('/metrics')).toBe(401);
    // The sweep's rows are committed a moment before the queue records the job as completed.
    const text = await until('the completed sweep in the metrics', async () => {
      const t = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
      return t.includes('fz_jobs_queue_jobs{queue="overdue-sweep",state="completed"}') ? t : undefined;
    });
    expect(text).toMatch(/^fz_items_overdue\{province="37"\} 1$/m);
    expect(text).toMatch(/^fz_db_pool_connections\{state="total"\} \d+$/m);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('job worker stopping');
  });
});

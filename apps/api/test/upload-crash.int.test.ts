import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '../src/storage/local-disk.js';
import { demoDatabase } from './helpers.js';
import { PDF, finding, inDays, unitIdOf } from './rect-helpers.js';

/**
 * The API process is killed (SIGKILL, no clean-up) while evidence is being uploaded, at several
 * moments: mid-body and right after the body. Whatever moment it dies, no attachment row points
 * to a missing file (the file is written before its row, in one transaction), and a restarted
 * API serves every file its rows name.
 */
const API_DIR = path.resolve(import.meta.dirname, '..');
let env: Awaited<ReturnType<typeof demoDatabase>>;
const dataDir = mkdtempSync(path.join(tmpdir(), 'fz-crash-'));
const storage = new LocalDiskStorage(path.join(dataDir, 'attachments'));
let child: ChildProcess | null = null;
let port = 0;

async function startApi(): Promise<void> {
  port = 21000 + Math.floor(Math.random() * 9000);
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_DIR,
    env: { ...process.env, DATABASE_URL: env.url, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', JOBS: 'off', SEED_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('API did not start');
}

async function killApi(): Promise<void> {
  const c = child;
  child = null;
  if (!c || c.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

const base = () => `http://127.0.0.1:${port}`;
const json = { 'content-type': 'application/json', 'x-fz-csrf': '1' };

async function login(username: string): Promise<string> {
  const res = await fetch(`${base()}/trpc/auth.login`, { method: 'POST', headers: json, body: JSON.stringify({ username, password: 'Demo@2026' }) });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Sends a large PDF upload and kills the API `delayMs` after `part` of the body is written. */
function uploadAndKill(cookie: string, itemId: number, part: number, delayMs: number): Promise<void> {
  const boundary = 'crashBoundary42';
  const big = Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024, 0x20), Buffer.from(`\n%${Date.now()}${Math.random()}\n%%EOF\n`)]);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="整改佐证.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    big,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve) => {
    const req = http.request(`${base()}/api/items/${itemId}/evidence`, { method: 'POST', headers: { cookie, 'x-fz-csrf': '1', 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) } });
    // Resolved only once the process is dead, whatever the request does meanwhile.
    req.on('error', () => undefined);
    req.on('response', (res) => res.resume());
    const cut = Math.floor(body.length * part);
    req.write(body.subarray(0, cut), () => {
      if (part >= 1) req.end();
      setTimeout(() => void killApi().then(() => resolve()), delayMs);
    });
  });
}

beforeAll(async () => {
  env = await demoDatabase();
}, 60_000);
afterAll(async () => {
  await killApi();
  await env.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the API killed during an evidence upload', () => {
  it('never leaves an attachment row without its file, and serves every file after a restart', async () => {
    await startApi();
    const province = await login('province');
    const insp = await fetch(`${base()}/trpc/inspections.create`, { method: 'POST', headers: { ...json, cookie: province }, body: JSON.stringify({ type: 'onsite', title: '崩溃测试督察', periodStart: '2026-10-01', periodEnd: '2026-10-02', targetIds: [371312] }) });
    const inspectionId = ((await insp.json()) as { result: { data: { id: number } } }).result.data.id;
    const sfj = await unitIdOf(env.db, 371312, '河东区司法局');
    const created = await fetch(`${base()}/trpc/items.create`, { method: 'POST', headers: { ...json, cookie: province }, body: JSON.stringify(finding(inspectionId, 371312, { responsibleUnitId: sfj, deadline: inDays(30) })) });
    const itemId = ((await created.json()) as { result: { data: { id: number } } }).result.data.id;

    // Mid-body, at the end of the body, and while (or just after) the server stores the file and row.
    for (const [part, delayMs] of [[0.3, 0], [0.9, 0], [1, 0], [1, 15], [1, 40], [1, 80], [1, 1500]] as const) {
      if (!child) await startApi();
      const cookie = await login('hedong-sfj');
      await uploadAndKill(cookie, itemId, part, delayMs);
    }

    const rows = await env.db.selectFrom('attachments').select(['id', 'storage_key', 'size_bytes']).where('item_id', '=', itemId).execute();
    // The last upload had time to finish: the check below is not over an empty set.
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const stat = await storage.stat(r.storage_key);
      expect(stat, `attachment ${r.id} points to a missing file`).not.toBeNull();
      expect(stat?.size).toBe(r.size_bytes);
    }

    await startApi();
    const cookie = await login('hedong-sfj');
    for (const r of rows) expect((await fetch(`${base()}/api/attachments/${r.id}`, { headers: { cookie } })).status).toBe(200);
    // The restarted API still takes uploads: the item is not stuck.
    const ok = await fetch(`${base()}/api/items/${itemId}/evidence`, { method: 'POST', headers: { cookie, 'x-fz-csrf': '1' }, body: (() => {
      const f = new FormData();
      f.append('file', new Blob([PDF]), '重启后上传.pdf');
      return f;
    })() });
    expect([200, 201]).toContain(ok.status);
  }, 120_000);
});

import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MESSAGES } from '@fz/domain';
import { createDb } from '@fz/db';
import type { DbHandle } from '@fz/db';
import { buildApp } from '../src/app.js';
import { demoDatabase, servicesFor } from './helpers.js';

/**
 * PostgreSQL goes away under a write load and comes back. The API talks to it through a TCP
 * proxy that this test cuts: every connection is dropped and new ones are refused, exactly what
 * clients see while a server restarts. While it is down requests fail with 503 and a clear
 * message and /readyz says so; afterwards the API recovers by itself; every committed write
 * has its audit row and nothing half-written is left.
 */
class Outage {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  port = 0;

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(5432, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

let env: Awaited<ReturnType<typeof demoDatabase>>;
let handle: DbHandle;
let app: FastifyInstance;
const outage = new Outage();
let cookie = '';
const json = { 'content-type': 'application/json', 'x-fz-csrf': '1' };

beforeAll(async () => {
  env = await demoDatabase();
  await outage.up();
  const url = new URL(env.url);
  url.host = `127.0.0.1:${outage.port}`;
  handle = await createDb({ databaseUrl: url.toString(), poolMax: 4 });
  app = await buildApp({ services: servicesFor(handle.db), ping: handle.ping, webDist: null, logLevel: 'silent' });
  const res = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: { username: 'hedong', password: 'Demo@2026' } });
  cookie = `fz_sid=${res.cookies.find((c) => c.name === 'fz_sid')?.value ?? ''}`;
});
afterAll(async () => {
  await app.close();
  await handle.close();
  await outage.down();
  await env.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Attempt {
  name: string;
  status: number;
  id?: number;
  message?: string;
}

async function createUnit(name: string): Promise<Attempt> {
  const res = await app.inject({ method: 'POST', url: '/trpc/units.create', headers: { ...json, cookie }, payload: { jurisdictionId: 371312, name, shortName: '故障测试', kind: 'department' } });
  const body = JSON.parse(res.body) as { result?: { data?: { id?: number } }; error?: { message?: string } };
  return { name, status: res.statusCode, id: body.result?.data?.id, message: body.error?.message };
}

async function readyStatus(): Promise<number> {
  return (await app.inject('/readyz')).statusCode;
}

describe('PostgreSQL restarted during a write load', () => {
  const attempts: Attempt[] = [];
  const readyWhileDown: number[] = [];

  it('fails fast with 503 while the database is away and recovers by itself', async () => {
    let stop = false;
    const workers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        attempts.push(await createUnit(`故障测试单位${w}-${i}`));
        await sleep(20);
      }
    });
    await sleep(800);
    await outage.down();
    await sleep(300);
    for (let i = 0; i < 3; i++) {
      readyWhileDown.push(await readyStatus());
      await sleep(200);
    }
    await outage.up();
    // Back up: the pool reconnects on its own; give in-flight retries a moment.
    let ready = 503;
    for (let i = 0; i < 50 && ready !== 200; i++) {
      ready = await readyStatus();
      if (ready !== 200) await sleep(100);
    }
    await sleep(800);
    stop = true;
    await Promise.all(workers);

    expect(readyWhileDown).toEqual([503, 503, 503]);
    expect(ready).toBe(200);
    expect(attempts.every((a) => a.status === 200 || a.status === 503), JSON.stringify(attempts.filter((a) => a.status !== 200 && a.status !== 503))).toBe(true);
    const failed = attempts.filter((a) => a.status === 503);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((a) => a.message === MESSAGES.dbUnavailable)).toBe(true);
    // The writes after recovery went through again: every writer's last attempts succeeded.
    expect(attempts.slice(-8).map((a) => a.status)).toEqual(Array(8).fill(200));
  });

  it('left every committed write with its audit row and no write without one', async () => {
    const units = await env.db.selectFrom('units').select(['id', 'name']).where('name', 'like', '故障测试单位%').execute();
    const audited = await env.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'unit.create').where('subject_type', '=', 'Unit').execute();
    const auditedIds = new Set(audited.map((a) => a.subject_id));
    for (const u of units) expect(auditedIds.has(String(u.id)), `unit ${u.name} has no audit row`).toBe(true);
    const byName = new Map(units.map((u) => [u.name, u.id]));
    for (const a of attempts.filter((x) => x.status === 200)) expect(byName.get(a.name)).toBe(a.id);
    // A refused write either never happened or committed whole (the answer was lost, not the row).
    expect(units.length).toBeGreaterThanOrEqual(attempts.filter((x) => x.status === 200).length);
    expect(units.length).toBeLessThanOrEqual(attempts.length);
  });
});

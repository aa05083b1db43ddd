import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@fz/db/testing';
import { demoDatabase } from './helpers.js';
import { describeTracing, startTracing } from '../src/observability/tracing.js';

/**
 * OpenTelemetry tracing, off unless configured: the API started as the image starts it (the
 * tracing preload before the entry point) with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a small
 * OTLP/HTTP collector in this test, which must receive spans for an HTTP request and for its
 * PostgreSQL query, flushed on SIGTERM.
 */
const API_DIR = path.resolve(import.meta.dirname, '..');
const port = 23000 + Math.floor(Math.random() * 9000);

interface Span {
  name: string;
  attributes?: Array<{ key: string; value: { stringValue?: string } }>;
}
interface Export {
  resourceSpans?: Array<{ resource?: { attributes?: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans?: Array<{ spans?: Span[] }> }>;
}

let env: TestDatabase;
let collector: Server;
let child: ChildProcess;
let output = '';
const received: Array<{ path: string; type: string; body: Export }> = [];

beforeAll(async () => {
  env = await demoDatabase();
  collector = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => void (text += d.toString()));
    req.on('end', () => {
      const type = req.headers['content-type'] ?? '';
      received.push({ path: req.url ?? '', type, body: type.includes('json') ? (JSON.parse(text || '{}') as Export) : {} });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  child = spawn(process.execPath, ['--import', 'tsx', '--import', './src/observability/preload-tracing.ts', 'src/main.ts'], {
    cwd: API_DIR,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: env.url, PORT: String(port), HOST: '127.0.0.1', JOBS: 'off', LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fz-tracing-')), OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'fz-api-test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => void (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => void (output += d.toString()));
});
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await new Promise((r) => collector.close(r));
  await env?.close();
});

async function ready(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not become ready; output:\n${output}`);
}

const spans = () => received.flatMap((r) => r.body.resourceSpans ?? []).flatMap((rs) => (rs.scopeSpans ?? []).flatMap((s) => s.spans ?? []));
const attr = (s: Span, key: string) => s.attributes?.find((a) => a.key === key)?.value.stringValue;

describe('OpenTelemetry tracing', () => {
  it('is off, and says how to turn it on, without an endpoint', async () => {
    const off = await startTracing(undefined, 'fz-api');
    expect(off).toEqual({ state: 'off' });
    expect(describeTracing(off)).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
    // A configured endpoint without the packages is reported, not a crash.
    const missing = await startTracing({ endpoint: 'http://127.0.0.1:4318', serviceName: undefined }, 'fz-api', (s) => Promise.reject(Object.assign(new Error(`Cannot find ${s}`), { code: 'ERR_MODULE_NOT_FOUND' })));
    expect(missing.state).toBe('not-installed');
  });

  it('exports spans of incoming requests and their PostgreSQL queries when configured', async () => {
    await ready();
    expect(output).toContain('Tracing: on');
    const r = await fetch(`http://127.0.0.1:${port}/trpc/auth.me`, { headers: { 'x-fz-csrf': '1' } });
    expect(r.status).toBeLessThan(500);
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
    expect(code).toBe(0);
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((x) => x.path === '/v1/traces' && x.type.includes('json'))).toBe(true);
    const service = received[0]!.body.resourceSpans?.[0]?.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue;
    expect(service).toBe('fz-api-test');
    const all = spans();
    expect(all.some((s) => s.name.startsWith('GET') && (attr(s, 'http.route') ?? attr(s, 'url.path') ?? attr(s, 'http.target') ?? '').includes('/readyz'))).toBe(true);
    expect(all.some((s) => attr(s, 'db.system') === 'postgresql' || attr(s, 'db.system.name') === 'postgresql')).toBe(true);
  }, 60_000);
});

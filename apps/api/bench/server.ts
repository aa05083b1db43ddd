import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '@fz/db';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ApiServer {
  base: string;
  pid: number;
  /** Resident set size of the API process (VmRSS), in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The API as production runs it, in a process of its own (one Node process, TypeScript loaded
 * by tsx), on the benchmark database: no jobs, no demo seeding, logs at warn (a log line per
 * request would measure the logger).
 */
export async function startApi(databaseUrl: string): Promise<ApiServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', JOBS: 'off', SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (i > 300) throw new Error('the API did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  return {
    base,
    pid,
    rssMiB() {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? Math.round(Number(kb) / 1024) : NaN;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Logs a demo user in and returns the session cookie. */
export async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-fz-csrf': '1' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

import { spawn } from 'node:child_process';
import { login } from './server.js';
import { hammer, queryPath } from './http.js';
const port = 39123;
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '--import', 'tsx', 'src/main.ts'], {
  env: { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/fz_bench', PORT: String(port), HOST: '127.0.0.1', JOBS: 'off', SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (;;) { if (await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false)) break; await new Promise((r) => setTimeout(r, 200)); }
const c = await login(base, 'province');
console.info(await hammer(base, queryPath('dashboard.get', {}), c, 8));
await new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGINT'); });

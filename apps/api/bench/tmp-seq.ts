import { startApi, login } from './server.js';
import { queryPath } from './http.js';
const api = await startApi('postgres://postgres@127.0.0.1:5432/fz_bench');
try {
  const c = await login(api.base, 'province');
  const time = async (label: string, path: string) => {
    for (let i = 0; i < 50; i++) await fetch(api.base + path, { headers: { cookie: c } }).then((r) => r.text());
    const t = performance.now();
    const n = 300;
    for (let i = 0; i < n; i++) await fetch(api.base + path, { headers: { cookie: c } }).then((r) => r.text());
    console.info(label, ((performance.now() - t) / n).toFixed(2), 'ms');
  };
  await time('healthz', '/healthz');
  await time('auth.me', '/trpc/auth.me');
  await time('jurisdictions.get', queryPath('jurisdictions.get', { id: 37 }));
  await time('dashboard 37', queryPath('dashboard.get', {}));
  await time('dashboard 371312', queryPath('dashboard.get', { jurisdictionId: 371312 }));
} finally { await api.stop(); }

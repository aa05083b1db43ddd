import { startApi, login } from './server.js';
import { queryPath } from './http.js';
const api = await startApi('postgres://postgres@127.0.0.1:5432/fz_bench');
try {
  const c = await login(api.base, 'province');
  await new Promise((r) => setTimeout(r, 500));
  console.info('MARK');
  for (let i = 0; i < 2; i++) await fetch(api.base + queryPath('dashboard.get', {}), { headers: { cookie: c } }).then((r) => r.text());
} finally { await api.stop(); }

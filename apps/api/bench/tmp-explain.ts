import { createDb } from '@fz/db';
import { dashboardQuery } from '../src/modules/dashboard/queries.js';
const { db, close } = await createDb({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/fz_bench', poolMax: 1 });
const q = dashboardQuery({ id: Number(process.argv[2] ?? 37) }, {}, '2026-11-25', { from: '2025-12-01', to: '2026-11-01' }, ['province','city','county','township']).compile(db);
let text = q.sql;
q.parameters.forEach((p, i) => { text = text.replace(new RegExp(`\\$${i + 1}(?!\\d)`, 'g'), typeof p === 'number' ? String(p) : Array.isArray(p) ? `'{${p.join(',')}}'` : `'${String(p)}'`); });
console.info(text);
await close();

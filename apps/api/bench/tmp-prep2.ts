import { createDb, withScope } from '@fz/db';
import { CompiledQuery, sql } from 'kysely';
import { crumbLevels, dashboardQuery } from '../src/modules/dashboard/queries.js';
const { db, close } = await createDb({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/fz_bench', poolMax: 1 });
const q = dashboardQuery({ id: 37 }, {}, '2026-11-25', { from: '2025-12-01', to: '2026-11-01' }, crumbLevels('province')).compile(db);
try {
  await withScope(db, { userId: 1, level: 'province', jurisdictionId: 37 }, async (tx) => {
    await sql.raw(`prepare dash as ${q.sql}`).execute(tx);
    await tx.executeQuery(CompiledQuery.raw(`execute dash(${q.parameters.map((_, i) => `$${i + 1}`).join(', ')})`, [...q.parameters]));
  });
} catch (e) { console.info(String(e)); }
await close();

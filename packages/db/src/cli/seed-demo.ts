/**
 * Seeds the demo data (Shandong, standard units, demo accounts); does nothing if it exists.
 *   pnpm db:seed-demo
 * Uses DATABASE_URL (PostgreSQL) or, without it, the embedded database in DATA_DIR (default .data).
 */
import { createDb } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.js';

async function main(): Promise<void> {
  const { db, close } = await createDb({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? '.data' });
  try {
    await migrateToLatest(db);
    const started = performance.now();
    const { accounts } = await seedDemo(db);
    console.info(`Demo data ready in ${Math.round(performance.now() - started)} ms. Accounts (password ${DEMO_PASSWORD}):`);
    for (const a of accounts) console.info(`  ${a.username.padEnd(12)} ${a.roles.join('+').padEnd(18)} ${a.jurisdictionName} · ${a.unitName}`);
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

/**
 * Applies pending migrations.
 *   pnpm db:migrate
 * Uses DATABASE_URL (PostgreSQL) or, without it, the embedded database in DATA_DIR (default .data).
 */
import { createDb } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';

async function main(): Promise<void> {
  const { db, kind, close } = await createDb({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? '.data' });
  try {
    const results = await migrateToLatest(db);
    const where = kind === 'pg' ? 'PostgreSQL' : `PGlite (${process.env.DATA_DIR ?? '.data'})`;
    if (results.length === 0) console.info(`${where}: already up to date.`);
    else console.info(`${where}: applied ${results.map((r) => r.migrationName).join(', ')}.`);
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

/**
 * Imports the national division tree (or one province) into the jurisdictions table.
 *   pnpm db:import-divisions [--province 37]
 * Uses DATABASE_URL (PostgreSQL) or, without it, the embedded database in DATA_DIR (default .data).
 */
import { parseArgs } from 'node:util';
import { LEVELS } from '@fz/domain';
import { createDb } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { importDivisions } from '../seed/divisions.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { province: { type: 'string' } }, strict: true });
  const province = values.province;
  if (province !== undefined && !/^\d{2}$/.test(province)) throw new Error(`--province takes a two-digit code, e.g. 37 (got ${province})`);
  const { db, kind, close } = await createDb({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? '.data' });
  try {
    await migrateToLatest(db);
    const result = await importDivisions(db, province === undefined ? {} : { province });
    const scope = province === undefined ? 'all of China' : `province ${province}`;
    console.info(`Imported divisions (${scope}) into ${kind === 'pg' ? 'PostgreSQL' : 'PGlite'} in ${result.ms} ms:`);
    for (const level of LEVELS) console.info(`  ${level.padEnd(9)} ${String(result.counts[level]).padStart(6)}`);
    console.info(`  rows inserted or changed: ${result.written}`);
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

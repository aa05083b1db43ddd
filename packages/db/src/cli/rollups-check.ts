/**
 * Recomputes every dashboard rollup from the base rows and reports each difference.
 *   pnpm db:rollups:check            report only (exit code 1 when anything differs)
 *   pnpm db:rollups:check --repair   report, then rebuild the rollup tables from the base rows
 * Uses DATABASE_URL (PostgreSQL) or, without it, the embedded database in DATA_DIR (default .data).
 */
import { createDb } from '../create-db.js';
import { rebuildRollups, rollupDifferences } from '../rollups/check.js';

const SHOWN = 50;

async function main(): Promise<void> {
  const repair = process.argv.includes('--repair');
  const { db, close } = await createDb({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? '.data' });
  try {
    const started = Date.now();
    const diffs = await rollupDifferences(db);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (diffs.length === 0) {
      console.info(`Rollups match the base rows (checked in ${seconds} s).`);
      return;
    }
    console.info(`${diffs.length} rollup row(s) differ from the base rows (checked in ${seconds} s):`);
    for (const d of diffs.slice(0, SHOWN)) console.info(`  ${d.table} ${JSON.stringify(d.key)}: stored ${JSON.stringify(d.stored)}, expected ${JSON.stringify(d.expected)}`);
    if (diffs.length > SHOWN) console.info(`  … and ${diffs.length - SHOWN} more`);
    if (!repair) {
      console.info('Run with --repair to rebuild the rollups from the base rows.');
      process.exitCode = 1;
      return;
    }
    const written = await rebuildRollups(db);
    const left = await rollupDifferences(db);
    console.info(`Rebuilt: ${Object.entries(written).map(([t, n]) => `${t} ${n} rows`).join(', ')}; ${left.length} difference(s) left.`);
    if (left.length > 0) process.exitCode = 1;
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

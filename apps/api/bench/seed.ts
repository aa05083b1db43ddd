/**
 * Builds the benchmark database from scratch (drops it first).
 *   pnpm bench:seed --scale province   Shandong, about 1 million items
 *   pnpm bench:seed --scale national   all of China, about 5 million items
 *   pnpm bench:seed --scale small      Shandong, 100k items (quick checks)
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/fz_bench) names the database;
 * its server's superuser (or a role with CREATEDB) must be able to drop and create it.
 */
import { sql } from 'kysely';
import { calendarDate } from '@fz/domain';
import { createDb, demoUnits, importDivisions, migrateToLatest, rollupDifferences, seedDemo } from '@fz/db';
import { BENCH_DATABASE_URL, SCALES, argValue, isScale, progress } from './config.js';
import { dropHelpers, insertItems, planInspections, prepare } from './generate.js';

async function recreateDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database name must be a plain identifier: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const { db, close } = await createDb({ databaseUrl: admin.toString(), poolMax: 1 });
  try {
    await sql.raw(`drop database if exists ${name} with (force)`).execute(db);
    await sql.raw(`create database ${name}`).execute(db);
  } finally {
    await close();
  }
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const scaleName = argValue('scale') ?? 'province';
  if (!isScale(scaleName)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const scale = SCALES[scaleName];
  const today = calendarDate(new Date());
  const started = Date.now();
  await recreateDatabase(BENCH_DATABASE_URL);
  // One connection: setseed() makes random() repeatable only within a session.
  const { db, close } = await createDb({ databaseUrl: BENCH_DATABASE_URL, poolMax: 1 });
  try {
    // The generator's estimates are far off (random joins): JIT would compile each batch for seconds.
    await sql`set jit = off`.execute(db);
    await migrateToLatest(db);
    const divisions = await importDivisions(db, scale.province === null ? {} : { province: scale.province });
    progress(`divisions: ${Object.values(divisions.counts).reduce((a, b) => a + b, 0)} (${seconds(started)})`);
    await seedDemo(db);
    if (scale.province === null) {
      // The demo seed gives Shandong its units; every other province gets the same standard set.
      const rest = await db.selectFrom('jurisdictions').select(['id', 'name', 'level', 'kind', 'province_id', 'city_id', 'county_id', 'township_id']).where('province_id', '<>', 37).orderBy('id').execute();
      const units = demoUnits(rest);
      for (let i = 0; i < units.length; i += 5000) await db.insertInto('units').values(units.slice(i, i + 5000)).execute();
      progress(`units: ${units.length} more (${seconds(started)})`);
    }
    await prepare(db, scale.province);
    const inspections = await planInspections(db, scale.items, today);
    progress(`inspections: ${inspections.length} (${seconds(started)})`);
    const loading = Date.now();
    let items = 0;
    for (const [i, id] of inspections.entries()) {
      items += await insertItems(db, id, today);
      if ((i + 1) % 50 === 0 || i + 1 === inspections.length) progress(`items: ${items} (${i + 1}/${inspections.length} inspections, ${seconds(started)})`);
    }
    const loadSeconds = (Date.now() - loading) / 1000;
    await dropHelpers(db);
    await sql`vacuum (analyze) rectification_items`.execute(db);
    for (const t of ['item_rollup_counts', 'item_rollup_months', 'item_rollup_due', 'inspections', 'inspection_targets', 'units', 'jurisdictions']) await sql.raw(`vacuum (analyze) ${t}`).execute(db);
    const checking = Date.now();
    const diffs = await rollupDifferences(db);
    const checkSeconds = (Date.now() - checking) / 1000;
    const { rows } = await sql<{ t: string; n: number }>`select 'items' as t, count(*)::int as n from rectification_items
      union all select 'rollup_counts', count(*)::int from item_rollup_counts union all select 'rollup_months', count(*)::int from item_rollup_months
      union all select 'rollup_due', count(*)::int from item_rollup_due`.execute(db);
    const result = {
      scale: scaleName,
      today,
      rows: Object.fromEntries(rows.map((r) => [r.t, r.n])),
      seconds: { total: (Date.now() - started) / 1000, items: loadSeconds, rollupCheck: checkSeconds },
      itemsPerSecond: Math.round(items / loadSeconds),
      rollupDifferences: diffs.length,
    };
    console.info(JSON.stringify(result, null, 2));
    if (diffs.length > 0) process.exitCode = 1;
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

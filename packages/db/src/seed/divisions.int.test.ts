import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVELS } from '@fz/domain';
import type { Level } from '@fz/domain';
import type { Database } from '../schema.js';
import { createTestDatabase } from '../testing/index.js';
import { DIVISION_FILES, divisionDataDir, importDivisions, importDivisionsInto } from './divisions.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** Data lines per CSV file, counted independently of the importer's parser. */
function csvDataLines(level: Level): number {
  const text = readFileSync(join(divisionDataDir(), DIVISION_FILES[level]), 'utf8');
  return text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
}

async function countsInDb(db: Kysely<Database>): Promise<Record<Level, number>> {
  const rows = await db.selectFrom('jurisdictions').select(['level', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('level').execute();
  const counts: Record<Level, number> = { province: 0, city: 0, county: 0, township: 0 };
  for (const r of rows) counts[r.level] = Number(r.n);
  return counts;
}

/** A checksum of every column of every jurisdiction (created_at included: rows are not rewritten). */
async function checksum(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ sum: string }>`
    select md5(string_agg(concat_ws('|', id, code, name, level, kind, parent_id, path::text, province_id,
      city_id, county_id, township_id, sort_order, created_at), E'\n' order by id)) as sum
    from jurisdictions`.execute(db);
  return rows[0]?.sum ?? '';
}

describe('importDivisions: all of China', () => {
  let env: TestDatabase;
  beforeAll(async () => {
    env = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('imports one row per CSV line, well under a minute', async () => {
    const expected = Object.fromEntries(LEVELS.map((l) => [l, csvDataLines(l)]));
    const result = await importDivisions(env.db);
    console.info(`import of all of China: ${result.ms} ms, ${result.written} rows written`, result.counts);
    expect(result.counts).toEqual(expected);
    expect(await countsInDb(env.db)).toEqual(expected);
    expect(result.written).toBe(44_703);
    expect(result.ms).toBeLessThan(60_000);
  }, 60_000);

  it('stores paths, ancestors and kinds', async () => {
    const street = await env.db.selectFrom('jurisdictions').selectAll().where('id', '=', 371312001).executeTakeFirstOrThrow();
    expect(street).toMatchObject({
      code: '371312001',
      name: '九曲街道',
      level: 'township',
      kind: 'regular',
      parent_id: 371312,
      path: '37.3713.371312.371312001',
      province_id: 37,
      city_id: 3713,
      county_id: 371312,
      township_id: 371312001,
      sort_order: 1,
    });
    const placeholders = await env.db.selectFrom('jurisdictions').select('code').where('kind', '=', 'placeholder').orderBy('code').execute();
    expect(placeholders.map((p) => p.code)).toEqual(['1101', '1201', '3101', '4190', '4290', '4690', '5001', '5002', '6590']);
    const zones = await env.db
      .selectFrom('jurisdictions')
      .select(['level', (eb) => eb.fn.countAll<string>().as('n')])
      .where('kind', '=', 'development_zone')
      .groupBy('level')
      .orderBy('level')
      .execute();
    console.info('development zones', Object.fromEntries(zones.map((z) => [z.level, Number(z.n)])));
    expect(zones.map((z) => z.level).sort()).toEqual(['county', 'township']);
    // Every county has a city ancestor, placeholders included (e.g. 东城区 under 北京's 市辖区).
    const orphans = await env.db.selectFrom('jurisdictions').select('id').where('level', 'in', ['county', 'township']).where('city_id', 'is', null).execute();
    expect(orphans).toEqual([]);
    expect(await env.db.selectFrom('jurisdictions').select(['parent_id', 'city_id']).where('id', '=', 110101).executeTakeFirst()).toEqual({ parent_id: 1101, city_id: 1101 });
  });

  it('is idempotent: a second run writes nothing and leaves identical rows', async () => {
    const before = await checksum(env.db);
    const again = await importDivisions(env.db);
    console.info(`second import of all of China: ${again.ms} ms, ${again.written} rows written`);
    expect(again.written).toBe(0);
    expect(await countsInDb(env.db)).toEqual(again.counts);
    expect(await checksum(env.db)).toBe(before);
    // A one-province import over the national one agrees with it row for row.
    expect((await importDivisions(env.db, { province: '37' })).written).toBe(0);
    expect(await checksum(env.db)).toBe(before);
  }, 60_000);

  it('repairs a changed row', async () => {
    await env.db.updateTable('jurisdictions').set({ name: '改过的名字' }).where('id', '=', 371312).execute();
    const result = await importDivisions(env.db, { province: '37' });
    expect(result.written).toBe(1);
    expect(await env.db.selectFrom('jurisdictions').select(['name', 'kind']).where('id', '=', 371312).executeTakeFirst()).toEqual({ name: '河东区', kind: 'regular' });
  });
});

describe('importDivisions: one province', () => {
  let env: TestDatabase;
  beforeAll(async () => {
    env = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('runs inside a caller transaction and rolls back with it', async () => {
    const rollback = new Error('rollback');
    await expect(
      env.db.transaction().execute(async (tx) => {
        const inner = await importDivisions(tx, { province: '37' });
        expect(inner.counts.township).toBe(1853);
        expect((await countsInDb(tx)).township).toBe(1853);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await countsInDb(env.db)).toEqual({ province: 0, city: 0, county: 0, township: 0 });
  });

  it('importDivisionsInto imports with the given connection', async () => {
    const result = await env.db.transaction().execute((tx) => importDivisionsInto(tx, { province: '37' }));
    expect(result).toMatchObject({ counts: { province: 1, city: 16, county: 151, township: 1853 }, written: 2021 });
    expect(await countsInDb(env.db)).toEqual({ province: 1, city: 16, county: 151, township: 1853 });
  });

  it('--province 37 gives 1 / 16 / 151 / 1853 again through the CLI, writing nothing', async () => {
    const packageDir = fileURLToPath(new URL('../..', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/import-divisions.ts', '--province', '37'], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_URL: env.url },
    });
    console.info(stdout.trim());
    expect(stdout).toMatch(/township\s+1853/);
    expect(stdout).toMatch(/rows inserted or changed: 0/);
    expect(await countsInDb(env.db)).toEqual({ province: 1, city: 16, county: 151, township: 1853 });
  }, 60_000);
});

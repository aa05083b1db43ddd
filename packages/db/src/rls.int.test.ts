import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ancestorIdsOfCode, levelOfCode, pathOfCode } from '@fz/domain';
import type { Level } from '@fz/domain';
import type { Database } from './schema.js';
import { withScope } from './scope.js';
import { createPgliteTestDb, createTestDatabase } from './testing/index.js';

/** Two provinces, cities, counties and townships: enough relatives for every relation. */
const CODES = ['37', '3713', '371312', '371312001', '371312004', '371302', '371302001', '3701', '370102', '11', '1101', '110101'];

async function fixture(db: Kysely<Database>) {
  for (const code of CODES) {
    const a = ancestorIdsOfCode(code);
    const level = levelOfCode(code)!;
    const parent = [a.provinceId, a.cityId, a.countyId, a.townshipId].filter((x) => x !== null).at(-2) ?? null;
    const anc = { province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId };
    await db.insertInto('jurisdictions').values({ id: Number(code), code, name: `区划${code}`, level, kind: 'regular', parent_id: parent, path: pathOfCode(code), ...anc }).execute();
    await db.insertInto('units').values({ jurisdiction_id: Number(code), name: `单位${code}`, short_name: '单位', kind: 'office', ...anc }).execute();
  }
}

const scoped = (db: Kysely<Database>, level: Level, code: string) =>
  withScope(db, { userId: 1, level, jurisdictionId: Number(code) }, async (tx) => {
    // No WHERE clause: only the policies decide.
    const rows = await sql<{ jurisdiction_id: number }>`select jurisdiction_id from units`.execute(tx);
    return rows.rows.map((r) => String(r.jurisdiction_id)).sort();
  });

function suite(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  describe(`row-level security alone (${name})`, () => {
    let env: { db: Kysely<Database>; close(): Promise<void> };
    beforeAll(async () => {
      env = await open();
      await fixture(env.db);
    });
    afterAll(() => env.close());

    it('a township scope sees only its own rows', async () => {
      expect(await scoped(env.db, 'township', '371312001')).toEqual(['371312001']);
    });

    it('a county scope sees itself and its townships, not a sibling county', async () => {
      expect(await scoped(env.db, 'county', '371312')).toEqual(['371312', '371312001', '371312004']);
    });

    it('a city scope sees its subtree, not another city', async () => {
      expect(await scoped(env.db, 'city', '3713')).toEqual(['3713', '371302', '371302001', '371312', '371312001', '371312004']);
    });

    it('a province scope sees nothing of another province', async () => {
      const rows = await scoped(env.db, 'province', '11');
      expect(rows).toEqual(['11', '1101', '110101']);
    });

    it('a township cannot write into a sibling township', async () => {
      const a = ancestorIdsOfCode('371312004');
      const attempt = withScope(env.db, { userId: 1, level: 'township', jurisdictionId: 371312001 }, (tx) =>
        tx.insertInto('units').values({ jurisdiction_id: 371312004, province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId, name: '越权单位', short_name: '越权', kind: 'other' }).execute(),
      );
      await expect(attempt).rejects.toThrow(/row-level security/);
    });

    it('a county cannot update a sibling county\'s rows (they are invisible)', async () => {
      const n = await withScope(env.db, { userId: 1, level: 'county', jurisdictionId: 371312 }, (tx) =>
        tx.updateTable('units').set({ short_name: '改' }).where('jurisdiction_id', '=', 371302).executeTakeFirst(),
      );
      expect(Number(n.numUpdatedRows)).toBe(0);
    });

    it('the API role may append to the audit log but never change it; not even the owner can', async () => {
      const a = ancestorIdsOfCode('371312');
      const row = { jurisdiction_id: 371312, province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: null, action: 'test', subject_type: 'Unit', subject_id: '1', actor_user_id: 1, actor_username: 'x', unit_id: null, before: null, after: null, request_id: null, ip: null };
      await withScope(env.db, { userId: 1, level: 'county', jurisdictionId: 371312 }, (tx) => tx.insertInto('audit_log').values(row).execute());
      const scope = { userId: 1, level: 'county' as const, jurisdictionId: 371312 };
      await expect(withScope(env.db, scope, (tx) => tx.updateTable('audit_log').set({ action: 'forged' }).execute())).rejects.toThrow(/permission denied|append-only/);
      await expect(withScope(env.db, scope, (tx) => tx.deleteFrom('audit_log').execute())).rejects.toThrow(/permission denied|append-only/);
      await expect(env.db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
      await expect(env.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      const left = await env.db.selectFrom('audit_log').select('action').execute();
      expect(left.map((r) => r.action)).toEqual(['test']);
    });

    it('two scoped transactions started together each see only their own scope', async () => {
      const [a, b] = await Promise.all([scoped(env.db, 'township', '371312001'), scoped(env.db, 'township', '371302001')]);
      expect(a).toEqual(['371312001']);
      expect(b).toEqual(['371302001']);
    });

    it('the scope and role do not outlive the transaction', async () => {
      await scoped(env.db, 'county', '371312');
      const r = await sql<{ scope: string | null; role: string }>`select current_setting('app.scope_county', true) as scope, current_user as role`.execute(env.db);
      expect(r.rows[0]?.scope ?? '').toBe('');
      expect(r.rows[0]?.role).not.toBe('fz_app');
    });
  });
}

suite('PostgreSQL', () => createTestDatabase());
suite('PGlite', () => createPgliteTestDb());

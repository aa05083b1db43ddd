import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.js';
import type { DbHandle } from './create-db.js';
import { createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';

const unitCount = async (h: DbHandle) => Number((await h.executeSql('select count(*) as n from units')).rows.map((r) => (r as { n: string }).n)[0]);

function suite(name: string, open: () => Promise<{ handle: DbHandle; close(): Promise<void> }>) {
  describe(`executeSql (${name})`, () => {
    let env: { handle: DbHandle; close(): Promise<void> };
    beforeAll(async () => {
      env = await open();
      await insertFixtureTree(env.handle.db, ['37']);
    });
    afterAll(() => env?.close());

    it('runs parameterised statements and multi-statement text (answering with the last result)', async () => {
      expect((await env.handle.executeSql('select $1::int + 1 as n', [41])).rows).toEqual([{ n: 42 }]);
      const multi = await env.handle.executeSql('begin; create temp table t (x int); insert into t values (1), (2); select count(*)::int as n from t; commit;');
      expect(multi.rows).toEqual([]);
      expect((await env.handle.executeSql('select 1 as a; select 2 as b')).rows).toEqual([{ b: 2 }]);
    });

    it('leaves no transaction open after a failed BEGIN … COMMIT text', async () => {
      await expect(env.handle.executeSql('begin; select 1/0; commit;')).rejects.toThrow(/division by zero/);
      expect(await unitCount(env.handle)).toBe(1);
      await env.handle.db.transaction().execute(async (tx) => void (await sql`select 1`.execute(tx)));
    });

    it('never runs inside someone else’s open transaction', async () => {
      let inserted!: () => void;
      const ready = new Promise<void>((r) => (inserted = r));
      const tx = env.handle.db
        .transaction()
        .execute(async (t) => {
          await t.insertInto('units').values({ jurisdiction_id: 37, province_id: 37, city_id: null, county_id: null, township_id: null, name: '临时', short_name: '临时', kind: 'office' }).execute();
          inserted();
          await new Promise((r) => setTimeout(r, 100));
          throw new Error('roll back');
        })
        .catch(() => 'rolled back');
      await ready;
      expect(await unitCount(env.handle)).toBe(1);
      expect(await tx).toBe('rolled back');
    });
  });
}

suite('PostgreSQL', async () => {
  const t = await createTestDatabase();
  const handle = await createDb({ databaseUrl: t.url, poolMax: 2 });
  return {
    handle,
    close: async () => {
      await handle.close();
      await t.close();
    },
  };
});
suite('PGlite', async () => {
  const handle = await createPgliteTestDb();
  return { handle, close: () => handle.close() };
});

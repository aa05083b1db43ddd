import { verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../schema.js';
import { createTestDatabase } from '../testing/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, hasDemoUsers, seedDemo } from './demo.js';
import type { SeedDemoResult } from './demo.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** A checksum of the seeded tables (timestamps included: nothing may be rewritten). */
async function checksum(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ sum: string }>`
    select md5(concat_ws(E'\n',
      (select string_agg(concat_ws('|', id, name, kind, parent_id, path::text, sort_order, created_at), ',' order by id) from jurisdictions),
      (select string_agg(concat_ws('|', id, jurisdiction_id, name, short_name, kind, sort_order, province_id, city_id, county_id, township_id, updated_at), ',' order by id) from units),
      (select string_agg(concat_ws('|', id, username, display_name, unit_id, jurisdiction_id, password_hash, is_demo, updated_at), ',' order by id) from users),
      (select string_agg(concat_ws('|', id, user_id, role, jurisdiction_id, province_id, city_id, county_id, township_id), ',' order by id) from role_memberships)
    )) as sum`.execute(db);
  return rows[0]?.sum ?? '';
}

describe('seedDemo', () => {
  let env: TestDatabase;
  let first: SeedDemoResult;
  beforeAll(async () => {
    env = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('seeds Shandong, its units and the demo accounts', async () => {
    expect(await hasDemoUsers(env.db)).toBe(false);
    const started = performance.now();
    first = await seedDemo(env.db);
    console.info(`seedDemo: ${Math.round(performance.now() - started)} ms`);
    expect(await hasDemoUsers(env.db)).toBe(true);
    expect(first.accounts).toEqual([
      { username: 'province', displayName: '省督察员', roles: ['supervisor'], jurisdictionName: '山东省', unitName: '山东省司法厅' },
      { username: 'linyi', displayName: '临沂市督察员', roles: ['supervisor'], jurisdictionName: '临沂市', unitName: '临沂市司法局' },
      { username: 'hedong', displayName: '河东区依法治区办', roles: ['supervisor', 'admin'], jurisdictionName: '河东区', unitName: '河东区政府办公室' },
      { username: 'hedong-sfj', displayName: '河东区司法局填报员', roles: ['operator'], jurisdictionName: '河东区', unitName: '河东区司法局' },
      { username: 'street', displayName: '九曲街道填报员', roles: ['operator'], jurisdictionName: '九曲街道', unitName: '九曲街道办事处' },
      { username: 'leader', displayName: '省领导', roles: ['viewer'], jurisdictionName: '山东省', unitName: '山东省政府办公室' },
      { username: 'lanshan', displayName: '兰山区依法治区办', roles: ['supervisor', 'admin'], jurisdictionName: '兰山区', unitName: '兰山区政府办公室' },
      { username: 'xiangong', displayName: '相公街道填报员', roles: ['operator'], jurisdictionName: '相公街道', unitName: '相公街道办事处' },
    ]);
    const counts = await env.db.selectFrom('jurisdictions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(1 + 16 + 151 + 1853);
  }, 60_000);

  it('stores argon2id hashes of the demo password', async () => {
    const users = await env.db.selectFrom('users').select(['username', 'password_hash', 'is_demo', 'must_change_password', 'is_active']).orderBy('id').execute();
    expect(users.map((u) => u.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    for (const u of users) {
      expect(u).toMatchObject({ is_demo: true, must_change_password: false, is_active: true });
      expect(u.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verify(u.password_hash, DEMO_PASSWORD)).toBe(true);
    }
    expect(await verify(users[0]?.password_hash ?? '', 'Demo@2025')).toBe(false);
  });

  it('scopes users and role memberships to their unit’s jurisdiction', async () => {
    const hedong = await env.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select(['users.id', 'users.jurisdiction_id', 'users.province_id', 'users.city_id', 'users.county_id', 'users.township_id', 'units.jurisdiction_id as unit_jurisdiction_id'])
      .where('username', '=', 'hedong')
      .executeTakeFirstOrThrow();
    expect(hedong).toMatchObject({ jurisdiction_id: 371312, unit_jurisdiction_id: 371312, province_id: 37, city_id: 3713, county_id: 371312, township_id: null });
    const roles = await env.db.selectFrom('role_memberships').selectAll().where('user_id', '=', hedong.id).orderBy('role').execute();
    expect(roles).toEqual([
      expect.objectContaining({ role: 'admin', jurisdiction_id: 371312, province_id: 37, city_id: 3713, county_id: 371312, township_id: null }),
      expect.objectContaining({ role: 'supervisor', jurisdiction_id: 371312, province_id: 37, city_id: 3713, county_id: 371312, township_id: null }),
    ]);
    const mismatched = await env.db
      .selectFrom('role_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .innerJoin('units as n', 'n.id', 'u.unit_id')
      .select('u.username')
      .where((eb) =>
        eb.or([
          eb('m.jurisdiction_id', '!=', eb.ref('n.jurisdiction_id')),
          eb('u.jurisdiction_id', '!=', eb.ref('n.jurisdiction_id')),
          sql<boolean>`(m.province_id, m.city_id, m.county_id, m.township_id) is distinct from (n.province_id, n.city_id, n.county_id, n.township_id)`,
        ]),
      )
      .execute();
    expect(mismatched).toEqual([]);
    const street = await env.db.selectFrom('role_memberships').innerJoin('users', 'users.id', 'role_memberships.user_id').select(['role_memberships.township_id', 'role']).where('username', '=', 'street').execute();
    expect(street).toEqual([{ township_id: 371312001, role: 'operator' }]);
  });

  it('gives 河东区 its standard units and 九曲街道 its township government', async () => {
    const hedong = await env.db.selectFrom('units').select(['name', 'short_name', 'kind', 'county_id', 'township_id']).where('jurisdiction_id', '=', 371312).orderBy('sort_order').execute();
    expect(hedong.map((u) => u.name)).toEqual(
      expect.arrayContaining(['河东区政府办公室', '河东区委编办', '河东区司法局', '河东区发改局', '河东区市场监管局', '河东区行政审批服务局', '河东区财政局', '河东区公安分局']),
    );
    expect(hedong[0]).toEqual({ name: '河东区政府办公室', short_name: '政府办公室', kind: 'office', county_id: 371312, township_id: null });
    expect(hedong.find((u) => u.name === '河东区司法局')).toMatchObject({ short_name: '司法局', kind: 'department' });
    const jiuqu = await env.db.selectFrom('units').select(['name', 'kind', 'province_id', 'city_id', 'county_id', 'township_id']).where('jurisdiction_id', '=', 371312001).execute();
    expect(jiuqu).toEqual([{ name: '九曲街道办事处', kind: 'township_government', province_id: 37, city_id: 3713, county_id: 371312, township_id: 371312001 }]);
    expect(await env.db.selectFrom('units').select('name').where('jurisdiction_id', '=', 37).orderBy('sort_order').execute()).toEqual([{ name: '山东省政府办公室' }, { name: '山东省司法厅' }]);
    // Every jurisdiction of Shandong has at least one unit, and ancestors match the jurisdiction.
    const bare = await env.db
      .selectFrom('jurisdictions as j')
      .select('j.id')
      .where('j.province_id', '=', 37)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('units as u').select('u.id').whereRef('u.jurisdiction_id', '=', 'j.id'))))
      .execute();
    expect(bare).toEqual([]);
    const wrongAncestors = await sql<{ id: number }>`
      select u.id from units u join jurisdictions j on j.id = u.jurisdiction_id
      where (u.province_id, u.city_id, u.county_id, u.township_id) is distinct from (j.province_id, j.city_id, j.county_id, j.township_id)`.execute(env.db);
    expect(wrongAncestors.rows).toEqual([]);
  });

  it('changes nothing when run again and returns the same accounts', async () => {
    const before = await checksum(env.db);
    const again = await seedDemo(env.db);
    expect(again).toEqual(first);
    expect(await checksum(env.db)).toBe(before);
  });
});

describe('seedDemo inside a caller transaction', () => {
  let env: TestDatabase;
  beforeAll(async () => {
    env = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('uses the transaction it is given', async () => {
    const result = await env.db.transaction().execute((tx) => seedDemo(tx));
    expect(result.accounts.map((a) => a.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(await hasDemoUsers(env.db)).toBe(true);
  }, 60_000);
});

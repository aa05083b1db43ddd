import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import { APP_ROLE, withScope, withSystem } from './scope.js';
import { createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';
import type { TestDatabase } from './testing/index.js';

const CODES = ['37', '3713', '371312', '371312001', '371312004'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Session {
  role: string;
  user_id: string | null;
  province: string | null;
  city: string | null;
  county: string | null;
  township: string | null;
}
const session = (db: Kysely<Database>) =>
  sql<Session>`select current_user as role, current_setting('app.user_id', true) as user_id,
    current_setting('app.scope_province', true) as province, current_setting('app.scope_city', true) as city,
    current_setting('app.scope_county', true) as county, current_setting('app.scope_township', true) as township`
    .execute(db)
    .then((r) => r.rows[0]);
const unscoped = (s: Session | undefined) => [s?.user_id, s?.province, s?.city, s?.county, s?.township].every((v) => v === null || v === '');

describe('withScope on a pooled PostgreSQL connection (pool max 1)', () => {
  let env: TestDatabase;
  beforeAll(async () => {
    env = await createTestDatabase({ poolMax: 1 });
    await insertFixtureTree(env.db, CODES);
  });
  afterAll(() => env?.close());

  it('sets the role and exactly one scope setting inside the transaction', async () => {
    const inside = await withScope(env.db, { userId: 7, level: 'township', jurisdictionId: 371312001 }, (tx) => session(tx));
    expect(inside).toEqual({ role: APP_ROLE, user_id: '7', province: '', city: '', county: '', township: '371312001' });
  });

  it('leaves nothing behind for the next transaction on the same connection', async () => {
    await withScope(env.db, { userId: 7, level: 'county', jurisdictionId: 371312 }, (tx) => session(tx));
    const next = await withSystem(env.db, (tx) => session(tx));
    expect(next?.role).toBe('postgres');
    expect(unscoped(next)).toBe(true);
    expect(await env.db.selectFrom('units').select('id').execute()).toHaveLength(CODES.length);
  });

  it('leaves nothing behind after a failed transaction either', async () => {
    const failed = withScope(env.db, { userId: 7, level: 'county', jurisdictionId: 371312 }, async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    const next = await session(env.db);
    expect(next?.role).toBe('postgres');
    expect(unscoped(next)).toBe(true);
  });

  it('rejects a malformed scope before touching the database', async () => {
    const run = (scope: Parameters<typeof withScope>[1]) => withScope(env.db, scope, () => Promise.resolve(1));
    await expect(run({ userId: 1, level: 'village' as never, jurisdictionId: 37 })).rejects.toThrow(/unknown level/);
    await expect(run({ userId: 0, level: 'province', jurisdictionId: 37 })).rejects.toThrow(/userId/);
    await expect(run({ userId: 1, level: 'province', jurisdictionId: Number.NaN })).rejects.toThrow(/jurisdictionId/);
  });
});

describe('withScope on PGlite (one shared connection)', () => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await createPgliteTestDb((d) => insertFixtureTree(d, CODES)));
  });
  afterAll(() => close());

  it('runs concurrent transactions one after another, each with its own scope', async () => {
    const events: string[] = [];
    const run = (tag: string, township: number) =>
      withScope(db, { userId: 1, level: 'township', jurisdictionId: township }, async (tx) => {
        events.push(`${tag} begin`);
        await sleep(30); // gives the other request every chance to interleave
        const units = await tx.selectFrom('units').select('jurisdiction_id').execute();
        const s = await session(tx);
        events.push(`${tag} end`);
        return { units: units.map((u) => u.jurisdiction_id), township: s?.township };
      });
    const plain = sleep(5).then(() => session(db).then((s) => (events.push('plain'), s)));
    const [a, b, outside] = await Promise.all([run('a', 371312001), run('b', 371312004), plain]);
    expect(a).toEqual({ units: [371312001], township: '371312001' });
    expect(b).toEqual({ units: [371312004], township: '371312004' });
    expect(events).toEqual(['a begin', 'a end', 'b begin', 'b end', 'plain']);
    expect(outside?.role).toBe('postgres');
    expect(unscoped(outside)).toBe(true);
  });
});

describe('createDb', () => {
  it('keeps PGlite data in its folder across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fz-pglite-'));
    try {
      const first = await createDb({ dataDir: join(dir, 'data') });
      expect(first.kind).toBe('pglite');
      await migrateToLatest(first.db);
      await insertFixtureTree(first.db, ['11']);
      await first.close();
      await first.close(); // idempotent
      const second = await createDb({ dataDir: join(dir, 'data') });
      try {
        expect(await second.ping()).toBe(true);
        expect(await migrateToLatest(second.db)).toEqual([]);
        expect(await second.db.selectFrom('units').select('name').execute()).toEqual([{ name: '单位11' }]);
      } finally {
        await second.close();
      }
      expect(await second.ping()).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an unreachable PostgreSQL through ping instead of throwing', async () => {
    const handle = await createDb({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      expect(handle.kind).toBe('pg');
      expect(await handle.ping()).toBe(false);
    } finally {
      await handle.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb } from '@fz/db';
import type { DbHandle } from '@fz/db';
import type { TestDatabase } from '@fz/db/testing';
import { callerFor, demoDatabase, fakeRequest, loginAs, servicesFor, silentLog, testStorage } from './helpers.js';
import { unitIdOf } from './rect-helpers.js';
import { makeRectFixture } from './rect-fixture.js';
import { defaultServices } from '../src/trpc/context.js';
import { replicaReads } from '../src/ops/read-replica.js';

/**
 * Read-replica routing (DATABASE_REPLICA_URL). The same PostgreSQL server stands in for the
 * replica in two ways: (1) a second copy of the demo database, i.e. a replica frozen at the moment
 * of the copy, so a change made on the primary afterwards shows which database a read went to;
 * (2) the primary's own URL under another application_name, to prove the replica transaction is
 * read only. A replica that cannot be reached must not fail a dashboard.
 */
let primary: TestDatabase;
let frozen: TestDatabase;
let sameServer: DbHandle;
let unreachable: DbHandle;
const HEDONG = 371312;
const warnings: string[] = [];
const log = { ...silentLog, warn: (_o: object, msg?: string) => void warnings.push(msg ?? '') };

beforeAll(async () => {
  primary = await demoDatabase();
  frozen = await demoDatabase();
  const u = new URL(primary.url);
  u.searchParams.set('application_name', 'fz_replica_standin');
  sameServer = await createDb({ databaseUrl: u.toString(), poolMax: 2 });
  // Nothing listens on port 1: connection refused at once.
  const dead = new URL(primary.url);
  dead.port = '1';
  unreachable = await createDb({ databaseUrl: dead.toString(), poolMax: 1 });
});
afterAll(async () => {
  await sameServer?.close();
  await unreachable?.close();
  await primary?.close();
  await frozen?.close();
});

const servicesWith = (replica: DbHandle['db'] | undefined) => defaultServices(primary.db, { cookieSecure: false, log, storage: testStorage, replica });
const count = (target: string) => replicaReads.get({ target });

describe('dashboards on a read replica', () => {
  it('dashboard.get reads the replica, while sessions and writes stay on the primary', async () => {
    const onPrimary = servicesFor(primary.db);
    const viaReplica = servicesWith(frozen.db);
    const before = (await (await loginAs(onPrimary, 'hedong')).caller.dashboard.get({})).kpis.total;
    // A new item on the primary after the "replica" was copied: replication lag, made permanent.
    const { itemId } = await makeRectFixture(primary.db, String(HEDONG), await unitIdOf(primary.db, HEDONG, '河东区司法局'));
    const { caller: primaryCaller } = await loginAs(onPrimary, 'hedong');
    expect((await primaryCaller.dashboard.get({})).kpis.total).toBe(before + 1);

    // Logging in writes a session row on the primary only; the replica copy has no such session,
    // so a request that resolved its session on the replica would be UNAUTHORIZED.
    const { token } = await loginAs(viaReplica, 'hedong');
    const routed = callerFor(viaReplica, fakeRequest(token));
    const reads = count('replica');
    expect((await routed.dashboard.get({})).kpis.total).toBe(before);
    expect(count('replica')).toBe(reads + 1);
    // Everything else reads the primary: the new item is there (the replica copy has no such row).
    await expect(routed.items.get({ id: itemId })).resolves.toBeTruthy();
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from rectification_items where id = ${itemId}`.execute(frozen.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('RLS and CASL apply on the replica as on the primary', async () => {
    const viaReplica = servicesWith(sameServer.db);
    const { caller } = await loginAs(viaReplica, 'hedong');
    await expect(caller.dashboard.get({ jurisdictionId: 3713 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const own = await caller.dashboard.get({});
    expect(own.children.every((c) => String(c.id).startsWith(String(HEDONG)))).toBe(true);
  });

  it('the replica transaction is read only, on its own connection pool', async () => {
    const services = servicesWith(sameServer.db);
    const scope = { userId: 1, level: 'county' as const, jurisdictionId: HEDONG };
    const seen = await services.runScopedRead(scope, async (tx) => {
      const r = await sql<{ app: string; ro: string }>`select current_setting('application_name') as app, current_setting('transaction_read_only') as ro`.execute(tx);
      return r.rows[0];
    });
    expect(seen).toEqual({ app: 'fz_replica_standin', ro: 'on' });
    await expect(services.runScopedRead(scope, (tx) => sql`update jurisdictions set name = name where id = ${HEDONG}`.execute(tx))).rejects.toMatchObject({ code: '25006' });
    // Without a replica, reads still run read only, on the primary.
    const plain = servicesFor(primary.db);
    const ro = await plain.runScopedRead(scope, async (tx) => (await sql<{ ro: string }>`select current_setting('transaction_read_only') as ro`.execute(tx)).rows[0]?.ro);
    expect(ro).toBe('on');
  });

  it('an unreachable replica falls back to the primary and is skipped for a while', async () => {
    const services = servicesWith(unreachable.db);
    const { caller } = await loginAs(services, 'hedong');
    const fallbacks = count('primary_fallback');
    const expected = (await (await loginAs(servicesFor(primary.db), 'hedong')).caller.dashboard.get({})).kpis.total;
    expect((await caller.dashboard.get({})).kpis.total).toBe(expected);
    expect((await caller.dashboard.get({})).kpis.total).toBe(expected);
    expect(count('primary_fallback')).toBe(fallbacks + 2);
    // One warning: the second read did not try the dead replica again.
    expect(warnings.filter((w) => w.startsWith('read replica unreachable'))).toHaveLength(1);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, withScope } from '@fz/db';
import type { DbHandle } from '@fz/db';
import { createPgliteTestDb, createTestDatabase, insertFixtureTree } from '@fz/db/testing';
import { QUEUES, startJobs } from '../src/jobs/queue.js';
import type { Jobs } from '../src/jobs/queue.js';
import { LocalDiskStorage } from '../src/storage/local-disk.js';
import { silentLog } from './helpers.js';
import { itemWith } from './jobs-fixture.js';
import { TODAY, inDays } from './rect-helpers.js';

const CODES = ['37', '3713', '371312'];
const seed = (db: DbHandle['db']) => insertFixtureTree(db, CODES);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function suite(name: string, open: () => Promise<{ handle: DbHandle; close(): Promise<void> }>) {
  describe(`the job queue (${name})`, () => {
    let env: { handle: DbHandle; close(): Promise<void> };
    let jobs: Jobs | undefined;
    let itemId: number;

    beforeAll(async () => {
      env = await open();
      const unit = await env.handle.db.selectFrom('units').select('id').where('jurisdiction_id', '=', 371312).executeTakeFirstOrThrow();
      itemId = await itemWith(env.handle.db, { code: '371312', unitId: unit.id, deadline: inDays(-1) });
      const storage = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'fz-jobs-')));
      jobs = await startJobs({ handle: env.handle, storage, today: () => TODAY, log: silentLog, pollingIntervalSeconds: 0.5 });
    });
    afterAll(async () => {
      await jobs?.stop();
      await env?.close();
    });

    it('runs the overdue sweep through the queue once at start', async () => {
      const { db } = env.handle;
      const job = await until('the sweep job to complete', async () => {
        const { rows } = await sql<{ id: string; state: string; output: { markedOverdue: number } | null }>`
          select id, state, output from pgboss.job where name = ${QUEUES.sweep} and state = 'completed'`.execute(db);
        return rows[0];
      });
      expect(job.output?.markedOverdue).toBe(1);
      const item = await db.selectFrom('rectification_items').select('overdue_since').where('id', '=', itemId).executeTakeFirstOrThrow();
      expect(item.overdue_since).toBe(inDays(0));
      const audit = await db.selectFrom('audit_log').select(['action', 'request_id']).where('subject_id', '=', String(itemId)).where('actor_user_id', 'is', null).execute();
      expect(audit).toEqual([{ action: 'item.overdue', request_id: `job:${job.id}` }]);
    });

    it('schedules the sweep every 15 minutes and the clean-up nightly, in Beijing time', async () => {
      const schedules = await jobs!.boss.getSchedules();
      expect(schedules.map((s) => [s.name, s.cron, s.options?.tz]).sort()).toEqual([
        [QUEUES.orphans, '30 3 * * *', 'Asia/Shanghai'],
        [QUEUES.sweep, '*/15 * * * *', 'Asia/Shanghai'],
      ]);
    });

    it('keeps requests off the queue’s tables', async () => {
      const denied = withScope(env.handle.db, { userId: 1, level: 'county', jurisdictionId: 371312 }, (tx) => sql`select count(*) from pgboss.job`.execute(tx));
      await expect(denied).rejects.toThrow(/permission denied/);
    });

    it('runs a requested clean-up and shares the database with request transactions', async () => {
      const { db } = env.handle;
      await jobs!.runNow(QUEUES.orphans);
      // Request-like transactions interleave with the workers' polling on the same database.
      const counts = await Promise.all(
        Array.from({ length: 20 }, () =>
          withScope(db, { userId: 1, level: 'county', jurisdictionId: 371312 }, async (tx) => (await sql<{ n: string }>`select count(*) as n from rectification_items`.execute(tx)).rows[0]!.n),
        ),
      );
      expect(new Set(counts)).toEqual(new Set(['1']));
      const done = await until('the clean-up job to complete', async () => {
        const { rows } = await sql<{ output: { scanned: number } }>`select output from pgboss.job where name = ${QUEUES.orphans} and state = 'completed'`.execute(db);
        return rows[0];
      });
      expect(done.output).toEqual({ scanned: 0, deleted: 0, referenced: 0, fresh: 0 });
    });

    it('stops cleanly, leaving the connection usable', async () => {
      await jobs!.stop();
      jobs = undefined;
      const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(env.handle.db);
      expect(rows[0]?.ok).toBe(1);
    });
  });
}

suite('PostgreSQL', async () => {
  const test = await createTestDatabase({ templateKey: 'jobs-tree', seed });
  // pg-boss and the sweep share one pool, as in main.ts.
  const handle = await createDb({ databaseUrl: test.url, poolMax: 4 });
  return {
    handle,
    close: async () => {
      await handle.close();
      await test.close();
    },
  };
});

suite('PGlite', async () => {
  const handle = await createPgliteTestDb(seed);
  return { handle, close: () => handle.close() };
});

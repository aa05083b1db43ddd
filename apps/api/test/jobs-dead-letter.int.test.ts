import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@fz/db';
import type { DbHandle } from '@fz/db';
import { QUEUES, startJobs } from '../src/jobs/queue.js';
import type { Jobs } from '../src/jobs/queue.js';
import { failedJobs } from '../src/jobs/queue-tables.js';
import type { Storage } from '../src/storage/storage.js';
import { metrics } from '../src/observability/metrics.js';
import { watchQueue } from '../src/observability/db-metrics.js';
import { demoDatabase, loginAs, outcome, servicesFor, silentLog } from './helpers.js';
import { TODAY } from './rect-helpers.js';

/** An evidence store that cannot be listed: every orphan clean-up fails. */
const brokenStorage: Storage = {
  put: () => Promise.reject(new Error('not used')),
  get: () => Promise.resolve(null),
  exists: () => Promise.resolve(false),
  stat: () => Promise.resolve(null),
  delete: () => Promise.resolve(),
  list: () => ({
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('bucket fz-evidence unreachable: connect ECONNREFUSED')) }),
  }),
};

let env: Awaited<ReturnType<typeof demoDatabase>>;
let handle: DbHandle;
let jobs: Jobs;

beforeAll(async () => {
  env = await demoDatabase();
  handle = await createDb({ databaseUrl: env.url, poolMax: 4 });
  // One retry, at once: the job is tried twice, then dead.
  jobs = await startJobs({ handle, storage: brokenStorage, today: () => TODAY, log: silentLog, pollingIntervalSeconds: 0.5, retry: { limit: 1, delaySeconds: 0, backoff: false } });
  await jobs.runNow(QUEUES.orphans);
  for (let i = 0; i < 200 && (await failedJobs(handle.db, 10)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await jobs?.stop();
  await handle?.close();
  await env?.close();
});

describe('failed jobs (dead letters)', () => {
  it('are kept once their retries are spent, with the last error', async () => {
    const [dead] = await failedJobs(handle.db, 10);
    expect(dead).toMatchObject({ queue: QUEUES.orphans, retry_count: 1, error: 'bucket fz-evidence unreachable: connect ECONNREFUSED' });
  });

  it('are listed for a province supervisor without the stack', async () => {
    const { caller } = await loginAs(servicesFor(handle.db), 'province');
    const { items } = await caller.jobs.failed({ limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ queue: 'orphan-cleanup', retries: 1, error: 'bucket fz-evidence unreachable: connect ECONNREFUSED', failedAt: expect.any(String) });
    expect(JSON.stringify(items)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('are refused to a county admin and to a province viewer', async () => {
    for (const username of ['hedong', 'leader']) {
      const { caller } = await loginAs(servicesFor(handle.db), username);
      expect(await outcome(caller.jobs.failed({ limit: 10 }))).toBe('FORBIDDEN');
    }
  });

  it('are counted per queue in the metrics', async () => {
    const stop = watchQueue(metrics, handle.db);
    try {
      expect((await metrics.render()).split('\n')).toContain('fz_jobs_dead_letter_jobs{queue="orphan-cleanup"} 1');
    } finally {
      stop();
    }
  });
});

import PgBoss from 'pg-boss';
import { DEFAULT_TIME_ZONE } from '@fz/domain';
import type { DbHandle } from '@fz/db';
import type { Logger } from '../trpc/context.js';
import type { Storage } from '../storage/storage.js';
import { cleanOrphans } from './orphans.js';
import { sweepOverdue } from './overdue-sweep.js';
import { LEDGER_EXPORT_QUEUE, ONBOARDING_QUEUE, ON_DEMAND_QUEUES, purgeExpiredCredentials, purgeExpiredExports } from './onboarding-queue.js';
import { runLedgerExport } from '../modules/exports/job.js';
import type { LedgerExportPayload } from '../modules/exports/job.js';
import { runOnboardingImport } from '../modules/onboarding/job.js';
import type { OnboardingJobPayload } from '../modules/onboarding/job.js';

export const QUEUES = { sweep: 'overdue-sweep', orphans: 'orphan-cleanup' } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** pg-boss keeps its tables in this schema, owned by the connecting role; the request role has no grant on it. */
export const QUEUE_SCHEMA = 'pgboss';

export interface JobsOptions {
  /** The database; pg-boss runs its own SQL through `executeSql` (a pg pool, or the single PGlite connection). */
  handle: Pick<DbHandle, 'db' | 'executeSql'>;
  storage: Storage;
  /** Today's calendar date in Beijing (Services.today). */
  today: () => string;
  log: Logger;
  /** Cron expressions in Beijing time. */
  sweepCron?: string;
  orphansCron?: string;
  orphanGraceMs?: number;
  /** How often idle workers look for work (default 2 s; tests go faster). */
  pollingIntervalSeconds?: number;
  /** Retries before a job counts as failed (default 3, after 1, 2, 4 minutes; tests go faster). */
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
}

export const DEFAULT_RETRY = { limit: 3, delaySeconds: 60, backoff: true } as const;

export interface Jobs {
  /** Queues a run now (null when one is already waiting: a queue holds at most one waiting and one running job). */
  runNow(queue: QueueName): Promise<string | null>;
  /** Waits for the running jobs (up to 10 s), then stops polling and schedules. */
  stop(): Promise<void>;
  boss: PgBoss;
}

/**
 * Starts the job queue (pg-boss, in PostgreSQL) in this process: the overdue sweep every 15
 * minutes and once now, orphan clean-up (and expired initial passwords) nightly, and the
 * onboarding imports as they are uploaded. Several processes may run it: a queue is
 * "stately" (one job waiting, one running) and cron fires once per minute across all of them.
 */
export async function startJobs(opts: JobsOptions): Promise<Jobs> {
  const { db, executeSql } = opts.handle;
  const boss = new PgBoss({
    db: { executeSql: (text, values) => executeSql(text, values) },
    schema: QUEUE_SCHEMA,
  });
  boss.on('error', (err) => opts.log.error({ err }, 'job queue error'));
  await boss.start();

  const retry = opts.retry ?? DEFAULT_RETRY;
  const queue: Omit<PgBoss.Queue, 'name'> = { policy: 'stately', retryLimit: retry.limit, retryDelay: retry.delaySeconds, retryBackoff: retry.backoff, expireInSeconds: 3600 };
  for (const name of Object.values(QUEUES)) {
    // createQueue keeps an existing queue's settings: update them so a release's change applies.
    await boss.createQueue(name, { ...queue, name });
    await boss.updateQueue(name, { ...queue, name });
  }
  for (const q of ON_DEMAND_QUEUES) {
    await boss.createQueue(q.name, q);
    await boss.updateQueue(q.name, q);
  }
  const work = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 };

  await boss.work(QUEUES.sweep, work, async ([job]) => {
    const result = await sweepOverdue(db, opts.today(), { runId: `job:${job?.id ?? 'unknown'}` });
    opts.log.info({ job: QUEUES.sweep, ...result }, 'overdue sweep done');
    return result;
  });
  await boss.work(QUEUES.orphans, work, async () => {
    // First, so expired initial passwords go even when the evidence store is down.
    const expiredCredentials = await purgeExpiredCredentials(db);
    if (expiredCredentials > 0) opts.log.info({ job: QUEUES.orphans, expiredCredentials }, 'expired initial passwords deleted');
    const expiredExports = await purgeExpiredExports(db);
    if (expiredExports > 0) opts.log.info({ job: QUEUES.orphans, expiredExports }, 'expired ledger exports deleted');
    const result = await cleanOrphans(db, opts.storage, { olderThanMs: opts.orphanGraceMs });
    opts.log.info({ job: QUEUES.orphans, ...result }, 'orphan clean-up done');
    return result;
  });

  // Onboarding imports: one at a time per process (hashing a province's passwords fills the cores).
  await boss.work(ONBOARDING_QUEUE, { ...work, pollingIntervalSeconds: Math.min(work.pollingIntervalSeconds, 1) }, async ([job]) => {
    const payload = onboardingPayload(job?.data);
    if (!payload) return { result: 'skipped' };
    return { result: await runOnboardingImport(db, payload, opts.log) };
  });

  // Background ledger exports: one at a time per process (a workbook of 200,000 rows takes memory).
  await boss.work(LEDGER_EXPORT_QUEUE, { ...work, pollingIntervalSeconds: Math.min(work.pollingIntervalSeconds, 1) }, async ([job]) => {
    const payload = exportPayload(job?.data);
    if (!payload) return { result: 'skipped' };
    return { result: await runLedgerExport(db, payload, opts.today(), opts.log) };
  });

  const tz = { tz: DEFAULT_TIME_ZONE };
  await boss.schedule(QUEUES.sweep, opts.sweepCron ?? '*/15 * * * *', {}, tz);
  await boss.schedule(QUEUES.orphans, opts.orphansCron ?? '30 3 * * *', {}, tz);

  const jobs: Jobs = {
    boss,
    runNow: (name) => boss.send(name, {}),
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
  // Once at start: a restart after a day down catches up at once instead of at the next quarter hour.
  await jobs.runNow(QUEUES.sweep);
  return jobs;
}

/** A job's data with these keys, each a positive integer (as the API sent it), or null. */
function positiveIds<K extends string>(data: unknown, keys: readonly K[]): Record<K, number> | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const v = d[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) return null;
    out[k] = v;
  }
  return out;
}

const onboardingPayload = (data: unknown): OnboardingJobPayload | null => positiveIds(data, ['importId', 'uploaderId', 'jurisdictionId']);
const exportPayload = (data: unknown): LedgerExportPayload | null => positiveIds(data, ['exportId', 'requesterId', 'jurisdictionId']);

import PgBoss from 'pg-boss';
import type { Db, DbHandle } from '@fz/db';
import { withJobs } from '@fz/db';
import type { JobQueue } from '../trpc/context.js';

/** The queue of onboarding imports (批量导入单位和用户), apart from the periodic `QUEUES`. */
export const ONBOARDING_QUEUE = 'onboarding-import';

/**
 * Not `stately` like the periodic jobs: every upload is its own job (one waiting job per queue
 * would drop a second jurisdiction's file). A job re-run after a crash is safe: the import row
 * says whether it finished. No automatic retries: a failed import is final, and the uploader
 * may upload again. An hour is room for a province's password hashing.
 */
export const ONBOARDING_QUEUE_OPTIONS: PgBoss.Queue = { name: ONBOARDING_QUEUE, policy: 'standard', retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 3600 };

/** Background ledger exports (后台导出): like onboarding, one job per request, re-runnable, retried once. */
export const LEDGER_EXPORT_QUEUE = 'ledger-export';
export const LEDGER_EXPORT_QUEUE_OPTIONS: PgBoss.Queue = { name: LEDGER_EXPORT_QUEUE, policy: 'standard', retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 3600 };

/** The queues a sender may post to before any worker has created them. */
export const ON_DEMAND_QUEUES = [ONBOARDING_QUEUE_OPTIONS, LEDGER_EXPORT_QUEUE_OPTIONS];

/**
 * Sends onboarding jobs from a process that may not run the queue (the API with JOBS=off): a
 * pg-boss instance without maintenance, schedules or workers, started on first use (it creates
 * pg-boss's schema and the queue when the worker has not yet).
 */
export function jobSender(handle: Pick<DbHandle, 'executeSql'>): JobQueue & { stop(): Promise<void> } {
  let started: Promise<PgBoss> | undefined;
  const boss = () =>
    (started ??= (async () => {
      const b = new PgBoss({ db: { executeSql: (text, values) => handle.executeSql(text, values) }, schema: 'pgboss', supervise: false, schedule: false });
      await b.start();
      for (const q of ON_DEMAND_QUEUES) await b.createQueue(q.name, q);
      return b;
    })().catch((e: unknown) => {
      started = undefined;
      throw e;
    }));
  return {
    async sendOnboarding(payload) {
      const id = await (await boss()).send(ONBOARDING_QUEUE, payload, { singletonKey: `onboarding:${payload.importId}` });
      if (id === null) throw new Error(`onboarding import ${payload.importId} was not queued`);
    },
    async sendLedgerExport(payload) {
      const id = await (await boss()).send(LEDGER_EXPORT_QUEUE, payload, { singletonKey: `ledger-export:${payload.exportId}` });
      if (id === null) throw new Error(`ledger export ${payload.exportId} was not queued`);
    },
    async stop() {
      if (started) await (await started).stop({ graceful: false, wait: true });
    },
  };
}

/** Deletes background exports past their week (the nightly clean-up, as the jobs role). */
export async function purgeExpiredExports(db: Db, now = new Date()): Promise<number> {
  const r = await withJobs(db, (tx) => tx.deleteFrom('ledger_exports').where('expires_at', '<', now).executeTakeFirst());
  return Number(r.numDeletedRows);
}

/** Deletes initial passwords nobody fetched in time (the nightly clean-up, as the jobs role). */
export async function purgeExpiredCredentials(db: Db, now = new Date()): Promise<number> {
  const r = await withJobs(db, (tx) => tx.deleteFrom('onboarding_credentials').where('expires_at', '<', now).executeTakeFirst());
  return Number(r.numDeletedRows);
}

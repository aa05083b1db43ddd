/**
 * The job worker: runs the queue (overdue sweep and reminders every 15 minutes and at start,
 * orphan-file clean-up nightly) apart from the API, which then runs with JOBS=off.
 *   node dist/worker.js          (pnpm --filter @fz/api worker in development)
 * Serves /healthz, /readyz and (with METRICS_TOKEN) /metrics on WORKER_PORT. Never migrates:
 * it waits for the schema the migration job or the API applies.
 */
import { createDb } from '@fz/db';
import { ConfigError, loadConfig } from './config.js';
import { calendarDate } from '@fz/domain';
import { startJobs } from './jobs/queue.js';
import type { Jobs } from './jobs/queue.js';
import { storageFor } from './storage/from-config.js';
import { buildHealthServer } from './ops/health-server.js';
import { waitForSchema } from './ops/wait-for-schema.js';
import { metrics } from './observability/metrics.js';
import { watchPool, watchQueue } from './observability/db-metrics.js';
import { describeTracing, tracingState } from './observability/tracing.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError('The worker needs PostgreSQL (DATABASE_URL): the embedded database belongs to a single process. With PGlite, leave JOBS=on in the API instead.');
  }
  for (const w of config.warnings) console.warn(`Warning: ${w}`);
  const handle = await createDb({ databaseUrl: config.databaseUrl, poolMax: config.poolMax });
  // Set once the queue runs; /readyz reads it before then.
  let jobs: Jobs | undefined = undefined;
  const server = buildHealthServer({ ping: handle.ping, started: () => jobs !== undefined, metricsToken: config.metricsToken, logLevel: config.logLevel });
  // Probes answer (not ready) while the schema is awaited.
  await server.listen({ port: config.workerPort, host: config.host });

  await waitForSchema(handle.db, server.log);
  const { storage, where, check } = storageFor(config);
  await check?.().catch((e: unknown) => server.log.warn({ err: e }, `evidence storage (${where}) is not reachable: orphan clean-up will fail and retry`));
  watchPool(metrics, handle);
  watchQueue(metrics, handle.db);
  jobs = await startJobs({ handle, storage, today: () => calendarDate(new Date()), log: server.log });

  const tracing = tracingState();
  server.log.info(
    { port: config.workerPort, storage: where, metrics: config.metricsToken !== undefined, tracing: tracing ? describeTracing(tracing) : 'off' },
    'job worker started: overdue sweep every 15 min and at start, orphan clean-up 03:30 Beijing time, onboarding imports as uploaded',
  );

  const shutdown = async () => {
    server.log.info('job worker stopping');
    // Running jobs get up to 10 s; an interrupted one is retried (each job is idempotent).
    await jobs?.stop();
    await server.close();
    if (tracing?.state === 'on') await tracing.stop();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});

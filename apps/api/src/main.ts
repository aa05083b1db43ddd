import { DEMO_PASSWORD, createDb, hasDemoUsers, migrateToLatest, seedDemo } from '@fz/db';
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { defaultServices } from './trpc/context.js';
import { findWebDist } from './http/web.js';
import { storageFor } from './storage/from-config.js';
import { startJobs } from './jobs/queue.js';
import { jobSender } from './jobs/onboarding-queue.js';
import { seedDemoEvidence } from './demo/evidence.js';
import { seedDemonstrationEvidence } from './demo/demonstration-evidence.js';
import type { Jobs } from './jobs/queue.js';
import { waitForSchema } from './ops/wait-for-schema.js';
import { metrics } from './observability/metrics.js';
import { watchPool, watchQueue } from './observability/db-metrics.js';
import { describeTracing, tracingState } from './observability/tracing.js';

async function main(): Promise<void> {
  const config = loadConfig();
  for (const w of config.warnings) console.warn(`Warning: ${w}`);
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.poolMax });
  const { db, kind, ping, close } = handle;
  const replica = config.replicaUrl ? await createDb({ databaseUrl: config.replicaUrl, poolMax: config.poolMax }) : undefined;
  // MIGRATE=off: the migration job applies them; wait for it (bounded) rather than crash-loop.
  if (config.migrate) await migrateToLatest(db);
  else await waitForSchema(db, console);
  const { storage, where: storedIn, check } = storageFor(config);
  let accounts: Awaited<ReturnType<typeof seedDemo>>['accounts'] = [];
  if (config.seedDemo) {
    accounts = (await seedDemo(db)).accounts;
    await seedDemoEvidence(db, storage);
    await seedDemonstrationEvidence(db, storage);
  } else if (config.env === 'production' && (await hasDemoUsers(db))) {
    throw new ConfigError('This production database contains demo accounts. Remove them, or set SEED_DEMO=true for a demo deployment.');
  }
  const webDist = findWebDist(config.webDist);
  // An unreachable bucket breaks uploads and downloads, not the rest: say so loudly, start anyway.
  await check?.().catch((e: unknown) => console.warn(`Evidence storage (${storedIn}) is not reachable: ${e instanceof Error ? e.message : String(e)}`));
  // Uploads queue onboarding imports for whichever process runs the jobs (this one, or the worker).
  const queue = jobSender(handle);
  const services = { ...defaultServices(db, { cookieSecure: config.cookieSecure, log: console, storage, replica: replica?.db }), queue };
  const app = await buildApp({ services, ping, webDist, logLevel: config.logLevel, metricsToken: config.metricsToken });
  watchPool(metrics, handle);
  let jobs: Jobs | undefined;
  if (config.jobs) {
    jobs = await startJobs({ handle, storage, today: services.today, log: app.log });
    // Deployment-wide queue and overdue figures come from the process that runs the jobs.
    watchQueue(metrics, db);
  }
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}/`;
  const where = kind === 'pglite' ? `embedded PGlite database in ${config.dataDir}` : `PostgreSQL (DATABASE_URL${replica ? '; dashboards read DATABASE_REPLICA_URL' : ''})`;
  const lines = [``, `法治政府建设督察平台 is running at ${url}`, `Database: ${where}`, `Evidence files: ${storedIn}`];
  lines.push(jobs ? 'Background jobs: overdue sweep every 15 min, orphan clean-up daily (JOBS=off to run them elsewhere)' : 'Background jobs: off (JOBS=off)');
  if (!webDist) lines.push('Web app not built: run `pnpm --filter @fz/web build` (pnpm start does this).');
  lines.push(config.metricsToken ? 'Metrics: /metrics (bearer METRICS_TOKEN)' : 'Metrics: off (set METRICS_TOKEN)');
  const tracing = tracingState();
  if (tracing) lines.push(describeTracing(tracing));
  else if (config.otel) lines.push('Tracing: OTEL_EXPORTER_OTLP_ENDPOINT is set but the tracing preload did not run: start with `node --import ./dist/tracing.js dist/main.js`.');
  if (accounts.length) {
    lines.push(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of accounts) lines.push(`  ${a.username.padEnd(12)} ${a.roles.join('+').padEnd(18)} ${a.jurisdictionName} · ${a.unitName}`);
  }
  console.info(lines.join('\n'));

  const shutdown = async () => {
    await app.close();
    await jobs?.stop();
    await queue.stop();
    if (tracing?.state === 'on') await tracing.stop();
    await close();
    await replica?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});

import path from 'node:path';
import { DEMO_PASSWORD, createDb, hasDemoUsers, migrateToLatest, seedDemo } from '@fz/db';
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { defaultServices } from './trpc/context.js';
import { findWebDist } from './http/web.js';
import { LocalDiskStorage } from './storage/local-disk.js';
import { S3Storage } from './storage/s3.js';
import type { Storage } from './storage/storage.js';
import type { AppConfig } from './config.js';
import { startJobs } from './jobs/queue.js';
import { seedDemoEvidence } from './demo/evidence.js';
import type { Jobs } from './jobs/queue.js';

function storageFor(config: AppConfig): { storage: Storage; where: string; check?: () => Promise<void> } {
  if (config.storage.kind === 's3') {
    const s3 = new S3Storage(config.storage.s3);
    return { storage: s3, where: `S3 bucket ${config.storage.s3.bucket} at ${config.storage.s3.endpoint}`, check: () => s3.checkBucket() };
  }
  const root = path.join(config.dataDir, 'attachments');
  return { storage: new LocalDiskStorage(root), where: root };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { db, kind, ping, close } = handle;
  await migrateToLatest(db);
  const { storage, where: storedIn, check } = storageFor(config);
  let accounts: Awaited<ReturnType<typeof seedDemo>>['accounts'] = [];
  if (config.seedDemo) {
    accounts = (await seedDemo(db)).accounts;
    await seedDemoEvidence(db, storage);
  } else if (config.env === 'production' && (await hasDemoUsers(db))) {
    throw new ConfigError('This production database contains demo accounts. Remove them, or set SEED_DEMO=true for a demo deployment.');
  }
  const webDist = findWebDist(config.webDist);
  // An unreachable bucket breaks uploads and downloads, not the rest: say so loudly, start anyway.
  await check?.().catch((e: unknown) => console.warn(`Evidence storage (${storedIn}) is not reachable: ${e instanceof Error ? e.message : String(e)}`));
  const services = defaultServices(db, { cookieSecure: config.cookieSecure, log: console, storage });
  const app = await buildApp({ services, ping, webDist, logLevel: config.logLevel });
  let jobs: Jobs | undefined;
  if (config.jobs) jobs = await startJobs({ handle, storage, today: services.today, log: app.log });
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}/`;
  const where = kind === 'pglite' ? `embedded PGlite database in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [``, `法治政府建设督察平台 is running at ${url}`, `Database: ${where}`, `Evidence files: ${storedIn}`];
  lines.push(jobs ? 'Background jobs: overdue sweep every 15 min, orphan clean-up daily (JOBS=off to run them elsewhere)' : 'Background jobs: off (JOBS=off)');
  if (!webDist) lines.push('Web app not built: run `pnpm --filter @fz/web build` (pnpm start does this).');
  if (accounts.length) {
    lines.push(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of accounts) lines.push(`  ${a.username.padEnd(12)} ${a.roles.join('+').padEnd(18)} ${a.jurisdictionName} · ${a.unitName}`);
  }
  console.info(lines.join('\n'));

  const shutdown = async () => {
    await app.close();
    await jobs?.stop();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});

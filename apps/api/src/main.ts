import path from 'node:path';
import { DEMO_PASSWORD, createDb, hasDemoUsers, migrateToLatest, seedDemo } from '@fz/db';
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { defaultServices } from './trpc/context.js';
import { findWebDist } from './http/web.js';
import { LocalDiskStorage } from './storage/local-disk.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { db, kind, ping, close } = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(db);
  let accounts: Awaited<ReturnType<typeof seedDemo>>['accounts'] = [];
  if (config.seedDemo) {
    accounts = (await seedDemo(db)).accounts;
  } else if (config.env === 'production' && (await hasDemoUsers(db))) {
    throw new ConfigError('This production database contains demo accounts. Remove them, or set SEED_DEMO=true for a demo deployment.');
  }
  const webDist = findWebDist(config.webDist);
  const storage = new LocalDiskStorage(path.join(config.dataDir, 'attachments'));
  const services = defaultServices(db, { cookieSecure: config.cookieSecure, log: console, storage });
  const app = await buildApp({ services, ping, webDist, logLevel: config.logLevel });
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}/`;
  const where = kind === 'pglite' ? `embedded PGlite database in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [``, `法治政府建设督察平台 is running at ${url}`, `Database: ${where}`];
  if (!webDist) lines.push('Web app not built: run `pnpm --filter @fz/web build` (pnpm start does this).');
  if (accounts.length) {
    lines.push(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of accounts) lines.push(`  ${a.username.padEnd(12)} ${a.roles.join('+').padEnd(18)} ${a.jurisdictionName} · ${a.unitName}`);
  }
  console.info(lines.join('\n'));

  const shutdown = async () => {
    await app.close();
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

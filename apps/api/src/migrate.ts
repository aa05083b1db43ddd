/**
 * Applies pending migrations and exits: the migration job of an upgrade (Kubernetes Job
 * fz-migrate, or `docker compose run --rm api node dist/migrate.js`), run before the new
 * release's API and worker start with MIGRATE=off. Connects as the owner role (DATABASE_URL).
 */
import { createDb, migrateToLatest } from '@fz/db';
import { ConfigError, loadConfig } from './config.js';
import { schemaProblem, schemaStatus } from './ops/schema-status.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL is required: the migration job migrates PostgreSQL.');
  const handle = await createDb({ databaseUrl: config.databaseUrl, poolMax: 2 });
  try {
    const before = await schemaStatus(handle.db);
    // A newer database than this release: applying nothing is right, but say so and fail the job.
    if (before.unknown.length > 0) throw new ConfigError(schemaProblem(before) ?? '');
    const results = await migrateToLatest(handle.db);
    console.info(results.length === 0 ? 'Database schema already up to date.' : `Applied ${results.map((r) => r.migrationName).join(', ')}.`);
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});

import { Migrator } from 'kysely';
import type { Kysely, MigrationResult } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/** Every migration by name, in application order. */
export const MIGRATIONS = migrations;

function migrator(db: Kysely<Database>): Migrator {
  // A static provider (no directory scan) so the migrations survive bundling.
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...migrations }) } });
}

/**
 * Applies every pending migration in one transaction (PostgreSQL DDL is transactional) under
 * Kysely's migration lock, so replicas starting together do not race. Returns what ran
 * (empty when already up to date); throws naming the migration that failed.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const { error, results = [] } = await migrator(db).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? '(migration set-up)';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed} failed: ${reason}`, { cause: error });
  }
  return results;
}

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export * from './schema.js';
export * from './schema-rollups.js';
export { ROLLUP_SPECS, rebuildRollups, rollupDifferences } from './rollups/check.js';
export type { RollupDifference } from './rollups/check.js';
export * from './schema-demonstration.js';
export * from './schema-plans.js';
export * from './schema-reporting.js';
export * from './schema-onboarding.js';
export { createDb } from './create-db.js';
export { PREPARED } from './prepared.js';
export type { DbConfig, DbHandle, PoolStats, SqlResult } from './create-db.js';
export { MIGRATIONS, migrateToLatest } from './migrate.js';
export { APP_ROLE, JOBS_ROLE, withJobs, withScope, withSystem, writeAudit } from './scope.js';
export type { AuditEntry, DbScope, ScopeOptions } from './scope.js';
export * from './seed/index.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

import type { Db } from '@fz/db';
import type { Logger } from '../trpc/context.js';
import { ConfigError } from '../config.js';
import { schemaProblem, schemaStatus } from './schema-status.js';

/**
 * Waits until the schema matches this release (the migration job or the API applies it), so a
 * worker started alongside them neither runs on an old schema nor crash-loops. Throws the last
 * problem (a ConfigError: printed without a stack) after `timeoutMs`.
 */
export async function waitForSchema(db: Db, log: Logger, opts: { timeoutMs?: number; everyMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  let told = false;
  for (;;) {
    const status = await schemaStatus(db);
    const problem = schemaProblem(status);
    if (problem === null) return;
    // A newer schema will not become older by waiting.
    if (status.unknown.length > 0 || Date.now() >= deadline) throw new ConfigError(problem);
    if (!told) log.warn({ problem }, 'waiting for the database schema');
    told = true;
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 2000));
  }
}

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@fz/db';
import { createTestDatabase } from '@fz/db/testing';
import { schemaStatus } from '../src/ops/schema-status.js';
import { waitForSchema } from '../src/ops/wait-for-schema.js';
import { silentLog } from './helpers.js';

let env: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  env = await createTestDatabase();
});
afterAll(() => env?.close());

const last = Object.keys(MIGRATIONS).sort().at(-1)!;

describe('the schema check of processes that do not migrate (MIGRATE=off, the worker)', () => {
  it('finds a migrated database up to date and starts at once', async () => {
    expect(await schemaStatus(env.db)).toEqual({ pending: [], unknown: [] });
    await expect(waitForSchema(env.db, silentLog, { timeoutMs: 0 })).resolves.toBeUndefined();
  });

  it('waits for a pending migration, then names it', async () => {
    const { rows } = await sql<{ name: string; timestamp: string }>`delete from kysely_migration where name = ${last} returning name, timestamp`.execute(env.db);
    try {
      expect(await schemaStatus(env.db)).toEqual({ pending: [last], unknown: [] });
      await expect(waitForSchema(env.db, silentLog, { timeoutMs: 300, everyMs: 100 })).rejects.toThrow(`The database schema is behind this release (pending: ${last})`);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${rows[0]!.name}, ${rows[0]!.timestamp})`.execute(env.db);
    }
  });

  it('refuses at once a database migrated by a newer release', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('2099010101_future', ${new Date().toISOString()})`.execute(env.db);
    // Waiting out this timeout would outlast the test's own: only an immediate refusal passes.
    await expect(waitForSchema(env.db, silentLog, { timeoutMs: 600_000 })).rejects.toThrow(/migrations this release does not know \(2099010101_future\)/);
  });
});

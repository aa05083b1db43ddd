import { Migrator, sql } from 'kysely';
import { MIGRATIONS } from '@fz/db';
import type { Db } from '@fz/db';

export interface SchemaStatus {
  /** This release's migrations not yet applied, in order. */
  pending: string[];
  /** Applied migrations this release does not know (the database is newer than the code). */
  unknown: string[];
}

/** Compares the database's migration table with this release's migrations. */
export async function schemaStatus(db: Db): Promise<SchemaStatus> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) } });
  const pending = (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db).catch(() => ({ rows: [] as Array<{ name: string }> }));
  const unknown = rows.map((r) => r.name).filter((n) => !(n in MIGRATIONS));
  return { pending, unknown };
}

/** Why a process that does not migrate must not start on this schema, or null when it may. */
export function schemaProblem(s: SchemaStatus): string | null {
  if (s.unknown.length > 0) return `The database has migrations this release does not know (${s.unknown.join(', ')}): it belongs to a newer release.`;
  if (s.pending.length > 0) return `The database schema is behind this release (pending: ${s.pending.join(', ')}). Run the migration job first (node dist/migrate.js, the fz-migrate Job), or start with MIGRATE=on.`;
  return null;
}

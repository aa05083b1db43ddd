import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { LEVELS } from '@fz/domain';
import type { Level } from '@fz/domain';
import type { Database, NewAuditLogRow } from './schema.js';
import { PREPARED } from './prepared.js';

/** The role every request runs as: no BYPASSRLS, not the owner, so the RLS policies apply. */
export const APP_ROLE = 'fz_app';

export interface DbScope {
  userId: number;
  level: Level;
  jurisdictionId: number;
}

export interface ScopeOptions {
  /** START TRANSACTION READ ONLY: the server refuses any write (what a read replica would do anyway). */
  readOnly?: boolean;
}

function positiveInt(name: string, value: number): string {
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`withScope: ${name} must be a positive integer (got ${value})`);
  return String(value);
}

/**
 * Runs `fn` in one transaction as APP_ROLE with the request's scope, so RLS limits every
 * statement to the scope's subtree whatever SQL `fn` sends. All four scope settings are set
 * (the unused ones to '') and only transaction-locally: nothing survives COMMIT on a pooled
 * connection.
 */
export async function withScope<T>(db: Kysely<Database>, scope: DbScope, fn: (tx: Transaction<Database>) => Promise<T>, opts: ScopeOptions = {}): Promise<T> {
  if (!LEVELS.includes(scope.level)) throw new Error(`withScope: unknown level ${String(scope.level)}`);
  const userId = positiveInt('userId', scope.userId);
  const id = positiveInt('jurisdictionId', scope.jurisdictionId);
  const at = (level: Level) => (scope.level === level ? id : '');
  const begin = opts.readOnly ? db.transaction().setAccessMode('read only') : db.transaction();
  return begin.execute(async (tx) => {
    // set_config('role', …, true) is SET LOCAL ROLE; one statement for role and scope saves a
    // round trip on every request.
    await sql`select set_config('role', ${APP_ROLE}, true), set_config('app.user_id', ${userId}, true),
      set_config('app.scope_province', ${at('province')}, true), set_config('app.scope_city', ${at('city')}, true),
      set_config('app.scope_county', ${at('county')}, true), set_config('app.scope_township', ${at('township')}, true)`.execute(tx);
    return fn(tx);
  });
}

/**
 * The role of background jobs (overdue sweep, reminders, orphan clean-up): it sees every tenant
 * but may only read items, set `overdue_since`, append events, audit rows and notices, and read
 * attachments' storage keys. Not the owner, no BYPASSRLS: its policies say what it sees.
 */
export const JOBS_ROLE = 'fz_jobs';

/** Runs `fn` in one transaction as JOBS_ROLE: no request, no user, every tenant. Never reachable from a request. */
export async function withJobs<T>(db: Kysely<Database>, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`set local role ${sql.raw(JOBS_ROLE)}`.execute(tx);
    return fn(tx);
  });
}

/** A plain transaction as the connecting (owner) role, unrestricted: login, sessions, seeding. */
export async function withSystem<T>(db: Kysely<Database>, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

type AuditJsonColumn = 'before' | 'after';

/**
 * An audit row. `before`/`after` take any JSON-serialisable value; a string is taken as JSON
 * text already serialised (the column's insert type in NewAuditLogRow), so callers that
 * stringify first are not double-encoded.
 */
export type AuditEntry = Omit<NewAuditLogRow, AuditJsonColumn> & { [K in AuditJsonColumn]?: unknown };

function jsonText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Appends an audit row in the caller's transaction (so it commits or rolls back with the change); returns its id. */
export async function writeAudit(tx: Kysely<Database>, row: AuditEntry): Promise<string> {
  const { id } = await tx
    .insertInto('audit_log')
    .values({ ...row, before: jsonText(row.before), after: jsonText(row.after) })
    .returning('id')
    // Every mutation writes one: planned once per connection (one text per set of columns given).
    .modifyEnd(sql.raw(PREPARED))
    .executeTakeFirstOrThrow();
  return id;
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '@fz/db';

/**
 * The seed documents beside the repository (../shared/seeds, as CI has it), else the copies in
 * fixtures/seeds (a clone on its own); packages/domain's seeds-copy test keeps the two identical.
 */
export function seedText(name: string): string {
  const shared = fileURLToPath(new URL(`../../../../shared/seeds/${name}`, import.meta.url));
  const copy = fileURLToPath(new URL(`../../../fixtures/seeds/${name}`, import.meta.url));
  return readFileSync(existsSync(shared) ? shared : copy, 'utf8');
}

export const HEDONG_PLAN = 'hedong-2022-implementation-plan.txt';

/** Numbers as strings, sorted as numbers. */
export const byNumber = (a: string, b: string) => Number(a) - Number(b);

/** Rows of `table` whose `column` equals `value`, as the system sees them. */
export async function countRows(db: Db, table: 'plan_assignments' | 'plan_reminders' | 'plan_reports' | 'audit_log', column: 'plan_id' | 'action', value: number | string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(db);
  return Number(rows[0]?.n);
}

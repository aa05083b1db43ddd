import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '@fz/db';

/** The seed documents beside the repository (../shared/seeds), as on a clean clone. */
export function seedText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../../shared/seeds/${name}`, import.meta.url)), 'utf8');
}

export const HEDONG_PLAN = 'hedong-2022-implementation-plan.txt';

/** Numbers as strings, sorted as numbers. */
export const byNumber = (a: string, b: string) => Number(a) - Number(b);

/** Rows of `table` whose `column` equals `value`, as the system sees them. */
export async function countRows(db: Db, table: 'plan_assignments' | 'plan_reminders' | 'plan_reports' | 'audit_log', column: 'plan_id' | 'action', value: number | string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(db);
  return Number(rows[0]?.n);
}

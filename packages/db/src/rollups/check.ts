import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A rollup table, its key columns and its counters (see migration 2026112502_rollups). */
interface RollupSpec {
  table: 'item_rollup_counts' | 'item_rollup_months' | 'item_rollup_due';
  expected: string;
  keys: readonly string[];
  counters: readonly string[];
}

const STATUS_COLUMNS = ['issued', 'acknowledged', 'in_progress', 'closure_requested', 'returned', 'closed', 'ongoing'] as const;
const TYPE_COLUMNS = ['rule_of_law', 'special', 'case_file_review', 'unannounced', 'onsite'] as const;

export const ROLLUP_SPECS: readonly RollupSpec[] = [
  { table: 'item_rollup_counts', expected: 'item_rollup_expected_counts', keys: ['node_id', 'year', 'inspection_type'], counters: [...STATUS_COLUMNS, 'overdue', 'flagged', 'extension_pending', 'closed_on_time'] },
  { table: 'item_rollup_months', expected: 'item_rollup_expected_months', keys: ['node_id', 'month', 'inspection_type'], counters: ['created', 'closed', 'closed_on_time'] },
  { table: 'item_rollup_due', expected: 'item_rollup_expected_due', keys: ['node_id', 'yellow_from', 'deadline', 'year'], counters: TYPE_COLUMNS },
];

type Row = Record<string, unknown>;

/** One key whose stored counters differ from the recomputation (null: no row / all zero). */
export interface RollupDifference {
  table: RollupSpec['table'];
  key: Row;
  stored: Row | null;
  expected: Row | null;
}

/** Rows whose counters are all zero mean "nothing here": the triggers leave them behind when items move away. */
const nonZero = (s: RollupSpec) => sql.raw(s.counters.map((c) => `${c} <> 0`).join(' or '));

async function differencesIn(tx: Kysely<Database>, s: RollupSpec): Promise<RollupDifference[]> {
  const stored = sql.raw(`(select * from ${s.table} where `);
  const expected = sql.raw(`(select * from ${s.expected}())`);
  const { rows } = await sql<{ side: 'stored' | 'expected'; row: Row }>`
    select 'stored' as side, to_jsonb(x) as row from (${stored}${nonZero(s)}) except ${expected}) x
    union all
    select 'expected', to_jsonb(x) from (${expected} except ${stored}${nonZero(s)})) x`.execute(tx);
  const byKey = new Map<string, RollupDifference>();
  for (const { side, row } of rows) {
    const key = Object.fromEntries(s.keys.map((k) => [k, row[k]]));
    const id = JSON.stringify(key);
    const d = byKey.get(id) ?? { table: s.table, key, stored: null, expected: null };
    d[side] = Object.fromEntries(s.counters.map((c) => [c, row[c]]));
    byKey.set(id, d);
  }
  return [...byKey.values()];
}

/**
 * Every difference between the rollup tables and a recomputation from the base rows, read in
 * one REPEATABLE READ snapshot: triggers update rollups in the writing transaction, so a
 * consistent snapshot must agree even while writes go on.
 */
export async function rollupDifferences(db: Kysely<Database>): Promise<RollupDifference[]> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const all: RollupDifference[] = [];
      for (const s of ROLLUP_SPECS) all.push(...(await differencesIn(tx, s)));
      return all;
    });
}

/**
 * Rebuilds every rollup table from the base rows. Item and light-rule writes wait (SHARE
 * locks) until it commits, so nothing changes between the recomputation and the swap.
 * Returns the rows written per table.
 */
export async function rebuildRollups(db: Kysely<Database>): Promise<Record<RollupSpec['table'], number>> {
  return db.transaction().execute(async (tx) => {
    await sql`lock table rectification_items, light_rules, inspections in share mode`.execute(tx);
    const written = {} as Record<RollupSpec['table'], number>;
    for (const s of ROLLUP_SPECS) {
      await sql.raw(`delete from ${s.table}`).execute(tx);
      const r = await sql.raw(`insert into ${s.table} select * from ${s.expected}()`).execute(tx);
      written[s.table] = Number(r.numAffectedRows ?? 0);
    }
    return written;
  });
}

import { describe, expect, it } from 'vitest';
import { routingOf, scansOf } from '../bench/explain-plan.js';
import type { PlanNode } from '../bench/explain-plan.js';

/** The plan reader behind `pnpm bench:explain` and docs/scale-out.md, on plans shaped as PostgreSQL prints them. */
const scan = (table: string, cond: Partial<PlanNode> = {}): PlanNode => ({ 'Node Type': 'Index Scan', 'Relation Name': table, ...cond });

describe('routing a plan the way the Citus router would', () => {
  it('a county predicate on every distributed table is one shard, whatever the reference tables do', () => {
    const plan: PlanNode = {
      'Node Type': 'Nested Loop',
      Plans: [scan('rectification_items', { 'Index Cond': '(county_id = 371312)', Filter: "(status = 'in_progress'::text)" }), scan('units', { 'Index Cond': '(id = r.unit_id)' })],
    };
    expect(routingOf(scansOf(plan))).toBe('single-shard');
  });

  it('an RLS filter on the scope setting is not a constant the router can hash: fan-out', () => {
    const rlsOnly = scan('item_rollup_counts', { 'Node Type': 'Seq Scan', Filter: '((province_id = $0) OR (city_id = $1) OR (county_id = $2))' });
    expect(routingOf(scansOf(rlsOnly))).toBe('fan-out');
    // A constant inside an OR restricts nothing either; beside it (AND) it does.
    expect(routingOf(scansOf(scan('item_rollup_counts', { Filter: '((county_id = 371312) OR (city_id = 3713))' })))).toBe('fan-out');
    expect(routingOf(scansOf(scan('item_rollup_counts', { 'Index Cond': '(county_id = 371312)', Filter: '((province_id = $0) OR (county_id = $2))' })))).toBe('single-shard');
    expect(routingOf(scansOf(scan('item_rollup_counts', { Filter: '(province_id = 37)' })))).toBe('fan-out');
  });

  it('a lookup by primary key needs the county added; an update is judged by the scan under it', () => {
    const update: PlanNode = { 'Node Type': 'ModifyTable', Operation: 'Update', 'Relation Name': 'rectification_items', Plans: [scan('rectification_items', { 'Index Cond': '(id = 42)' })] };
    expect(routingOf(scansOf(update))).toBe('single-shard-with-county');
    const withCounty: PlanNode = { ...update, Plans: [scan('rectification_items', { 'Index Cond': '(id = 42)', Filter: '(county_id = 371312)' })] };
    expect(routingOf(scansOf(withCounty))).toBe('single-shard');
  });

  it('an insert is one shard only when it supplies the county column', () => {
    const insert: PlanNode = { 'Node Type': 'ModifyTable', Operation: 'Insert', 'Relation Name': 'audit_log', Plans: [{ 'Node Type': 'Result' }] };
    expect(routingOf(scansOf(insert), true)).toBe('single-shard');
    expect(routingOf(scansOf(insert), false)).toBe('single-shard-with-county');
  });

  it('statements on reference tables only are marked so', () => {
    expect(routingOf(scansOf(scan('jurisdictions', { 'Index Cond': '(id = 37)' })))).toBe('reference-only');
    expect(routingOf(scansOf(scan('sessions', { 'Index Cond': "(token_hash = 'x'::text)" })))).toBe('reference-only');
  });
});

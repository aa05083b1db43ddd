/**
 * Reads a PostgreSQL plan (EXPLAIN (FORMAT JSON)) the way Citus's router planner would decide:
 * can this statement go to the one shard of a county, or must it fan out to every shard?
 * docs/scale-out.md: tables of rectification work are distributed by the county; jurisdictions,
 * units, users and indicator systems are reference tables (a copy on every node).
 */

/** Tables distributed by the county (`dist_key` = county_id, or the node's own id above county level). */
export const DISTRIBUTED = new Set([
  'rectification_items',
  'item_events',
  'attachments',
  'notices',
  'notice_receipts',
  'item_rollup_counts',
  'item_rollup_months',
  'item_rollup_due',
  'audit_log',
  'plan_assignments',
  'plan_reports',
  'metric_values',
  'applications',
  'assessments',
]);

export type Routing =
  /** Every distributed table is reached through `county_id = <value>`: one shard. */
  | 'single-shard'
  /** Reached by primary key only: one shard once the query also names the county (the API knows it). */
  | 'single-shard-with-county'
  /** No county predicate on some distributed table: every shard is asked. */
  | 'fan-out'
  /** Touches no distributed table (reference tables, sessions, settings). */
  | 'reference-only';

export interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Join Filter'?: string;
  Operation?: string;
  Plans?: PlanNode[];
}

export interface Scan {
  table: string;
  /** The plan node's type; `ModifyTable` carries the statement's `operation`. */
  node: string;
  operation?: string;
  conditions: string;
}

/** Every scan or modification of a table in the plan, with the conditions printed on it. */
export function scansOf(plan: PlanNode): Scan[] {
  const own = plan['Relation Name']
    ? [{ table: plan['Relation Name'], node: plan['Node Type'] ?? '', operation: plan.Operation, conditions: [plan['Index Cond'], plan['Recheck Cond'], plan.Filter].filter(Boolean).join(' AND ') }]
    : [];
  return [...own, ...(plan.Plans ?? []).flatMap(scansOf)];
}

/**
 * `county_id = 371312`: a constant the router can hash. Bind parameters are printed as their
 * values in these plans; `$0`, `$1` are sub-plan results (RLS's current_setting look-ups), which
 * the router cannot use.
 */
const COUNTY_CONSTANT = /\bcounty_id = '?\d+'?/;
/** A lookup by the primary key or another unique id, with a constant. */
const BY_ID = /\b(?:id|item_id|node_id|notice_id|value_id|application_id) = '?\d+'?/;

/** The conditions with every parenthesised OR replaced by `?`: a predicate inside an OR restricts nothing. */
export function withoutDisjunctions(text: string): string {
  let prev: string;
  let out = text;
  do {
    prev = out;
    out = out.replace(/\(([^()]*)\)/g, (_m, inner: string) => (inner.includes(' OR ') ? '?' : `\u27e8${inner}\u27e9`));
  } while (out !== prev);
  return out.replaceAll('\u27e8', '(').replaceAll('\u27e9', ')');
}

const RANK: Routing[] = ['reference-only', 'single-shard', 'single-shard-with-county', 'fan-out'];
const worst = (a: Routing, b: Routing): Routing => (RANK.indexOf(a) >= RANK.indexOf(b) ? a : b);

function scanRouting(s: Scan): Routing {
  const conjuncts = withoutDisjunctions(s.conditions);
  if (COUNTY_CONSTANT.test(conjuncts)) return 'single-shard';
  if (BY_ID.test(conjuncts)) return 'single-shard-with-county';
  return 'fan-out';
}

/**
 * How a statement would be routed: the worst of its distributed scans. UPDATE and DELETE find
 * their rows through the scans below their ModifyTable node; an INSERT … VALUES has no scan and
 * goes to one shard when it supplies the county column (`insertsCounty`), else the API must add it.
 */
export function routingOf(scans: Scan[], insertsCounty = false): Routing {
  const distributed = scans.filter((s) => DISTRIBUTED.has(s.table));
  if (distributed.length === 0) return 'reference-only';
  let r: Routing = 'single-shard';
  for (const s of distributed) {
    if (s.node !== 'ModifyTable') r = worst(r, scanRouting(s));
    else if (s.operation === 'Insert') r = worst(r, insertsCounty ? 'single-shard' : 'single-shard-with-county');
  }
  return r;
}

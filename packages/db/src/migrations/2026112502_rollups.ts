import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Migrations are frozen history: they must not depend on today's schema types or app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Dashboard rollups (#5): pre-aggregated counts of rectification items per jurisdiction node,
 * kept by statement-level triggers on rectification_items in the same transaction as every
 * write (whatever code path makes it), so a province or national view reads a few hundred
 * small rows instead of millions of items. Three tables, one row per node of the item's
 * ancestor chain (province, city, county, township):
 *
 * - item_rollup_counts (node × issue year × inspection type): items per status, open items
 *   marked overdue by the sweep, open flagged items, pending extensions, closed on time;
 * - item_rollup_months (node × inspection type × month): issued, closed, closed on time;
 * - item_rollup_due (node × issue year × yellow_from × deadline): open items not yet marked
 *   overdue, per inspection type, by the day they turn yellow and their deadline, so the
 *   yellow and not-yet-swept red counts are exact for any "today" a dashboard asks about.
 *
 * Statuses and inspection types are columns rather than key parts: a dashboard sums a node's
 * few rows, and a status change updates one row instead of two. Also: ledger indexes for keyset
 * pages by deadline at province and city level. See docs/decisions.md (#24).
 */

/** The domain's default yellow threshold (DEFAULT_LIGHT_RULE): a test checks they agree. */
const DEFAULT_YELLOW_DAYS = 7;
const BEIJING = `'Asia/Shanghai'`;
/** ITEM_STATUSES and INSPECTION_TYPES as of this migration (frozen: a new one needs a migration). */
const STATUSES = ['issued', 'acknowledged', 'in_progress', 'closure_requested', 'returned', 'closed', 'ongoing'];
const INSPECTION_TYPES = ['rule_of_law', 'special', 'case_file_review', 'unannounced', 'onsite'];

interface RollupTable {
  name: string;
  /** Key columns besides the node's, with their types, in table order. */
  keys: Array<[string, string]>;
  counters: string[];
  primaryKey: string;
}
const COUNTS: RollupTable = {
  name: 'item_rollup_counts',
  keys: [['year', 'smallint'], ['inspection_type', 'text']],
  counters: [...STATUSES, 'overdue', 'flagged', 'extension_pending', 'closed_on_time'],
  primaryKey: 'node_id, year, inspection_type',
};
const MONTHS: RollupTable = {
  name: 'item_rollup_months',
  keys: [['inspection_type', 'text'], ['month', 'date']],
  counters: ['created', 'closed', 'closed_on_time'],
  primaryKey: 'node_id, month, inspection_type',
};
const DUE: RollupTable = {
  name: 'item_rollup_due',
  keys: [['year', 'smallint'], ['yellow_from', 'date'], ['deadline', 'date']],
  counters: INSPECTION_TYPES,
  primaryKey: 'node_id, yellow_from, deadline, year',
};
const ROLLUPS = [COUNTS, MONTHS, DUE];

const tables = ROLLUPS.map(
  (t) => `create table ${t.name} (
  node_id integer not null,
  parent_id integer,
  province_id integer not null,
  city_id integer,
  county_id integer,
  township_id integer,
  ${t.keys.map(([k, type]) => `${k} ${type} not null`).join(',\n  ')},
  ${t.counters.map((c) => `${c} integer not null default 0`).join(',\n  ')},
  primary key (${t.primaryKey})
)`,
);

/**
 * One row per node of an item's ancestor chain: the node, its parent and the node's own
 * ancestor columns (what RLS filters on). Nulls below the item's level drop out.
 */
const NODES = `cross join lateral (values
    (i.province_id, null::integer, i.province_id, null::integer, null::integer, null::integer),
    (i.city_id, i.province_id, i.province_id, i.city_id, null, null),
    (i.county_id, i.city_id, i.province_id, i.city_id, i.county_id, null),
    (i.township_id, i.county_id, i.province_id, i.city_id, i.county_id, i.township_id)
  ) n(node_id, parent_id, province_id, city_id, county_id, township_id)`;
const NODE = 'n.node_id, n.parent_id, n.province_id, n.city_id, n.county_id, n.township_id';
const NODE_KEYS = 'node_id, parent_id, province_id, city_id, county_id, township_id';

const OPEN = `i.status <> 'closed'`;
const YEAR = `extract(year from i.created_at at time zone ${BEIJING})::smallint`;
const ON_TIME = `(i.status = 'closed' and (i.closed_at at time zone ${BEIJING})::date <= i.deadline)`;
const month = (col: string) => `date_trunc('month', i.${col} at time zone ${BEIJING})::date`;
const YELLOW_DAYS = `coalesce(r.yellow_within_days, ${DEFAULT_YELLOW_DAYS})`;

/** What the items of `src` add to item_rollup_counts, times `sign`: one count per status column. */
const countRows = (src: string, sign: string) => `select ${NODE}, ${YEAR} as year, s.type as inspection_type,
    ${STATUSES.map((st) => `${sign} * (i.status = '${st}')::int as ${st}`).join(',\n    ')},
    ${sign} * (${OPEN} and i.overdue_since is not null)::int as overdue,
    ${sign} * (${OPEN} and i.flagged)::int as flagged,
    ${sign} * (i.pending_extension_deadline is not null)::int as extension_pending,
    ${sign} * ${ON_TIME}::int as closed_on_time
  from ${src} i join inspections s on s.id = i.inspection_id ${NODES}
  where n.node_id is not null`;

/** What the items of `src` add to item_rollup_months: issued in the month of creation, closed in the month of closure. */
const monthRows = (src: string, sign: string) => `select ${NODE}, s.type as inspection_type, ${month('created_at')} as month,
    ${sign} as created, 0 as closed, 0 as closed_on_time
  from ${src} i join inspections s on s.id = i.inspection_id ${NODES}
  where n.node_id is not null
  union all
  select ${NODE}, s.type, ${month('closed_at')}, 0, ${sign}, ${sign} * ${ON_TIME}::int
  from ${src} i join inspections s on s.id = i.inspection_id ${NODES}
  where n.node_id is not null and i.status = 'closed'`;

/** What the open, not-yet-swept items of `src` add to item_rollup_due (a count in their inspection type's column); `days` is the yellow threshold. */
const dueRows = (src: string, sign: string, days = YELLOW_DAYS, extraWhere = '') => `select ${NODE}, ${YEAR} as year,
    i.deadline - ${days} as yellow_from, i.deadline,
    ${INSPECTION_TYPES.map((t) => `${sign} * (s.type = '${t}')::int as ${t}`).join(', ')}
  from ${src} i join inspections s on s.id = i.inspection_id
  left join light_rules r on r.jurisdiction_id = i.supervising_jurisdiction_id ${NODES}
  where n.node_id is not null and ${OPEN} and i.overdue_since is null ${extraWhere}`;

/** The contributions of `parts` (union all) summed per key: what the table should hold for them. */
function summed(t: RollupTable, parts: string[], dropZero: boolean): string {
  const keys = [NODE_KEYS, ...t.keys.map(([k]) => k)].join(', ');
  const sums = t.counters.map((c) => `sum(${c})::int as ${c}`).join(', ');
  const nonZero = t.counters.map((c) => `sum(${c}) <> 0`).join(' or ');
  return `select ${keys}, ${sums} from (${parts.join('\nunion all\n')}) c group by ${keys}${dropZero ? ` having ${nonZero}` : ''}`;
}

/**
 * Adds the summed delta of `parts` to `t`. Rows are locked in key order (node ids rise from
 * province to township), so two transactions applying one delta each cannot deadlock.
 */
function applyDelta(t: RollupTable, parts: string[]): string {
  const pk = t.primaryKey;
  const cols = [NODE_KEYS, ...t.keys.map(([k]) => k), ...t.counters].join(', ');
  const add = t.counters.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ');
  return `insert into ${t.name} as t (${cols})
  ${summed(t, parts, true)}
  order by ${pk}
  on conflict (${pk}) do update set ${add}`;
}

const deltas = (newSrc: string | null, oldSrc: string | null) => {
  const both = (f: (src: string, sign: string) => string) => [...(newSrc ? [f(newSrc, '1')] : []), ...(oldSrc ? [f(oldSrc, '-1')] : [])];
  return [applyDelta(COUNTS, both(countRows)), applyDelta(MONTHS, both(monthRows)), applyDelta(DUE, both(dueRows))];
};

/** Columns a rollup depends on: an update that changes none of them (a progress note, measures) changes no rollup. */
const ROLLUP_INPUTS = [
  'status', 'flagged', 'overdue_since', 'deadline', 'closed_at', 'pending_extension_deadline is null', 'created_at', 'inspection_id',
  'supervising_jurisdiction_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id',
];
const changedRows = `select 1 from old_rows o join new_rows n on n.id = o.id
    where (${ROLLUP_INPUTS.map((c) => `o.${c}`).join(', ')}) is distinct from (${ROLLUP_INPUTS.map((c) => `n.${c}`).join(', ')})`;

// SECURITY DEFINER: only these triggers write rollups (fz_app and fz_jobs may only read or
// nothing), and the sweep's role needs no grant. search_path is pinned as for every definer.
const definer = `language plpgsql security definer set search_path = pg_catalog, public`;

const triggers = [
  `create function item_rollups_after_insert() returns trigger ${definer} as $$
begin
  ${deltas('new_rows', null).join(';\n  ')};
  return null;
end $$`,
  `create function item_rollups_after_update() returns trigger ${definer} as $$
begin
  if not exists (${changedRows}) then
    return null;
  end if;
  ${deltas('new_rows', 'old_rows').join(';\n  ')};
  return null;
end $$`,
  `create function item_rollups_after_delete() returns trigger ${definer} as $$
begin
  ${deltas(null, 'old_rows').join(';\n  ')};
  return null;
end $$`,
  ...['insert', 'update', 'delete'].map((op) => {
    const refs = op === 'insert' ? 'new table as new_rows' : op === 'update' ? 'old table as old_rows new table as new_rows' : 'old table as old_rows';
    return `create trigger rectification_items_rollups_${op} after ${op} on rectification_items
  referencing ${refs} for each statement execute function item_rollups_after_${op}()`;
  }),

  // A changed yellow threshold moves the supervised open items to other yellow_from days.
  `create function item_rollups_after_light_rule() returns trigger ${definer} as $$
declare
  jid integer := coalesce(new.jurisdiction_id, old.jurisdiction_id);
  old_days integer := coalesce(case when tg_op = 'INSERT' then null else old.yellow_within_days end, ${DEFAULT_YELLOW_DAYS});
  new_days integer := coalesce(case when tg_op = 'DELETE' then null else new.yellow_within_days end, ${DEFAULT_YELLOW_DAYS});
begin
  if old_days = new_days then
    return null;
  end if;
  ${applyDelta(DUE, [
    dueRows('rectification_items', '1', 'new_days', 'and i.supervising_jurisdiction_id = jid'),
    dueRows('rectification_items', '-1', 'old_days', 'and i.supervising_jurisdiction_id = jid'),
  ])};
  return null;
end $$`,
  `create trigger light_rules_rollups after insert or update or delete on light_rules
  for each row execute function item_rollups_after_light_rule()`,
];

/**
 * What each table should hold, recomputed from the base rows with the same expressions the
 * triggers use: the check command (`pnpm db:rollups:check`) compares and repairs with these.
 */
const expected = [
  `create function item_rollup_expected_counts() returns setof item_rollup_counts language sql stable as $$
  ${summed(COUNTS, [countRows('rectification_items', '1')], true)}
$$`,
  `create function item_rollup_expected_months() returns setof item_rollup_months language sql stable as $$
  ${summed(MONTHS, [monthRows('rectification_items', '1')], true)}
$$`,
  `create function item_rollup_expected_due() returns setof item_rollup_due language sql stable as $$
  ${summed(DUE, [dueRows('rectification_items', '1')], true)}
$$`,
];

const setting = (level: string) => `(select nullif(current_setting('app.scope_${level}', true), '')::int)`;
const SCOPE = ['province', 'city', 'county', 'township'].map((l) => `${l}_id = ${setting(l)}`).join('\n   or ');
const ROLLUP_TABLES = ROLLUPS.map((t) => t.name);

const security = [
  // Read-only for requests; only the definer triggers (and the owner's repair) write.
  `grant select on ${ROLLUP_TABLES.join(', ')} to fz_app`,
  ...ROLLUP_TABLES.flatMap((t) => [
    `alter table ${t} enable row level security`,
    `alter table ${t} force row level security`,
    `create policy ${t}_scope on ${t} for select to fz_app using (\n      ${SCOPE}\n)`,
    `do $$ begin execute format('create policy ${t}_owner on ${t} for all to %I using (true) with check (true)', current_user); end $$`,
  ]),
  `revoke all on function item_rollup_expected_counts(), item_rollup_expected_months(), item_rollup_expected_due() from public`,
];

// The ledger's keyset pages by deadline (its default order) for a province or city scope, and a
// county's filtered by one status (the usual filter): read in order and stop after a page,
// instead of sorting every matching item (measured: 3 ms → 0.3 ms for a county of 7,000 items).
const ledgerIndexes = [
  `create index rectification_items_province_deadline_idx on rectification_items (province_id, deadline, id)`,
  `create index rectification_items_city_deadline_idx on rectification_items (city_id, deadline, id)`,
  `create index rectification_items_county_status_deadline_idx on rectification_items (county_id, status, deadline, id)`,
];

// The column order of each expected_* function's select must match its table (setof table).
const backfill = ROLLUP_TABLES.map((t) => `insert into ${t} select * from ${t.replace('item_rollup_', 'item_rollup_expected_')}()`);

export async function up(db: AnyDb): Promise<void> {
  // Test templates are keyed by this function's source, not by the SQL generated above: until
  // this migration ships, bump the revision whenever that SQL changes. Revision 4.
  for (const s of [...tables, ...triggers, ...expected, ...security, ...backfill, ...ledgerIndexes]) await sql.raw(s).execute(db);
}

import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { INSPECTION_TYPES, ITEM_STATUSES, LEVELS } from '@fz/domain';
import type { InspectionType, ItemStatus, JurisdictionKind, Level } from '@fz/domain';
import { PREPARED } from '@fz/db';
import type { Tx } from '@fz/db';

/**
 * What a dashboard reads: a node (or, for the benchmark's national view only, every province)
 * and its direct children, each from its own rollup rows. A child is a direct child of the
 * node, or a child of one of its placeholder pseudo-cities (市辖区 …), as the tree shows them.
 */
export type DashboardRoot = { id: number } | 'national';

export interface DashboardFilter {
  year?: number | undefined;
  inspectionType?: InspectionType | undefined;
}

export interface Months {
  from: string;
  to: string;
}

export interface NodeRow {
  id: number;
  code: string;
  name: string;
  level: Level;
  kind: JurisdictionKind;
  parent_id: number | null;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

export interface ChildNode {
  id: number;
  code: string;
  name: string;
  level: Level;
}

export type CountRow = Record<ItemStatus, number> & {
  node_id: number;
  overdue: number;
  flagged: number;
  extension_pending: number;
  closed_on_time: number;
};

export interface DueRow {
  node_id: number;
  yellow: number;
  late: number;
}

export interface MonthRow {
  month: string;
  created: number;
  closed: number;
  closed_on_time: number;
}

export interface DashboardData {
  /** The root as RLS lets the caller see it: null when hidden (then nothing else may be used). */
  node: NodeRow | null;
  crumbs: Array<{ id: number; name: string; level: Level }>;
  children: ChildNode[];
  counts: CountRow[];
  due: DueRow[];
  trend: MonthRow[];
  years: number[];
}

const byYear = (f: DashboardFilter) => (f.year !== undefined ? sql`and year = ${f.year}` : sql``);
const byType = (f: DashboardFilter) => (f.inspectionType !== undefined ? sql`and inspection_type = ${f.inspectionType}` : sql``);
/** Due rows keep one column per inspection type: the filtered one, or all of them. */
const dueItems = (f: DashboardFilter) => (f.inspectionType !== undefined ? sql.ref(f.inspectionType) : sql.raw(`(${INSPECTION_TYPES.join(' + ')})`));
const anyItems = sql.raw(`(${ITEM_STATUSES.join(' + ')}) <> 0`);
const statusSums = sql.raw(ITEM_STATUSES.map((st) => `sum(${st})::int as ${st}`).join(', '));

/** Levels a viewer at `level` may see in a breadcrumb trail: its own and below. */
export const crumbLevels = (level: Level): Level[] => LEVELS.slice(LEVELS.indexOf(level));

/**
 * The whole dashboard in one statement (one round trip, which is most of the cost): the root,
 * its breadcrumbs from `crumbLevels` down, its children, then per node (the root and each
 * child) its counts by status, its due-soon and not-yet-swept overdue items as of `today`, the
 * root's months `from`..`to` (first days) and the years it has items from. Every rollup read is
 * an index lookup by node id, so the cost follows the number of children, never the number of
 * items. RLS applies to every table read; the caller checks the root before using anything.
 */
export async function dashboardData(tx: Tx, root: DashboardRoot, f: DashboardFilter, today: string, months: Months, crumbs: Level[] = []): Promise<DashboardData> {
  const { rows } = await dashboardQuery(root, f, today, months, crumbs).execute(tx);
  return rows[0]!;
}

/** The statement of `dashboardData`, also compiled by the benchmark to time the SQL alone. */
export function dashboardQuery(root: DashboardRoot, f: DashboardFilter, today: string, months: Months, crumbs: Level[] = []): RawBuilder<DashboardData> {
  const rootId = root === 'national' ? null : root.id;
  // Two lookups by parent (index), not one OR the planner would answer with a scan of every node.
  const kids =
    rootId === null
      ? sql`select j.id, j.code, j.name, j.level, j.sort_order from jurisdictions j where j.parent_id is null`
      : sql`select j.id, j.code, j.name, j.level, j.sort_order from jurisdictions j where j.parent_id = ${rootId} and j.kind <> 'placeholder'
          union all
          select j.id, j.code, j.name, j.level, j.sort_order from jurisdictions p join jurisdictions j on j.parent_id = p.id
          where p.parent_id = ${rootId} and p.kind = 'placeholder' and j.kind <> 'placeholder'`;
  const nodes = rootId === null ? sql`select id from kids` : sql`select ${rootId}::int as id union all select id from kids`;
  // The root's own rows; the national view has none and sums its provinces' instead.
  const own = rootId === null ? sql`node_id = any(array(select id from kids))` : sql`node_id = ${rootId}`;
  // Prepared: under RLS, planning this statement cost more than running it (decision 24).
  return sql<DashboardData>`${sql.raw(PREPARED)}
    with root as (select id, code, name, level, kind, parent_id, province_id, city_id, county_id, township_id from jurisdictions where id = ${rootId}),
      kids as (${kids}), nodes as (${nodes})
    select
      (select row_to_json(r) from root r) as node,
      (select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'level', c.level) order by c.id), '[]') from root r
        join jurisdictions c on c.id in (r.province_id, r.city_id, r.county_id, r.township_id)
        where c.level = any(${crumbs}::text[]) and c.kind <> 'placeholder') as crumbs,
      (select coalesce(json_agg(json_build_object('id', k.id, 'code', k.code, 'name', k.name, 'level', k.level) order by k.sort_order, k.id), '[]') from kids k) as children,
      (select coalesce(json_agg(c), '[]') from (
        select node_id, ${statusSums}, sum(overdue)::int as overdue, sum(flagged)::int as flagged,
          sum(extension_pending)::int as extension_pending, sum(closed_on_time)::int as closed_on_time
        from item_rollup_counts where node_id = any(array(select id from nodes)) ${byYear(f)} ${byType(f)}
        group by node_id) c) as counts,
      (select coalesce(json_agg(d), '[]') from (
        select node_id, coalesce(sum(${dueItems(f)}) filter (where deadline >= ${today}::date), 0)::int as yellow,
          coalesce(sum(${dueItems(f)}) filter (where deadline < ${today}::date), 0)::int as late
        from item_rollup_due where node_id = any(array(select id from nodes)) and yellow_from <= ${today}::date ${byYear(f)}
        group by node_id) d) as due,
      (select coalesce(json_agg(t order by t.month), '[]') from (
        select to_char(month, 'YYYY-MM') as month, sum(created)::int as created, sum(closed)::int as closed, sum(closed_on_time)::int as closed_on_time
        from item_rollup_months where ${own} and month between ${months.from}::date and ${months.to}::date ${byType(f)}
        group by month) t) as trend,
      (select coalesce(json_agg(distinct year order by year), '[]') from item_rollup_counts where ${own} and ${anyItems}) as years`;
}

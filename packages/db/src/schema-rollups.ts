import type { InspectionType, ItemStatus } from '@fz/domain';

/**
 * Dashboard rollups (migration 2026112502_rollups): written only by the triggers on
 * rectification_items and light_rules, read by dashboards. One row per node of an item's
 * ancestor chain; the ancestor columns are the node's own (RLS filters on them).
 */
interface RollupNode {
  node_id: number;
  /** The node's parent (null for a province). */
  parent_id: number | null;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

/** Per node × issue year (Beijing) × inspection type: items per status (one column each) and flags. */
export type ItemRollupCountTable = RollupNode &
  Record<ItemStatus, number> & {
    year: number;
    inspection_type: InspectionType;
    /** Open items the overdue sweep has marked (overdue_since set). */
    overdue: number;
    /** Open flagged items (挂牌督办中). */
    flagged: number;
    extension_pending: number;
    /** Closed items whose closing date (Beijing) is on or before their deadline. */
    closed_on_time: number;
  };

/** Per node × inspection type × calendar month (first day): items issued, closed, closed on time in it. */
export interface ItemRollupMonthTable extends RollupNode {
  inspection_type: InspectionType;
  month: string;
  created: number;
  closed: number;
  closed_on_time: number;
}

/**
 * Open items not yet marked overdue, per node × issue year × the day they turn yellow
 * (deadline − the supervising level's threshold) × deadline, one column per inspection type.
 */
export type ItemRollupDueTable = RollupNode &
  Record<InspectionType, number> & {
    year: number;
    yellow_from: string;
    deadline: string;
  };

export interface RollupTables {
  item_rollup_counts: ItemRollupCountTable;
  item_rollup_months: ItemRollupMonthTable;
  item_rollup_due: ItemRollupDueTable;
}

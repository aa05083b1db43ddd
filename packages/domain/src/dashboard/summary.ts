import type { ItemStatus } from '../rectification/lifecycle.js';
import { ITEM_STATUSES, OPEN_STATUSES } from '../rectification/lifecycle.js';
import type { Light } from '../rectification/light.js';

/**
 * The counts of one node (or of the items sitting at a node itself), as read from the rollups.
 * Everything a dashboard shows is derived from these by the pure functions below.
 */
export interface Tally {
  byStatus: Record<ItemStatus, number>;
  /** Open items the overdue sweep has marked. */
  overdueMarked: number;
  /** Open items past their deadline that the sweep has not marked yet. */
  overdueUnmarked: number;
  /** Open, unmarked items within the supervising level's yellow threshold. */
  dueSoon: number;
  /** Flagged items that are not closed (挂牌督办中). */
  flagged: number;
  extensionsPending: number;
  /** Closed items whose closing date is on or before their deadline. */
  closedOnTime: number;
}

export function emptyTally(): Tally {
  return {
    byStatus: Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>,
    overdueMarked: 0,
    overdueUnmarked: 0,
    dueSoon: 0,
    flagged: 0,
    extensionsPending: 0,
    closedOnTime: 0,
  };
}

function combine(a: Tally, b: Tally, sign: 1 | -1): Tally {
  return {
    byStatus: Object.fromEntries(ITEM_STATUSES.map((s) => [s, a.byStatus[s] + sign * b.byStatus[s]])) as Record<ItemStatus, number>,
    overdueMarked: a.overdueMarked + sign * b.overdueMarked,
    overdueUnmarked: a.overdueUnmarked + sign * b.overdueUnmarked,
    dueSoon: a.dueSoon + sign * b.dueSoon,
    flagged: a.flagged + sign * b.flagged,
    extensionsPending: a.extensionsPending + sign * b.extensionsPending,
    closedOnTime: a.closedOnTime + sign * b.closedOnTime,
  };
}

export const addTally = (a: Tally, b: Tally): Tally => combine(a, b, 1);
/** What `whole` holds beyond `part` (a node's own items: the node minus its children). */
export const subtractTally = (whole: Tally, part: Tally): Tally => combine(whole, part, -1);

/**
 * 按期销号率: closed items whose closing date (Beijing) is on or before the deadline in force
 * when they were closed (an approved extension counts), over all closed items; null when
 * nothing is closed yet (no rate, rather than a misleading 0 % or 100 %).
 */
export function onTimeRate(closedOnTime: number, closed: number): number | null {
  return closed > 0 ? closedOnTime / closed : null;
}

export interface Summary {
  total: number;
  open: number;
  closed: number;
  /** Open items past their deadline (红灯). */
  overdue: number;
  dueSoon: number;
  closedOnTime: number;
  onTimeRate: number | null;
  flagged: number;
  extensionsPending: number;
  byStatus: Record<ItemStatus, number>;
  light: Record<Light, number>;
}

export function summarize(t: Tally): Summary {
  const total = ITEM_STATUSES.reduce((n, s) => n + t.byStatus[s], 0);
  const open = OPEN_STATUSES.reduce((n, s) => n + t.byStatus[s], 0);
  const closed = total - open;
  const red = t.overdueMarked + t.overdueUnmarked;
  return {
    total,
    open,
    closed,
    overdue: red,
    dueSoon: t.dueSoon,
    closedOnTime: t.closedOnTime,
    onTimeRate: onTimeRate(t.closedOnTime, closed),
    flagged: t.flagged,
    extensionsPending: t.extensionsPending,
    byStatus: { ...t.byStatus },
    light: { green: open - red - t.dueSoon, yellow: t.dueSoon, red, none: closed },
  };
}

export interface Rankable {
  id: number;
  name: string;
  closed: number;
  onTimeRate: number | null;
}

/**
 * Children ranked by on-time closure rate, best first; ties by more items closed, then name.
 * Children with nothing closed have no rate and come last.
 */
export function rankByOnTimeRate<T extends Rankable>(rows: readonly T[]): Array<T & { rank: number | null }> {
  const sorted = [...rows].sort((a, b) => {
    if (a.onTimeRate === null || b.onTimeRate === null) return a.onTimeRate === b.onTimeRate ? a.name.localeCompare(b.name, 'zh-CN') : a.onTimeRate === null ? 1 : -1;
    return b.onTimeRate - a.onTimeRate || b.closed - a.closed || a.name.localeCompare(b.name, 'zh-CN');
  });
  return sorted.map((r, i) => ({ ...r, rank: r.onTimeRate === null ? null : i + 1 }));
}

/**
 * The months a trend shows, as 'yyyy-mm': January to December of `year`, or the twelve months
 * ending with the month of `today` (yyyy-mm-dd).
 */
export function trendMonths(today: string, year?: number): string[] {
  const [y, m] = year === undefined ? [Number(today.slice(0, 4)), Number(today.slice(5, 7))] : [year, 12];
  return Array.from({ length: 12 }, (_, i) => {
    const k = y * 12 + (m - 1) - 11 + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

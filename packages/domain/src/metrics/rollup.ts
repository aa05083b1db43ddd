import { LEVELS, levelDepth } from '../jurisdiction.js';
import type { Level } from '../jurisdiction.js';
import { periodLabel, periodRange } from '../plans/periods.js';
import type { MetricCycle } from './enums.js';

/**
 * Whose reports make a node's figure. A node at a reporting level reports for its whole area:
 * its own report is its figure. Above, the figure is the sum of the reports of the shallowest
 * reporting level below it (a city of a metric that counties and townships both report sums its
 * counties, never the townships as well). Null when no level at or below the node reports.
 */
export function sourceLevelFor(reportingLevels: readonly Level[], nodeLevel: Level): Level | null {
  const depth = levelDepth(nodeLevel);
  return LEVELS.find((l) => levelDepth(l) >= depth && reportingLevels.includes(l)) ?? null;
}

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The cycle a period key belongs to: 2025 is a year, 2025-Q3 a quarter; null for anything else. */
export function cycleOfPeriod(key: string): MetricCycle | null {
  return YEAR.test(key) ? 'year' : QUARTER.test(key) ? 'quarter' : null;
}

/** The same period a year earlier (year-on-year): 2025 → 2024, 2025-Q3 → 2024-Q3. */
export function previousPeriod(key: string): string {
  const q = QUARTER.exec(key);
  if (q) return `${Number(q[1]) - 1}-Q${q[2]}`;
  const y = YEAR.exec(key);
  if (y) return String(Number(y[1]) - 1);
  throw new Error(`not a metric period: ${key}`);
}

/** First and last day of a metric period, or null when the key is not one. */
export function metricPeriodRange(key: string): { start: string; end: string } | null {
  const cycle = cycleOfPeriod(key);
  return cycle === null ? null : periodRange(cycle, key);
}

export function metricPeriodLabel(key: string): string {
  const cycle = cycleOfPeriod(key);
  return cycle === null ? key : periodLabel(cycle, key);
}

/** The year a period lies in. */
export const yearOfPeriod = (key: string): number => Number(key.slice(0, 4));

import { addDays, isCalendarDate } from '../dates.js';
import type { ReportCycle, ReportState } from './enums.js';

/**
 * Reporting periods as keys: 2026-07 (month), 2026-Q3 (quarter), 2026-H2 (half year), 2026
 * (year). Dates are yyyy-mm-dd strings, as everywhere.
 */
const KEY_RE: Record<ReportCycle, RegExp> = {
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  half_year: /^(\d{4})-H([12])$/,
  year: /^(\d{4})$/,
};
const MONTHS_PER: Record<ReportCycle, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The key of the period of `cycle` that holds `date`. */
export function periodOf(cycle: ReportCycle, date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const index = Math.floor((m - 1) / MONTHS_PER[cycle]) + 1;
  switch (cycle) {
    case 'month':
      return `${y}-${pad(m)}`;
    case 'quarter':
      return `${y}-Q${index}`;
    case 'half_year':
      return `${y}-H${index}`;
    case 'year':
      return String(y);
  }
}

/** First and last day of a period, or null when `key` is not a period of `cycle`. */
export function periodRange(cycle: ReportCycle, key: string): { start: string; end: string } | null {
  const m = KEY_RE[cycle].exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  const index = cycle === 'year' ? 1 : Number(m[2]);
  const firstMonth = (index - 1) * MONTHS_PER[cycle] + 1;
  const lastMonth = firstMonth + MONTHS_PER[cycle] - 1;
  return { start: `${y}-${pad(firstMonth)}-01`, end: `${y}-${pad(lastMonth)}-${pad(lastDay(y, lastMonth))}` };
}

/** Every period of `cycle` that overlaps start…end, oldest first (at most 10 years' worth). */
export function periodsBetween(cycle: ReportCycle, start: string, end: string): string[] {
  if (!isCalendarDate(start) || !isCalendarDate(end) || end < start) return [];
  const keys: string[] = [];
  let at = start;
  while (at <= end && keys.length < 120) {
    const key = periodOf(cycle, at);
    keys.push(key);
    at = addDays(periodRange(cycle, key)!.end, 1);
  }
  return keys;
}

/** A period as people write it: 2026年第四季度, or 2026 Q4 in English. */
export function periodLabel(cycle: ReportCycle, key: string, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const m = KEY_RE[cycle].exec(key);
  if (!m) return key;
  const [year, part] = [m[1], Number(m[2])];
  const en = lang === 'en-US';
  switch (cycle) {
    case 'month':
      return en ? `${year}-${pad(part)}` : `${year}年${part}月`;
    case 'quarter':
      return en ? `${year} Q${part}` : `${year}年第${'一二三四'[part - 1]}季度`;
    case 'half_year':
      return en ? `${year} H${part}` : `${year}年${part === 1 ? '上' : '下'}半年`;
    case 'year':
      return en ? String(year) : `${year}年`;
  }
}

/** The label of a period key of any cycle (the key's shape tells the cycle). */
export function periodKeyLabel(key: string, lang: 'zh-CN' | 'en-US'): string {
  const cycle = (Object.keys(KEY_RE) as ReportCycle[]).find((c) => KEY_RE[c].test(key));
  return cycle === undefined ? key : periodLabel(cycle, key, lang);
}

/** When a period's report is due: its last day plus the plan's grace days (e.g. 5 days into the next quarter). */
export function reportDueDate(cycle: ReportCycle, key: string, graceDays: number): string | null {
  const range = periodRange(cycle, key);
  return range ? addDays(range.end, graceDays) : null;
}

/** A grid cell: `reportedOn` is the Beijing date of the report, null when there is none. */
export function reportState(reportedOn: string | null, due: string, today: string): ReportState {
  if (reportedOn !== null) return reportedOn <= due ? 'reported' : 'late';
  return today > due ? 'missing' : 'pending';
}

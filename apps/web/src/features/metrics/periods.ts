import { cycleOfPeriod, metricPeriodLabel, metricPeriodRange } from '@fz/domain';
import type { MetricCycle } from '@fz/domain';
import type { Lang } from '../../i18n';

/** How many periods the selector offers: this year and five before, or the last eight quarters. */
const COUNT: Record<MetricCycle, number> = { year: 6, quarter: 8 };

/** The period of `cycle` that holds `today` (yyyy-mm-dd): 2026, or 2026-Q4. */
export function currentPeriod(cycle: MetricCycle, today: string): string {
  const year = today.slice(0, 4);
  return cycle === 'year' ? year : `${year}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The period before `key` of the same cycle: 2026 → 2025, 2026-Q1 → 2025-Q4. */
function before(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!q) return String(Number(key) - 1);
  const n = Number(q[2]);
  return n === 1 ? `${Number(q[1]) - 1}-Q4` : `${q[1]}-Q${n - 1}`;
}

/** The periods that have begun by `today`, newest first (a future period cannot be reported). */
export function periodOptions(cycle: MetricCycle, today: string): string[] {
  const keys = [currentPeriod(cycle, today)];
  while (keys.length < COUNT[cycle]) keys.push(before(keys.at(-1)!));
  return keys.filter((k) => Number(k.slice(0, 4)) >= 2000);
}

/** A period from the URL, or null when it is not one (2000–2100, year or quarter) or has not begun. */
export function parsePeriod(raw: string | null | undefined, today: string): string | null {
  if (!raw || cycleOfPeriod(raw) === null) return null;
  const year = Number(raw.slice(0, 4));
  if (year < 2000 || year > 2100) return null;
  const range = metricPeriodRange(raw);
  return range && range.start <= today ? raw : null;
}

/** 2025年 / 2025年第三季度 in zh-CN, 2025 / 2025 Q3 in en-US. */
export function periodText(key: string, lang: Lang): string {
  if (lang === 'zh-CN') return metricPeriodLabel(key);
  return key.replace('-', ' ');
}


import { METRIC_MAX_VALUE, canonicalDecimal, figureOf, targetHit, toHundredths } from '@fz/domain';
import type { MetricKind, MetricShape, YearOnYear } from '@fz/domain';

/** What the report dialog needs of a metric to preview the figure. */
export interface PreviewMetric {
  kind: MetricKind;
  unit: string;
  target: { op: NonNullable<MetricShape['targetOp']>; value: string } | null;
}

export interface Preview {
  text: string;
  /** null without a target or when the figure is undefined (0 / 0). */
  hit: boolean | null;
  /** A rate's numerator above its denominator (the server refuses it). */
  overflow: boolean;
}

/**
 * The figure the typed numbers would make, computed by the same exact domain rules as the table
 * (no float rounding decides a target); null until the inputs are valid decimals.
 */
export function previewFigure(m: PreviewMetric, numerator: string | undefined, denominator: string | undefined): Preview | null {
  const n = numerator === undefined ? null : canonicalDecimal(numerator, METRIC_MAX_VALUE);
  if (n === null) return null;
  const d = m.kind === 'count' ? null : denominator === undefined ? null : canonicalDecimal(denominator, METRIC_MAX_VALUE);
  if (m.kind !== 'count' && d === null) return null;
  const sums = { numerator: n, denominator: d };
  const shape = { kind: m.kind, unit: m.unit, targetOp: m.target?.op ?? null, targetValue: m.target?.value ?? null };
  return { text: figureOf(shape, sums).text, hit: targetHit(shape, sums), overflow: m.kind === 'rate' && d !== null && toHundredths(n) > toHundredths(d) };
}

export type Trend = 'up' | 'down' | 'flat';

/** The arrow and colour of a year-on-year change: green when better, red when worse, grey when flat or neutral. */
export function trendOf(yoy: Pick<YearOnYear, 'delta' | 'better'>): { trend: Trend; tone: 'good' | 'bad' | 'neutral' } {
  const trend: Trend = yoy.delta > 0 ? 'up' : yoy.delta < 0 ? 'down' : 'flat';
  return { trend, tone: yoy.better === null ? 'neutral' : yoy.better ? 'good' : 'bad' };
}

/** 3/5 and whether every expected report is in (coverage of a rolled-up figure). */
export function coverageOf(c: { reported: number; expected: number }): { text: string; complete: boolean } {
  return { text: `${c.reported}/${c.expected}`, complete: c.expected > 0 && c.reported >= c.expected };
}

/** The change in English (the server's text is zh-CN): +267.3%, -1.5 pp, +2.1 学时. */
export function yoyEnglish(yoy: Pick<YearOnYear, 'delta' | 'percent'>, kind: MetricKind, unit: string): string {
  const sign = yoy.delta > 0 ? '+' : '';
  if (kind === 'count' && yoy.percent !== null) return `${sign}${yoy.percent}%`;
  if (kind === 'rate') return `${sign}${yoy.delta} pp`;
  return `${sign}${yoy.delta} ${unit}`.trim();
}

import { divRound, formatScaled, toHundredths } from './decimal.js';
import type { MetricCycle, MetricDirection, MetricKind, TargetOp } from './enums.js';
import { TARGET_OP_LABELS } from './enums.js';

/** The parts of a metric definition its figures depend on. */
export interface MetricShape {
  kind: MetricKind;
  unit: string;
  direction: MetricDirection;
  cycle: MetricCycle;
  targetOp: TargetOp | null;
  /** In display units: percent for a rate (97 means 97%). */
  targetValue: string | null;
}

/** What was reported (or summed up the tree): decimals as text, exactly as stored. */
export interface Sums {
  numerator: string;
  denominator: string | null;
}

export interface Figure {
  numerator: string;
  denominator: string | null;
  /** The value in display units (a percentage for a rate), rounded to two places; null when undefined (0 / 0). */
  value: number | null;
  /** As written in a report: "96.7%", "66件", "61.94学时", or "—". */
  text: string;
}

export interface YearOnYear {
  /** Change in display units: points for a rate, the unit otherwise. */
  delta: number;
  /** Relative change of a count, in percent (null for rates and averages, or from zero). */
  percent: number | null;
  /** "同比增长267.3%", "较上年提高26.7个百分点", "与上年持平". */
  text: string;
  /** Whether the change is for the better (null when flat or the metric is neutral). */
  better: boolean | null;
}

/** A value as an exact fraction p / q in display units, or null when its denominator is zero. */
function exact(m: Pick<MetricShape, 'kind'>, s: Sums): { p: bigint; q: bigint } | null {
  const n = toHundredths(s.numerator);
  if (m.kind === 'count') return { p: n, q: 100n };
  const d = toHundredths(s.denominator ?? '0');
  if (d === 0n) return null;
  return m.kind === 'rate' ? { p: n * 100n, q: d } : { p: n, q: d };
}

/** Decimal places a figure is written with: one for percentages, two otherwise. */
const textPlaces = (kind: MetricKind) => (kind === 'rate' ? 1 : 2);
const suffix = (m: Pick<MetricShape, 'kind' | 'unit'>) => (m.kind === 'rate' ? '%' : m.unit);

export function figureOf(m: Pick<MetricShape, 'kind' | 'unit'>, s: Sums): Figure {
  const x = exact(m, s);
  if (x === null) return { numerator: s.numerator, denominator: s.denominator, value: null, text: '—' };
  const value = Number(formatScaled(divRound(x.p, x.q, 2), 2));
  return { numerator: s.numerator, denominator: s.denominator, value, text: `${formatScaled(divRound(x.p, x.q, textPlaces(m.kind)), textPlaces(m.kind))}${suffix(m)}` };
}

/** "≥97%", "<10%", "≥60学时"; null without a target. */
export function targetText(m: Pick<MetricShape, 'kind' | 'unit' | 'targetOp' | 'targetValue'>): string | null {
  if (m.targetOp === null || m.targetValue === null) return null;
  return `${TARGET_OP_LABELS[m.targetOp]['zh-CN']}${m.targetValue}${suffix(m)}`;
}

/**
 * Whether the figure meets the target, compared exactly (cross-multiplied, never rounded first):
 * null without a target or when the figure is undefined (0 / 0).
 */
export function targetHit(m: Pick<MetricShape, 'kind' | 'targetOp' | 'targetValue'>, s: Sums): boolean | null {
  if (m.targetOp === null || m.targetValue === null) return null;
  const x = exact(m, s);
  if (x === null) return null;
  const left = x.p * 100n;
  const right = toHundredths(m.targetValue) * x.q;
  switch (m.targetOp) {
    case '>=':
      return left >= right;
    case '>':
      return left > right;
    case '<=':
      return left <= right;
    case '<':
      return left < right;
  }
}

/** The change from the same period a year earlier, or null when either figure is missing or undefined. */
export function yearOnYear(m: MetricShape, current: Sums, previous: Sums): YearOnYear | null {
  const now = exact(m, current);
  const before = exact(m, previous);
  if (now === null || before === null) return null;
  const p = now.p * before.q - before.p * now.q;
  const q = now.q * before.q;
  const places = textPlaces(m.kind);
  const delta = divRound(p, q, places);
  const better = delta === 0n || m.direction === 'neutral' ? null : (delta > 0n) === (m.direction === 'higher');
  const since = m.cycle === 'year' ? '较上年' : '较上年同期';
  if (delta === 0n) return { delta: 0, percent: m.kind === 'count' ? 0 : null, text: m.cycle === 'year' ? '与上年持平' : '与上年同期持平', better };
  const up = delta > 0n;
  const size = formatScaled(up ? delta : -delta, places);
  if (m.kind === 'count') {
    const percent = before.p === 0n ? null : divRound(p * 100n, before.p * now.q, 1);
    const text = percent === null ? `${since}${up ? '增加' : '减少'}${size}${m.unit}` : `同比${up ? '增长' : '下降'}${formatScaled(up ? percent : -percent, 1)}%`;
    return { delta: Number(formatScaled(delta, places)), percent: percent === null ? null : Number(formatScaled(percent, 1)), text, better };
  }
  const text = m.kind === 'rate' ? `${since}${up ? '提高' : '降低'}${size}个百分点` : `${since}${up ? '增加' : '减少'}${size}${m.unit}`;
  return { delta: Number(formatScaled(delta, places)), percent: null, text, better };
}

/** Sums of reports, exactly (a rate's numerators and denominators, never its percentages). */
export function addSums(rows: readonly Sums[], withDenominator: boolean): Sums {
  let n = 0n;
  let d = 0n;
  for (const r of rows) {
    n += toHundredths(r.numerator);
    d += toHundredths(r.denominator ?? '0');
  }
  return { numerator: formatScaled(n, 2), denominator: withDenominator ? formatScaled(d, 2) : null };
}

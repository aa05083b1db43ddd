import { describe, expect, it } from 'vitest';
import { canonicalDecimal, divRound, fromHundredths, toHundredths } from './decimal.js';
import { addSums, figureOf, targetHit, targetText, yearOnYear } from './figures.js';
import type { MetricShape } from './figures.js';
import { cycleOfPeriod, metricPeriodRange, previousPeriod, sourceLevelFor } from './rollup.js';

const rate = (op: MetricShape['targetOp'], value: string | null, direction: MetricShape['direction'] = 'higher'): MetricShape => ({ kind: 'rate', unit: '%', direction, cycle: 'year', targetOp: op, targetValue: value });
const count: MetricShape = { kind: 'count', unit: '件', direction: 'neutral', cycle: 'year', targetOp: null, targetValue: null };
const hours: MetricShape = { kind: 'average', unit: '学时', direction: 'higher', cycle: 'year', targetOp: '>=', targetValue: '60' };

describe('exact decimals', () => {
  it('reads and writes hundredths without float drift', () => {
    expect(toHundredths('97.5')).toBe(9750n);
    expect(toHundredths('0.05')).toBe(5n);
    expect(fromHundredths(toHundredths('100.00'))).toBe('100');
    expect(() => toHundredths('1.234')).toThrow();
    expect(divRound(2n, 3n, 1)).toBe(7n);
    expect(divRound(-2n, 3n, 1)).toBe(-7n);
  });

  it('accepts clean numbers and strings and refuses what would round', () => {
    expect(canonicalDecimal(97.5, 1e12)).toBe('97.5');
    expect(canonicalDecimal('061.50', 1e12)).toBe('61.5');
    expect(canonicalDecimal(0.1 + 0.2, 1e12)).toBeNull();
    expect(canonicalDecimal(-1, 1e12)).toBeNull();
    expect(canonicalDecimal('1e3', 1e12)).toBeNull();
    expect(canonicalDecimal(1e13, 1e12)).toBeNull();
  });
});

describe('figures of a metric', () => {
  it('writes a rate as a percentage and leaves 0 / 0 undefined', () => {
    expect(figureOf(rate(null, null), { numerator: '29', denominator: '30' })).toEqual({ numerator: '29', denominator: '30', value: 96.67, text: '96.7%' });
    expect(figureOf(rate(null, null), { numerator: '0', denominator: '0' }).text).toBe('—');
    expect(figureOf(count, { numerator: '66', denominator: null }).text).toBe('66件');
    expect(figureOf(hours, { numerator: '38400', denominator: '620' }).text).toBe('61.94学时');
  });

  it('compares with the target exactly: 96.999…% does not reach 97%, 10/10 reaches ≥100%', () => {
    const atLeast97 = rate('>=', '97');
    expect(targetHit(atLeast97, { numerator: '96999', denominator: '100000' })).toBe(false);
    expect(targetHit(atLeast97, { numerator: '97', denominator: '100' })).toBe(true);
    expect(targetHit(rate('>=', '100'), { numerator: '10', denominator: '10' })).toBe(true);
    expect(targetHit(rate('<', '10', 'lower'), { numerator: '1', denominator: '10' })).toBe(false);
    expect(targetHit(rate('<', '10', 'lower'), { numerator: '2', denominator: '31' })).toBe(true);
    expect(targetHit(hours, { numerator: '59.99', denominator: '1' })).toBe(false);
    expect(targetHit(count, { numerator: '5', denominator: null })).toBeNull();
    expect(targetText(rate('<', '10', 'lower'))).toBe('<10%');
    expect(targetText(hours)).toBe('≥60学时');
  });

  it('rolls a rate up from numerators and denominators, where averaging the rates would be wrong', () => {
    // A street with 9 of 10 cases attended and one with its single case attended: 10 / 11, not (90% + 100%) / 2.
    const streets = [
      { numerator: '9', denominator: '10' },
      { numerator: '1', denominator: '1' },
    ];
    const target = rate('>=', '95');
    const county = addSums(streets, true);
    expect(county).toEqual({ numerator: '10', denominator: '11' });
    expect(figureOf(target, county).text).toBe('90.9%');
    expect(targetHit(target, county)).toBe(false);
    const meanOfRates = streets.map((s) => figureOf(target, s).value!).reduce((a, v) => a + v, 0) / streets.length;
    expect(meanOfRates).toBe(95);
  });

  it('describes the change on the year in the words reports use', () => {
    expect(yearOnYear(count, { numerator: '66', denominator: null }, { numerator: '18', denominator: null })).toEqual({ delta: 48, percent: 266.7, text: '同比增长266.7%', better: null });
    expect(yearOnYear(count, { numerator: '5', denominator: null }, { numerator: '0', denominator: null })?.text).toBe('较上年增加5件');
    const attended = yearOnYear(rate('>=', '97'), { numerator: '29', denominator: '30' }, { numerator: '21', denominator: '30' });
    expect(attended).toEqual({ delta: 26.7, percent: null, text: '较上年提高26.7个百分点', better: true });
    const lost = yearOnYear(rate('<', '10', 'lower'), { numerator: '2', denominator: '31' }, { numerator: '4', denominator: '35' });
    expect(lost).toMatchObject({ text: '较上年降低5个百分点', better: true });
    expect(yearOnYear({ ...rate(null, null), cycle: 'quarter' }, { numerator: '1', denominator: '1' }, { numerator: '2', denominator: '2' })?.text).toBe('与上年同期持平');
    expect(yearOnYear(rate(null, null), { numerator: '1', denominator: '1' }, { numerator: '0', denominator: '0' })).toBeNull();
  });
});

describe('periods and rollup levels', () => {
  it('takes a node’s own report at a reporting level and the shallowest reporting level below otherwise', () => {
    expect(sourceLevelFor(['county'], 'county')).toBe('county');
    expect(sourceLevelFor(['county', 'township'], 'city')).toBe('county');
    expect(sourceLevelFor(['township'], 'province')).toBe('township');
    expect(sourceLevelFor(['county'], 'township')).toBeNull();
  });

  it('knows years and quarters and the period a year earlier', () => {
    expect(cycleOfPeriod('2025')).toBe('year');
    expect(cycleOfPeriod('2025-Q3')).toBe('quarter');
    expect(cycleOfPeriod('2025-07')).toBeNull();
    expect(previousPeriod('2025-Q3')).toBe('2024-Q3');
    expect(previousPeriod('2025')).toBe('2024');
    expect(metricPeriodRange('2025-Q4')).toEqual({ start: '2025-10-01', end: '2025-12-31' });
  });
});

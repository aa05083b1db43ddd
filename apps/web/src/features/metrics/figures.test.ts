import { describe, expect, it } from 'vitest';
import { coverageOf, previewFigure, trendOf, yoyEnglish } from './figures';

const rate = { kind: 'rate' as const, unit: '%', target: { op: '>=' as const, value: '97' } };
const count = { kind: 'count' as const, unit: '件', target: null };
const average = { kind: 'average' as const, unit: '学时', target: { op: '>=' as const, value: '60' } };

describe('previewFigure', () => {
  it('computes a rate exactly and judges the target without rounding first', () => {
    expect(previewFigure(rate, '29', '30')).toEqual({ text: '96.7%', hit: false, overflow: false });
    expect(previewFigure(rate, '97', '100')).toEqual({ text: '97%', hit: true, overflow: false });
    // 96.999…% rounds to 97.0% but misses 97%.
    expect(previewFigure(rate, '96999', '100000')?.hit).toBe(false);
  });

  it('shows a count in its unit, with no target', () => {
    expect(previewFigure(count, '66', undefined)).toEqual({ text: '66件', hit: null, overflow: false });
  });

  it('divides an average in its unit', () => {
    expect(previewFigure(average, '38400', '620')).toEqual({ text: '61.94学时', hit: true, overflow: false });
  });

  it('waits for valid decimals and flags a rate above its denominator', () => {
    expect(previewFigure(rate, '', '30')).toBeNull();
    expect(previewFigure(rate, '1.234', '30')).toBeNull();
    expect(previewFigure(rate, '29', undefined)).toBeNull();
    expect(previewFigure(rate, '31', '30')?.overflow).toBe(true);
    expect(previewFigure(rate, '0', '0')).toEqual({ text: '—', hit: null, overflow: false });
  });
});

describe('trendOf', () => {
  it('points the arrow by the sign and colours it by direction', () => {
    expect(trendOf({ delta: 26.7, better: true })).toEqual({ trend: 'up', tone: 'good' });
    expect(trendOf({ delta: -1.5, better: false })).toEqual({ trend: 'down', tone: 'bad' });
    expect(trendOf({ delta: 48, better: null })).toEqual({ trend: 'up', tone: 'neutral' });
    expect(trendOf({ delta: 0, better: null })).toEqual({ trend: 'flat', tone: 'neutral' });
  });
});

describe('coverageOf', () => {
  it('is complete only when every expected report is in', () => {
    expect(coverageOf({ reported: 3, expected: 5 })).toEqual({ text: '3/5', complete: false });
    expect(coverageOf({ reported: 1, expected: 1 })).toEqual({ text: '1/1', complete: true });
    expect(coverageOf({ reported: 0, expected: 0 })).toEqual({ text: '0/0', complete: false });
  });
});

describe('yoyEnglish', () => {
  it('writes a count in percent, a rate in points, an average in its unit', () => {
    expect(yoyEnglish({ delta: 48, percent: 266.7 }, 'count', '件')).toBe('+266.7%');
    expect(yoyEnglish({ delta: -3, percent: null }, 'count', '件')).toBe('-3 件');
    expect(yoyEnglish({ delta: 26.7, percent: null }, 'rate', '%')).toBe('+26.7 pp');
    expect(yoyEnglish({ delta: -1.5, percent: null }, 'average', '学时')).toBe('-1.5 学时');
    expect(yoyEnglish({ delta: 0, percent: 0 }, 'count', '件')).toBe('0%');
  });
});

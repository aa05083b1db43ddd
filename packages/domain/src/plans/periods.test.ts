import { describe, expect, it } from 'vitest';
import { periodKeyLabel, periodLabel, periodOf, periodRange, periodsBetween, reportDueDate, reportState } from './periods.js';

describe('reporting periods', () => {
  it('names the period that holds a date, for each cycle', () => {
    expect(['month', 'quarter', 'half_year', 'year'].map((c) => periodOf(c as 'month', '2026-08-15'))).toEqual(['2026-08', '2026-Q3', '2026-H2', '2026']);
  });

  it('knows the first and last day of a period, leap years included', () => {
    expect(periodRange('quarter', '2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodRange('month', '2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodRange('half_year', '2026-H2')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
    expect(periodRange('year', '2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('refuses a key of another cycle', () => {
    expect(periodRange('quarter', '2026-07')).toBeNull();
    expect(periodRange('month', '2026-13')).toBeNull();
    expect(periodRange('year', '2026-Q1')).toBeNull();
  });

  it('lists the periods a plan spans, partial ones at both ends included', () => {
    expect(periodsBetween('quarter', '2026-02-10', '2026-11-30')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsBetween('year', '2021-01-01', '2025-12-31')).toEqual(['2021', '2022', '2023', '2024', '2025']);
    expect(periodsBetween('month', '2026-12-01', '2026-11-01')).toEqual([]);
  });

  it('labels periods in Chinese', () => {
    expect(periodLabel('quarter', '2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('half_year', '2026-H1')).toBe('2026年上半年');
    expect(periodLabel('month', '2026-07')).toBe('2026年7月');
  });

  it('labels periods in English, and any key by its shape', () => {
    expect(periodLabel('quarter', '2026-Q4', 'en-US')).toBe('2026 Q4');
    expect(periodKeyLabel('2026-Q4', 'zh-CN')).toBe('2026年第四季度');
    expect(periodKeyLabel('2026-H2', 'en-US')).toBe('2026 H2');
    expect(periodKeyLabel('2026-07', 'zh-CN')).toBe('2026年7月');
    expect(periodKeyLabel('2026', 'zh-CN')).toBe('2026年');
    expect(periodKeyLabel('2026-Q5', 'zh-CN')).toBe('2026-Q5');
  });

  it('colours a cell by when it was reported against the due date', () => {
    const due = reportDueDate('quarter', '2026-Q3', 5)!;
    expect(due).toBe('2026-10-05');
    expect(reportState('2026-10-05', due, '2026-11-01')).toBe('reported');
    expect(reportState('2026-10-06', due, '2026-11-01')).toBe('late');
    expect(reportState(null, due, '2026-10-05')).toBe('pending');
    expect(reportState(null, due, '2026-10-06')).toBe('missing');
  });
});

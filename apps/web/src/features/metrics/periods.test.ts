import { describe, expect, it } from 'vitest';
import { currentPeriod, parsePeriod, periodOptions, periodText } from './periods';

describe('periods', () => {
  it('offers this year and five before, or the last eight quarters across a year boundary', () => {
    expect(periodOptions('year', '2026-11-25')).toEqual(['2026', '2025', '2024', '2023', '2022', '2021']);
    expect(periodOptions('quarter', '2026-02-01')).toEqual(['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1', '2024-Q4', '2024-Q3', '2024-Q2']);
    expect(currentPeriod('quarter', '2026-11-25')).toBe('2026-Q4');
  });

  it('accepts a period from the URL only when it is one and has begun', () => {
    expect(parsePeriod('2025', '2026-11-25')).toBe('2025');
    expect(parsePeriod('2026-Q4', '2026-11-25')).toBe('2026-Q4');
    expect(parsePeriod('2027', '2026-11-25')).toBeNull();
    expect(parsePeriod('2026-Q5', '2026-11-25')).toBeNull();
    expect(parsePeriod('1999', '2026-11-25')).toBeNull();
    expect(parsePeriod(null, '2026-11-25')).toBeNull();
  });

  it('labels periods in the UI language', () => {
    expect(periodText('2025', 'zh-CN')).toBe('2025年');
    expect(periodText('2025-Q3', 'zh-CN')).toBe('2025年第三季度');
    expect(periodText('2025-Q3', 'en-US')).toBe('2025 Q3');
  });
});

import { describe, expect, it } from 'vitest';
import { dashboardGetInput } from './schemas.js';
import { addTally, emptyTally, onTimeRate, rankByOnTimeRate, subtractTally, summarize, trendMonths } from './summary.js';

const tally = (over: Partial<ReturnType<typeof emptyTally>> & { status?: Partial<ReturnType<typeof emptyTally>['byStatus']> } = {}) => {
  const { status, ...rest } = over;
  const t = { ...emptyTally(), ...rest };
  t.byStatus = { ...t.byStatus, ...status };
  return t;
};

describe('dashboard summary', () => {
  it('splits open items into red, yellow and green and closed items into no light', () => {
    const s = summarize(tally({ status: { in_progress: 6, issued: 2, closed: 4 }, overdueMarked: 2, overdueUnmarked: 1, dueSoon: 3, closedOnTime: 3 }));
    expect(s).toMatchObject({ total: 12, open: 8, closed: 4, overdue: 3, dueSoon: 3, closedOnTime: 3, onTimeRate: 0.75 });
    expect(s.light).toEqual({ red: 3, yellow: 3, green: 2, none: 4 });
  });

  it('has no on-time rate while nothing is closed', () => {
    expect(onTimeRate(0, 0)).toBeNull();
    expect(summarize(tally({ status: { issued: 3 } })).onTimeRate).toBeNull();
    expect(onTimeRate(0, 5)).toBe(0);
  });

  it('a node minus its children leaves the items sitting at the node itself', () => {
    const node = tally({ status: { issued: 5, closed: 2 }, flagged: 1, closedOnTime: 2 });
    const child = tally({ status: { issued: 3, closed: 1 }, closedOnTime: 1 });
    expect(subtractTally(node, child)).toEqual(tally({ status: { issued: 2, closed: 1 }, flagged: 1, closedOnTime: 1 }));
    expect(addTally(subtractTally(node, child), child)).toEqual(node);
  });

  it('ranks children by on-time rate, more closures first on a tie, rateless ones last without a rank', () => {
    const ranked = rankByOnTimeRate([
      { id: 1, name: '甲', closed: 0, onTimeRate: null },
      { id: 2, name: '乙', closed: 4, onTimeRate: 0.5 },
      { id: 3, name: '丙', closed: 10, onTimeRate: 0.5 },
      { id: 4, name: '丁', closed: 1, onTimeRate: 1 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      [4, 1],
      [3, 2],
      [2, 3],
      [1, null],
    ]);
  });

  it('shows the twelve months up to today, or the calendar year asked for', () => {
    expect(trendMonths('2026-03-15')).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(trendMonths('2026-03-15', 2025)[0]).toBe('2025-01');
    expect(trendMonths('2026-03-15', 2025).at(-1)).toBe('2025-12');
  });

  it('accepts a year and an inspection type, and refuses years out of range', () => {
    expect(dashboardGetInput.parse({ jurisdictionId: 37, year: 2026, inspectionType: 'special' })).toEqual({ jurisdictionId: 37, year: 2026, inspectionType: 'special' });
    expect(dashboardGetInput.safeParse({ year: 1999 }).success).toBe(false);
    expect(dashboardGetInput.safeParse({ inspectionType: 'other' }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { compareRatio, finalScore, onTrack, formatTenths, leafIdsOf, meetsTarget, neededFor, percentOf, ratio, ratioToTenths, shareText, toTenths, treeTotals, verdict } from './scoring.js';
import type { LeafScore, ScoringNode } from './scoring.js';

describe('tenths', () => {
  it('turns points with at most one decimal into integer tenths, and back into text', () => {
    expect(toTenths(4.5)).toBe(45);
    expect(toTenths(0.1 + 0.2)).toBe(3);
    expect(toTenths(90)).toBe(900);
    expect(toTenths(4.55)).toBeNull();
    expect(toTenths(Number.NaN)).toBeNull();
    expect(formatTenths(45)).toBe('4.5');
    expect(formatTenths(900)).toBe('90.0');
    expect(formatTenths(3)).toBe('0.3');
  });
});

/** 一级 A (veto inside) → 二级 A1 (4 分, veto), A2 → 三级 A2a (3 分), A2b (3 分); 一级 B → 二级 B1 (10 分). */
const TREE: ScoringNode[] = [
  { id: 1, parentId: null, maxScore: null, veto: false },
  { id: 2, parentId: 1, maxScore: 40, veto: true },
  { id: 3, parentId: 1, maxScore: null, veto: false },
  { id: 4, parentId: 3, maxScore: 30, veto: false },
  { id: 5, parentId: 3, maxScore: 30, veto: false },
  { id: 6, parentId: null, maxScore: null, veto: false },
  { id: 7, parentId: 6, maxScore: 100, veto: false },
];
const s = (self: number | null, reviewed: number | null = null, vetoHit = false): LeafScore => ({ self, reviewed, vetoHit });

describe('totals per level', () => {
  it('finds the leaves at any depth', () => {
    expect([...leafIdsOf(TREE)].sort()).toEqual([2, 4, 5, 7]);
  });
  it('sums leaves into every ancestor and the whole tree, counting completed and reviewed leaves', () => {
    const scores = new Map([
      [2, s(40, 35)],
      [4, s(25)],
      [7, s(95, 90)],
    ]);
    const { byNode, total } = treeTotals(TREE, scores);
    expect(byNode.get(3)).toEqual({ max: 60, self: 25, reviewed: 0, leaves: 2, completed: 1, reviewedCount: 0, vetoHits: 0 });
    expect(byNode.get(1)).toEqual({ max: 100, self: 65, reviewed: 35, leaves: 3, completed: 2, reviewedCount: 1, vetoHits: 0 });
    expect(byNode.get(6)).toMatchObject({ max: 100, self: 95, reviewed: 90 });
    expect(total).toEqual({ max: 200, self: 160, reviewed: 125, leaves: 4, completed: 3, reviewedCount: 2, vetoHits: 0 });
  });
  it('counts a veto hit only on a veto indicator', () => {
    const { byNode, total } = treeTotals(TREE, new Map([[2, s(40, 40, true)], [7, s(100, 100, true)]]));
    expect(total.vetoHits).toBe(1);
    expect(byNode.get(1)?.vetoHits).toBe(1);
    expect(byNode.get(6)?.vetoHits).toBe(0);
  });
});

describe('final score and pass line', () => {
  it('is the plain sum when the maxima add up to 100 and there is no survey', () => {
    expect(finalScore({ indicatorSum: 905, maxSum: 1000, satisfactionPct: 0, satisfaction: null })).toEqual(ratio(905, 10));
  });
  it('scales the indicators to 85 points and the satisfaction survey to 15', () => {
    // 90/100 × 85 + 80 × 15% = 76.5 + 12 = 88.5
    const r = finalScore({ indicatorSum: 900, maxSum: 1000, satisfactionPct: 15, satisfaction: 800 });
    expect(r).toEqual(ratio(885, 10));
    // Maxima adding to 85 (the survey's 15 kept apart): 80/85 × 85 + 100 × 15% = 95.
    expect(finalScore({ indicatorSum: 800, maxSum: 850, satisfactionPct: 15, satisfaction: 1000 })).toEqual(ratio(95, 1));
  });
  it('passes exactly at the pass line, not a hair below it even when rounding shows 90.0', () => {
    expect(verdict(ratio(900, 10), 900, 0, true)).toEqual({ score: 900, reachesPassLine: true, vetoed: false, passes: true });
    // 89.96 rounds to 90.0 for display but is below 90.
    const below = ratio(8996, 100);
    expect(verdict(below, 900, 0, true)).toEqual({ score: 900, reachesPassLine: false, vetoed: false, passes: false });
    // 2/3 of a point above 89 is 89.666…: shown 89.7.
    expect(ratioToTenths(ratio(269, 3))).toBe(897);
  });
  it('fails a veto hit regardless of score, unless the campaign turns the veto’s effect off', () => {
    expect(verdict(ratio(99, 1), 900, 1, true)).toMatchObject({ reachesPassLine: true, vetoed: true, passes: false });
    expect(verdict(ratio(99, 1), 900, 1, false)).toMatchObject({ vetoed: false, passes: true });
  });
  it('follows the campaign’s own pass line', () => {
    expect(verdict(ratio(88, 1), 850, 0, true).passes).toBe(true);
    expect(verdict(ratio(88, 1), 900, 0, true).passes).toBe(false);
  });
  it('compares ratios by cross-multiplication', () => {
    expect(compareRatio(ratio(2, 3), ratio(4, 6))).toBe(0);
    expect(compareRatio(ratio(1, 3), ratio(333, 1000))).toBe(1);
    expect(compareRatio(ratio(0, 5), ratio(1, 1_000_000))).toBe(-1);
  });
});

describe('share of participants against the target', () => {
  const twoThirds = { numerator: 2, denominator: 3 };
  it('2 of 3 meets 2/3 exactly; 1 of 3 and 6 of 10 do not; 7 of 10 does', () => {
    expect(meetsTarget(2, 3, twoThirds)).toBe(true);
    expect(meetsTarget(1, 3, twoThirds)).toBe(false);
    expect(meetsTarget(6, 10, twoThirds)).toBe(false);
    expect(meetsTarget(7, 10, twoThirds)).toBe(true);
  });
  it('is not fooled where floats would be: 200 of 300 meets 2/3, 199 of 300 does not', () => {
    expect(meetsTarget(200, 300, twoThirds)).toBe(true);
    expect(meetsTarget(199, 300, twoThirds)).toBe(false);
  });
  it('never meets a target with no participants', () => {
    expect(meetsTarget(0, 0, twoThirds)).toBe(false);
  });
  it('knows how many it takes', () => {
    expect(neededFor(3, twoThirds)).toBe(2);
    expect(neededFor(11, twoThirds)).toBe(8);
    expect(neededFor(13, twoThirds)).toBe(9);
    expect(neededFor(0, twoThirds)).toBe(0);
  });
  it('rounds the percent half up and says it plainly', () => {
    expect(percentOf(9, 13)).toBe(69);
    expect(percentOf(1, 8)).toBe(13);
    expect(percentOf(0, 0)).toBe(0);
    expect(shareText(9, 13, twoThirds)).toBe('9 / 13 = 69%,目标 2/3 ✓');
    expect(shareText(2, 11, twoThirds)).toBe('2 / 11 = 18%,目标 2/3 ✗');
    expect(shareText(2, 3, twoThirds, 'en-US')).toBe('2 / 3 = 67%, target 2/3 ✓');
  });
});

describe('on track', () => {
  const base = { status: 'in_progress', scored: 270, scoredMax: 300, vetoHits: 0, vetoFails: true, passLine: 900 };
  it('judges the rate on the indicators scored so far against the pass line rate, exactly at the boundary', () => {
    expect(onTrack(base)).toBe(true);
    expect(onTrack({ ...base, scored: 269 })).toBe(false);
    expect(onTrack({ ...base, scoredMax: 0, scored: 0 })).toBe(false);
  });
  it('counts the named, never the failed, the unstarted or a veto hit', () => {
    expect(onTrack({ ...base, status: 'named', scored: 0 })).toBe(true);
    expect(onTrack({ ...base, status: 'not_passed' })).toBe(false);
    expect(onTrack({ ...base, status: 'not_started' })).toBe(false);
    expect(onTrack({ ...base, vetoHits: 1 })).toBe(false);
    expect(onTrack({ ...base, vetoHits: 1, vetoFails: false })).toBe(true);
  });
});

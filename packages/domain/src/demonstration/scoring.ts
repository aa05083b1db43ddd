/**
 * Scoring of demonstration applications, exactly. Scores are integers in tenths of a point
 * (4.5 分 = 45): the API stores them so, and every sum is an integer. The final score mixes a
 * share of the indicator result with the satisfaction survey, so it is a ratio: compared with
 * the pass line by cross-multiplication (bigint), rounded to a tenth only for display.
 */

/** Tenths of a point per point. */
export const TENTHS = 10;

/** Points (at most one decimal) as tenths, or null when the number has more decimals or is not finite. */
export function toTenths(points: number): number | null {
  if (!Number.isFinite(points)) return null;
  const t = Math.round(points * TENTHS);
  return Math.abs(points * TENTHS - t) < 1e-6 ? t : null;
}

/** Tenths as points (a number with at most one decimal). */
export function toPoints(tenths: number): number {
  return tenths / TENTHS;
}

/** Tenths as text with one decimal: 45 → '4.5', 900 → '90.0'. */
export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? '-' : '';
  const a = Math.abs(tenths);
  return `${sign}${Math.floor(a / TENTHS)}.${a % TENTHS}`;
}

/** An exact non-negative ratio. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

export function ratio(num: number | bigint, den: number | bigint): Ratio {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d === 0n) throw new RangeError('ratio: zero denominator');
  const g = gcd(n, d) || 1n;
  const sign = d < 0n ? -1n : 1n;
  return { num: (sign * n) / g, den: (sign * d) / g };
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** A ratio of points rounded half up to tenths (an integer). */
export function ratioToTenths(r: Ratio): number {
  // floor((num × 10 × 2 + den) / (2 × den)): half up for non-negative values.
  return Number((r.num * BigInt(TENTHS) * 2n + r.den) / (2n * r.den));
}

/** A node of an indicator tree as scoring sees it. Leaves carry the maximum score (tenths). */
export interface ScoringNode {
  id: number;
  parentId: number | null;
  maxScore: number | null;
  veto: boolean;
}

/** What a participant and its reviewer entered for one leaf (tenths; null = not yet). */
export interface LeafScore {
  self: number | null;
  reviewed: number | null;
  /** The reviewer found the one-vote-veto situation (一票否决情形) of a veto indicator. */
  vetoHit: boolean;
}

/** Totals of a subtree: any node of the tree, or the whole tree. */
export interface Totals {
  /** Sum of the leaves' maximum scores. */
  max: number;
  /** Sums of entered scores (missing ones count 0). */
  self: number;
  reviewed: number;
  leaves: number;
  /** Leaves with a self score, and with a reviewed score. */
  completed: number;
  reviewedCount: number;
  vetoHits: number;
}

const empty = (): Totals => ({ max: 0, self: 0, reviewed: 0, leaves: 0, completed: 0, reviewedCount: 0, vetoHits: 0 });

/** The leaves of a tree: nodes nobody names as parent. */
export function leafIdsOf(nodes: readonly Pick<ScoringNode, 'id' | 'parentId'>[]): Set<number> {
  const parents = new Set(nodes.map((n) => n.parentId).filter((p): p is number => p !== null));
  return new Set(nodes.filter((n) => !parents.has(n.id)).map((n) => n.id));
}

/**
 * Totals per node (first-, second- and third-level subtotals) and for the whole tree. A veto
 * hit counts only on a veto indicator. Scores of nodes that are not leaves are ignored.
 */
export function treeTotals(nodes: readonly ScoringNode[], scores: ReadonlyMap<number, LeafScore>): { byNode: Map<number, Totals>; total: Totals } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const leaves = leafIdsOf(nodes);
  const byNode = new Map<number, Totals>(nodes.map((n) => [n.id, empty()]));
  const total = empty();
  for (const id of leaves) {
    const leaf = byId.get(id)!;
    const s = scores.get(id);
    const add = (t: Totals) => {
      t.max += leaf.maxScore ?? 0;
      t.leaves += 1;
      if (s?.self != null) {
        t.self += s.self;
        t.completed += 1;
      }
      if (s?.reviewed != null) {
        t.reviewed += s.reviewed;
        t.reviewedCount += 1;
      }
      if (leaf.veto && s?.vetoHit) t.vetoHits += 1;
    };
    add(total);
    // Walk up to the root; the depth is at most three, a cycle guard keeps bad data from looping.
    const seen = new Set<number>();
    for (let at: ScoringNode | undefined = leaf; at && !seen.has(at.id); at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      seen.add(at.id);
      add(byNode.get(at.id)!);
    }
  }
  return { byNode, total };
}

/** The inputs of an application's final score. */
export interface FinalScoreInput {
  /** Sum of the scores that count (reviewed, or self for a projection), and the sum of maxima (tenths). */
  indicatorSum: number;
  maxSum: number;
  /** Percent of the total that is the public satisfaction survey (0 … 100). */
  satisfactionPct: number;
  /** The survey's score out of 100, in tenths; null counts 0. */
  satisfaction: number | null;
}

/**
 * The final score in points out of 100: the indicator result scaled to (100 − pct) points plus the
 * satisfaction score scaled to pct points. With no survey and maxima summing to 100, it is the sum.
 */
export function finalScore(i: FinalScoreInput): Ratio {
  if (i.maxSum <= 0) return ratio(0, 1);
  const indicator = BigInt(i.indicatorSum) * BigInt(100 - i.satisfactionPct) * 1000n;
  const survey = BigInt(i.satisfaction ?? 0) * BigInt(i.satisfactionPct) * BigInt(i.maxSum);
  return ratio(indicator + survey, BigInt(i.maxSum) * 1000n);
}

export interface Verdict {
  /** The final score rounded half up to tenths. */
  score: number;
  reachesPassLine: boolean;
  vetoed: boolean;
  passes: boolean;
}

/**
 * Whether a result passes: it reaches the pass line (tenths, out of 100) exactly, not after
 * rounding, and no veto hit fails it (when the campaign lets a veto fail regardless of score).
 */
export function verdict(score: Ratio, passLine: number, vetoHits: number, vetoFails: boolean): Verdict {
  const reachesPassLine = compareRatio(score, ratio(passLine, TENTHS)) >= 0;
  const vetoed = vetoFails && vetoHits > 0;
  return { score: ratioToTenths(score), reachesPassLine, vetoed, passes: reachesPassLine && !vetoed };
}

/** A share as a fraction of whole numbers, e.g. 2/3 of townships. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** count / total reaches target (by cross-multiplication, never floats). An empty set reaches nothing. */
export function meetsTarget(count: number, total: number, target: Fraction): boolean {
  if (total <= 0) return false;
  return BigInt(count) * BigInt(target.denominator) >= BigInt(target.numerator) * BigInt(total);
}

/** count / total as a whole percent, rounded half up (0 when total is 0). */
export function percentOf(count: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((200 * count + total) / (2 * total));
}

/** How many of `total` reach the target at least: the smallest count that meets it. */
export function neededFor(total: number, target: Fraction): number {
  if (total <= 0) return 0;
  return Math.floor((target.numerator * total + target.denominator - 1) / target.denominator);
}

/** "9 / 13 = 69%,目标 2/3 ✓" (zh-CN) or "9 / 13 = 69%, target 2/3 ✓" (en-US). */
export function shareText(count: number, total: number, target: Fraction, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const mark = meetsTarget(count, total, target) ? '✓' : '✗';
  const goal = `${target.numerator}/${target.denominator}`;
  const share = `${count} / ${total} = ${percentOf(count, total)}%`;
  return locale === 'zh-CN' ? `${share},目标 ${goal} ${mark}` : `${share}, target ${goal} ${mark}`;
}

/** What "on track" is judged by: the scores that count so far and the maxima of those same leaves. */
export interface TrackInput {
  status: string;
  /** Per leaf the reviewed score when there is one, else the self score; summed over scored leaves. */
  scored: number;
  scoredMax: number;
  vetoHits: number;
  vetoFails: boolean;
  passLine: number;
}

/**
 * Whether a participant is on track to be named: named already, or still in the running (started,
 * not failed, no veto) with a score rate on the indicators scored so far at or above the pass line
 * rate (scored / scoredMax ≥ passLine / 100). The survey, not yet taken, is left out.
 */
export function onTrack(i: TrackInput): boolean {
  if (i.status === 'named') return true;
  if (i.status === 'not_started' || i.status === 'not_passed') return false;
  if (i.vetoFails && i.vetoHits > 0) return false;
  if (i.scoredMax <= 0) return false;
  return BigInt(i.scored) * 1000n >= BigInt(i.passLine) * BigInt(i.scoredMax);
}

import { finalScore, percentOf, treeTotals, verdict } from '@fz/domain';
import type { ApplicationFacts, LeafScore, Totals, Verdict } from '@fz/domain';
import type { Tx } from '@fz/db';
import { points } from '../common.js';
import type { NodeRow } from '../systems/queries.js';
import { versionNodes } from '../systems/queries.js';
import type { ApplicationRow, AssessmentRow } from './queries.js';

/** What scoring an application needs besides its own rows: the campaign's rules and the version's tree. */
export interface ScoringBasis {
  campaign: { id: number; name: string; year: number; owner_name: string; submit_deadline: string; review_deadline: string; pass_line: number; veto_fails: boolean; target_numerator: number; target_denominator: number };
  version: { id: number; version_no: number; satisfaction_pct: number; system_name: string };
  nodes: NodeRow[];
}

export async function scoringBasis(tx: Tx, app: Pick<ApplicationRow, 'campaign_id' | 'version_id'>): Promise<ScoringBasis> {
  const [campaign, version, nodes] = await Promise.all([
    tx
      .selectFrom('campaigns')
      .select(['id', 'name', 'year', 'owner_name', 'submit_deadline', 'review_deadline', 'pass_line', 'veto_fails', 'target_numerator', 'target_denominator'])
      .where('id', '=', app.campaign_id)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('indicator_versions as v')
      .innerJoin('indicator_systems as s', 's.id', 'v.system_id')
      .select(['v.id', 'v.version_no', 'v.satisfaction_pct', 's.name as system_name'])
      .where('v.id', '=', app.version_id)
      .executeTakeFirstOrThrow(),
    versionNodes(tx, app.version_id),
  ]);
  return { campaign, version, nodes };
}

export interface Scored {
  byNode: Map<number, Totals>;
  total: Totals;
  facts: ApplicationFacts;
  verdict: Verdict;
}

/** Totals per node and overall, the lifecycle's facts, and the verdict on the reviewed scores. */
export function scoreApplication(app: ApplicationRow, basis: ScoringBasis, assessments: readonly AssessmentRow[]): Scored {
  const scores = new Map<number, LeafScore>(assessments.map((x) => [x.indicator_id, { self: x.self_score, reviewed: x.reviewed_score, vetoHit: x.veto_hit }]));
  const { byNode, total } = treeTotals(
    basis.nodes.map((n) => ({ id: n.id, parentId: n.parent_id, maxScore: n.max_score, veto: n.veto })),
    scores,
  );
  const pct = basis.version.satisfaction_pct;
  const score = finalScore({ indicatorSum: total.reviewed, maxSum: total.max, satisfactionPct: pct, satisfaction: app.satisfaction_score });
  const v = verdict(score, basis.campaign.pass_line, total.vetoHits, basis.campaign.veto_fails);
  const facts: ApplicationFacts = {
    status: app.status,
    completed: total.completed,
    total: total.leaves,
    reviewed: total.reviewedCount,
    submitDeadline: basis.campaign.submit_deadline,
    reviewDeadline: basis.campaign.review_deadline,
    satisfactionMissing: pct > 0 && app.satisfaction_score === null,
    passes: v.passes,
  };
  return { byNode, total, facts, verdict: v };
}

/** Progress as the participant sees it: indicators completed of total, self score of the maximum. */
export function progressDto(total: Totals) {
  return {
    completed: total.completed,
    total: total.leaves,
    percent: percentOf(total.completed, total.leaves),
    selfScore: points(total.self)!,
    maxScore: points(total.max)!,
    reviewed: total.reviewedCount,
    reviewedScore: points(total.reviewed)!,
    vetoHits: total.vetoHits,
  };
}

/** Subtotals of one node (first-, second- or third-level), in points. */
export function subtotalDto(t: Totals | undefined) {
  return t ? { max: points(t.max)!, self: points(t.self)!, reviewed: points(t.reviewed)!, completed: t.completed, leaves: t.leaves, vetoHits: t.vetoHits } : null;
}

import { sql } from 'kysely';
import { finalScore, onTrack, percentOf, verdict } from '@fz/domain';
import type { ApplicationStatus } from '@fz/domain';
import type { Tx } from '@fz/db';
import { iso, points } from '../common.js';
import type { ApplicationRow } from './queries.js';

const DECIDING: readonly ApplicationStatus[] = ['evaluation', 'named', 'not_passed'];
const AWAITING_REVIEW: readonly ApplicationStatus[] = ['submitted', 'first_review'];
const NOT_SUBMITTED: readonly ApplicationStatus[] = ['not_started', 'in_progress', 'returned'];

export type ListedApplication = ApplicationRow & { jurisdiction_name: string };

/**
 * One line per application for boards and lists: progress, self and reviewed scores, the final
 * score once evaluated, veto hits, whether it is on track, its last progress report, and whether
 * a deadline has passed on it. Three grouped queries, however many applications.
 */
export async function applicationLines(tx: Tx, apps: readonly ListedApplication[], today: string) {
  if (apps.length === 0) return [];
  const ids = apps.map((a) => a.id);
  const campaignIds = [...new Set(apps.map((a) => a.campaign_id))];
  const versionIds = [...new Set(apps.map((a) => a.version_id))];
  const [stats, reports, campaigns, versions] = await Promise.all([
    tx
      .selectFrom('assessments as x')
      .innerJoin('indicator_nodes as n', 'n.id', 'x.indicator_id')
      .select([
        'x.application_id',
        sql<number>`count(x.self_score)::int`.as('completed'),
        sql<number>`coalesce(sum(x.self_score), 0)::int`.as('self_sum'),
        sql<number>`count(x.reviewed_score)::int`.as('reviewed_count'),
        sql<number>`coalesce(sum(x.reviewed_score), 0)::int`.as('reviewed_sum'),
        sql<number>`(count(*) filter (where x.veto_hit and n.veto))::int`.as('veto_hits'),
        sql<number>`coalesce(sum(coalesce(x.reviewed_score, x.self_score)), 0)::int`.as('scored'),
        sql<number>`coalesce(sum(n.max_score) filter (where coalesce(x.reviewed_score, x.self_score) is not null), 0)::int`.as('scored_max'),
      ])
      .where('x.application_id', 'in', ids)
      .groupBy('x.application_id')
      .execute(),
    tx.selectFrom('progress_reports').select(['application_id', (eb) => eb.fn.max('created_at').as('last_at')]).where('application_id', 'in', ids).groupBy('application_id').execute(),
    tx.selectFrom('campaigns').select(['id', 'submit_deadline', 'review_deadline', 'pass_line', 'veto_fails']).where('id', 'in', campaignIds).execute(),
    tx
      .selectFrom('indicator_nodes as n')
      .innerJoin('indicator_versions as v', 'v.id', 'n.version_id')
      .select(['n.version_id', 'v.satisfaction_pct', sql<number>`count(*)::int`.as('leaves'), sql<number>`coalesce(sum(n.max_score), 0)::int`.as('max_sum')])
      .where('n.version_id', 'in', versionIds)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('indicator_nodes as c').select('c.id').whereRef('c.parent_id', '=', 'n.id'))))
      .groupBy(['n.version_id', 'v.satisfaction_pct'])
      .execute(),
  ]);
  const statOf = new Map(stats.map((s) => [s.application_id, s]));
  const reportOf = new Map(reports.map((r) => [r.application_id, r.last_at]));
  const campaignOf = new Map(campaigns.map((c) => [c.id, c]));
  const versionOf = new Map(versions.map((v) => [v.version_id, v]));
  return apps.map((a) => {
    const s = statOf.get(a.id);
    const c = campaignOf.get(a.campaign_id);
    const v = versionOf.get(a.version_id);
    const leaves = Number(v?.leaves ?? 0);
    const maxSum = Number(v?.max_sum ?? 0);
    const completed = Number(s?.completed ?? 0);
    const reviewedCount = Number(s?.reviewed_count ?? 0);
    const vetoHits = Number(s?.veto_hits ?? 0);
    const passLine = c?.pass_line ?? 1000;
    const vetoFails = c?.veto_fails ?? true;
    const pct = v?.satisfaction_pct ?? 0;
    const evaluated = DECIDING.includes(a.status) && (pct === 0 || a.satisfaction_score !== null);
    const result = evaluated ? verdict(finalScore({ indicatorSum: Number(s?.reviewed_sum ?? 0), maxSum, satisfactionPct: pct, satisfaction: a.satisfaction_score }), passLine, vetoHits, vetoFails) : null;
    const lastReport = reportOf.get(a.id) ?? null;
    return {
      id: a.id,
      campaignId: a.campaign_id,
      jurisdictionId: a.jurisdiction_id,
      jurisdictionName: a.jurisdiction_name,
      status: a.status,
      version: a.version,
      completed,
      total: leaves,
      completionPercent: percentOf(completed, leaves),
      selfScore: points(Number(s?.self_sum ?? 0))!,
      maxScore: points(maxSum)!,
      reviewedCount,
      reviewedScore: reviewedCount > 0 ? points(Number(s?.reviewed_sum ?? 0)) : null,
      satisfactionScore: points(a.satisfaction_score),
      finalScore: result ? points(result.score) : null,
      passes: result ? result.passes : null,
      vetoHits,
      onTrack: onTrack({ status: a.status, scored: Number(s?.scored ?? 0), scoredMax: Number(s?.scored_max ?? 0), vetoHits, vetoFails, passLine }),
      lastReportAt: lastReport === null ? null : iso(lastReport),
      submittedAt: iso(a.submitted_at),
      decidedAt: iso(a.decided_at),
      // A returned application may be resubmitted until the review deadline.
      submissionOverdue: c !== undefined && NOT_SUBMITTED.includes(a.status) && today > (a.status === 'returned' ? c.review_deadline : c.submit_deadline),
      reviewOverdue: c !== undefined && AWAITING_REVIEW.includes(a.status) && today > c.review_deadline,
    };
  });
}

export type ApplicationLine = Awaited<ReturnType<typeof applicationLines>>[number];

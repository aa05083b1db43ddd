import { availableApplicationActions, applicationGetInput } from '@fz/domain';
import type { ApplicationStatus } from '@fz/domain';
import type { Tx } from '@fz/db';
import { authorized } from '../../../trpc/init.js';
import { iso, points } from '../common.js';
import { treeOf } from '../systems/queries.js';
import { applicationRecord, applicationSummary, assessmentDto, assessmentsOf, visibleApplication } from './queries.js';
import { progressDto, scoreApplication, scoringBasis, subtotalDto } from './scoring.js';

export type FileDto = { id: number; name: string; size: number; mime: string; sha256: string; uploadedByName: string | null; createdAt: string };

async function filesOf(tx: Tx, applicationId: number) {
  const rows = await tx
    .selectFrom('application_files')
    .select(['id', 'assessment_id', 'report_id', 'original_name', 'size_bytes', 'mime', 'sha256', 'uploaded_by_name', 'created_at'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  const byAssessment = new Map<number, FileDto[]>();
  const byReport = new Map<number, FileDto[]>();
  for (const f of rows) {
    const dto: FileDto = { id: f.id, name: f.original_name, size: f.size_bytes, mime: f.mime, sha256: f.sha256, uploadedByName: f.uploaded_by_name, createdAt: iso(f.created_at)! };
    const [map, key] = f.assessment_id !== null ? [byAssessment, f.assessment_id] : [byReport, f.report_id!];
    map.set(key, [...(map.get(key) ?? []), dto]);
  }
  return { byAssessment, byReport };
}

async function timelineOf(tx: Tx, applicationId: number) {
  const rows = await tx
    .selectFrom('application_events')
    .select(['id', 'at', 'actor_name', 'actor_unit_name', 'event', 'from_status', 'to_status', 'reason', 'note', 'payload'])
    .where('application_id', '=', applicationId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((e) => ({
    id: e.id,
    at: iso(e.at)!,
    actorName: e.actor_name,
    actorUnitName: e.actor_unit_name,
    event: e.event,
    fromStatus: e.from_status as ApplicationStatus | null,
    toStatus: e.to_status as ApplicationStatus | null,
    reason: e.reason,
    note: e.note,
    payload: e.payload,
  }));
}

/**
 * One application: its campaign and standard, progress (indicators completed / total, self score /
 * maximum), the indicator tree with subtotals per node and, on each leaf, the assessment (self and
 * reviewed score, comments, veto, evidence files); the result once reviewed; progress reports,
 * the timeline, and what the caller may do now.
 */
export const getApplication = authorized('read', 'Application')
  .input(applicationGetInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const app = await visibleApplication(tx, ctx.ability, input.id);
      const [basis, assessments, files, timeline, reports, place] = await Promise.all([
        scoringBasis(tx, app),
        assessmentsOf(tx, app.id),
        filesOf(tx, app.id),
        timelineOf(tx, app.id),
        tx.selectFrom('progress_reports').select(['id', 'text', 'author_name', 'author_unit_name', 'created_at']).where('application_id', '=', app.id).orderBy('created_at', 'desc').orderBy('id', 'desc').execute(),
        tx.selectFrom('jurisdictions').select(['name', 'code']).where('id', '=', app.jurisdiction_id).executeTakeFirstOrThrow(),
      ]);
      const scored = scoreApplication(app, basis, assessments);
      const byIndicator = new Map(assessments.map((x) => [x.indicator_id, x]));
      const today = ctx.services.today();
      const decided = app.status === 'evaluation' || app.status === 'named' || app.status === 'not_passed';
      return {
        ...applicationSummary(app),
        jurisdictionName: place.name,
        jurisdictionCode: place.code,
        campaign: {
          id: basis.campaign.id,
          name: basis.campaign.name,
          year: basis.campaign.year,
          ownerName: basis.campaign.owner_name,
          submitDeadline: basis.campaign.submit_deadline,
          reviewDeadline: basis.campaign.review_deadline,
          passLine: points(basis.campaign.pass_line)!,
          vetoFails: basis.campaign.veto_fails,
          target: { numerator: basis.campaign.target_numerator, denominator: basis.campaign.target_denominator },
        },
        system: { versionId: basis.version.id, name: basis.version.system_name, versionNo: basis.version.version_no, satisfactionPct: basis.version.satisfaction_pct },
        progress: progressDto(scored.total),
        /** The verdict on the reviewed scores and the satisfaction survey; null before the review is complete. */
        result: decided
          ? { finalScore: points(scored.verdict.score)!, reachesPassLine: scored.verdict.reachesPassLine, vetoed: scored.verdict.vetoed, passes: scored.verdict.passes, satisfactionMissing: scored.facts.satisfactionMissing }
          : null,
        tree: treeOf(basis.nodes, (n, leaf) => {
          const x = leaf ? byIndicator.get(n.id) : undefined;
          return {
            subtotal: subtotalDto(scored.byNode.get(n.id)),
            assessment: x ? { ...assessmentDto(x), files: files.byAssessment.get(x.id) ?? [] } : null,
          };
        }),
        reports: reports.map((r) => ({ id: r.id, text: r.text, authorName: r.author_name, authorUnitName: r.author_unit_name, createdAt: iso(r.created_at)!, files: files.byReport.get(r.id) ?? [] })),
        timeline,
        allowed: availableApplicationActions(ctx.ability, applicationRecord(app), scored.facts, today),
      };
    }),
  );

import { APPLICATION_STATUSES, campaignBoardInput, meetsTarget, neededFor, percentOf, shareText, subjectOf } from '@fz/domain';
import type { ApplicationStatus, Fraction } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { allowedWhere } from '../../../sql/ability-where.js';
import { inSubtree } from '../../../sql/subtree.js';
import { readableJurisdiction } from '../../jurisdictions/queries.js';
import { applicationColumns } from '../applications/queries.js';
import { applicationLines } from '../applications/rows.js';
import { campaignDto, campaignRecord, visibleCampaign } from './queries.js';

function share(count: number, total: number, target: Fraction) {
  return { count, total, percent: percentOf(count, total), meetsTarget: meetsTarget(count, total, target), text: shareText(count, total, target), textEn: shareText(count, total, target, 'en-US') };
}

/**
 * The progress board (创建进度) of a campaign at a node: one row per participant in the node's
 * subtree the caller may read (status, completion, self vs reviewed score, veto hits, last
 * report), and the share of named (and of on-track) participants there against the target,
 * e.g. "9 / 13 = 69%,目标 2/3 ✓". The owner's board by default; a county sees its own townships.
 */
export const campaignBoard = authorized('read', 'Campaign')
  .input(campaignBoardInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const campaign = await visibleCampaign(tx, ctx.ability, input.id);
      const own = ctx.principal.jurisdiction;
      const node =
        input.jurisdictionId !== undefined
          ? await readableJurisdiction(tx, ctx.ability, input.jurisdictionId)
          : ctx.ability.can('read', subjectOf('Campaign', campaignRecord(campaign)))
            ? await readableJurisdiction(tx, ctx.ability, campaign.jurisdiction_id)
            : await readableJurisdiction(tx, ctx.ability, own.id);
      const apps = await tx
        .selectFrom('applications as a')
        .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
        .select([...applicationColumns, 'j.name as jurisdiction_name'])
        .where('a.campaign_id', '=', campaign.id)
        .where(inSubtree('a', { id: node.id, level: node.level }))
        .where(allowedWhere(ctx.ability, 'read', 'Application', 'a'))
        .orderBy('a.jurisdiction_id')
        .execute();
      const rows = await applicationLines(tx, apps, ctx.services.today());
      const target = { numerator: campaign.target_numerator, denominator: campaign.target_denominator };
      const byStatus = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>;
      for (const r of rows) byStatus[r.status] += 1;
      const named = byStatus.named;
      const onTrack = rows.filter((r) => r.onTrack).length;
      return {
        campaign: campaignDto(campaign),
        node: { id: node.id, name: node.name, level: node.level },
        rows,
        summary: {
          total: rows.length,
          byStatus,
          target,
          /** Named participants needed at this node to reach the target. */
          needed: neededFor(rows.length, target),
          named: share(named, rows.length, target),
          onTrack: share(onTrack, rows.length, target),
          vetoHits: rows.filter((r) => r.vetoHits > 0).length,
          reviewOverdue: rows.filter((r) => r.reviewOverdue).length,
          submissionOverdue: rows.filter((r) => r.submissionOverdue).length,
        },
      };
    }),
  );

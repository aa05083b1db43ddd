import { campaignGetInput, subjectOf } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { allowedWhere } from '../../../sql/ability-where.js';
import { campaignDto, campaignRecord, visibleCampaign } from './queries.js';

/** One campaign with its standard, how many take part (that the caller sees), the caller's own application if any, and what the caller may do. */
export const getCampaign = authorized('read', 'Campaign')
  .input(campaignGetInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const c = await visibleCampaign(tx, ctx.ability, input.id);
      const [version, counts, mine] = await Promise.all([
        tx
          .selectFrom('indicator_versions as v')
          .innerJoin('indicator_systems as s', 's.id', 'v.system_id')
          .select(['v.id', 'v.version_no', 'v.satisfaction_pct', 'v.jurisdiction_id', 's.name'])
          .where('v.id', '=', c.version_id)
          .executeTakeFirstOrThrow(),
        tx
          .selectFrom('applications as a')
          .select(['a.status', (eb) => eb.fn.countAll<string>().as('n')])
          .where('a.campaign_id', '=', c.id)
          .where(allowedWhere(ctx.ability, 'read', 'Application', 'a'))
          .groupBy('a.status')
          .execute(),
        tx.selectFrom('applications').select(['id', 'status']).where('campaign_id', '=', c.id).where('jurisdiction_id', '=', ctx.principal.jurisdiction.id).executeTakeFirst(),
      ]);
      return {
        ...campaignDto(c),
        system: { versionId: version.id, name: version.name, versionNo: version.version_no, satisfactionPct: version.satisfaction_pct, ownerJurisdictionId: version.jurisdiction_id },
        participantCount: counts.reduce((s, r) => s + Number(r.n), 0),
        statusCounts: Object.fromEntries(counts.map((r) => [r.status, Number(r.n)])),
        /** The caller's own jurisdiction's application in this campaign, when it takes part. */
        myApplication: mine ? { id: mine.id, status: mine.status } : null,
        allowed: { update: ctx.ability.can('update', subjectOf('Campaign', campaignRecord(c))) },
      };
    }),
  );

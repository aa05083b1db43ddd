import { sql } from 'kysely';
import { campaignListInput, meetsTarget, shareText } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { allowedWhere } from '../../../sql/ability-where.js';
import { inSubtree, listRoot } from '../../../sql/subtree.js';
import { campaignColumns, campaignDto } from './queries.js';

/**
 * Campaigns at a node: those its subtree runs, and those a participant in its subtree takes part
 * in (a township sees the city's campaign it is enrolled in), newest year first, with the node's
 * participant and named counts and its share against the target.
 */
export const listCampaigns = authorized('read', 'Campaign')
  .input(campaignListInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const root = await listRoot(tx, ctx.ability, ctx.principal, input.jurisdictionId);
      const here = (alias: string) => sql`${inSubtree(alias, root)} and ${allowedWhere(ctx.ability, 'read', 'Campaign', alias)}`;
      let q = tx
        .selectFrom('campaigns as c')
        .innerJoin('indicator_versions as v', 'v.id', 'c.version_id')
        .innerJoin('indicator_systems as s', 's.id', 'v.system_id')
        .select([
          ...campaignColumns,
          's.name as system_name',
          'v.version_no',
          sql<number>`(select count(*) from applications a where a.campaign_id = c.id and ${here('a')})::int`.as('participants'),
          sql<number>`(select count(*) from applications a where a.campaign_id = c.id and a.status = 'named' and ${here('a')})::int`.as('named'),
        ])
        .where((eb) => eb.or([sql<boolean>`${here('c')}`, eb.exists(eb.selectFrom('applications as a').select('a.id').whereRef('a.campaign_id', '=', 'c.id').where(sql<boolean>`${here('a')}`))]))
        .orderBy('c.year', 'desc')
        .orderBy('c.id', 'desc')
        .limit(200);
      if (input.year !== undefined) q = q.where('c.year', '=', input.year);
      const rows = await q.execute();
      return rows.map((c) => {
        const target = { numerator: c.target_numerator, denominator: c.target_denominator };
        const participants = Number(c.participants);
        const named = Number(c.named);
        return {
          ...campaignDto(c),
          systemName: c.system_name,
          versionNo: c.version_no,
          participants,
          named,
          meetsTarget: meetsTarget(named, participants, target),
          share: shareText(named, participants, target),
        };
      });
    }),
  );

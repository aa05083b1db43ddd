import { sql } from 'kysely';
import { applicationListInput } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { allowedWhere } from '../../../sql/ability-where.js';
import { decodeCursor, encodeCursor, numberAt } from '../../../sql/cursor.js';
import { inSubtree, listRoot } from '../../../sql/subtree.js';
import { applicationColumns } from './queries.js';
import { applicationLines } from './rows.js';

/**
 * Applications of participants in a node's subtree (a township's own when it asks for nothing
 * else), newest campaign first, each with the campaign's name and its progress line.
 */
export const listApplications = authorized('read', 'Application')
  .input(applicationListInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const root = await listRoot(tx, ctx.ability, ctx.principal, input.jurisdictionId);
      let q = tx
        .selectFrom('applications as a')
        .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
        .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
        .select([...applicationColumns, 'j.name as jurisdiction_name', 'c.name as campaign_name', 'c.year', 'c.owner_name', 'c.submit_deadline', 'c.review_deadline'])
        .where(inSubtree('a', root))
        .where(allowedWhere(ctx.ability, 'read', 'Application', 'a'))
        .orderBy('a.id', 'desc')
        .limit(input.limit + 1);
      if (input.campaignId !== undefined) q = q.where('a.campaign_id', '=', input.campaignId);
      if (input.status?.length) q = q.where('a.status', 'in', input.status);
      const after = decodeCursor(input.cursor);
      if (after) q = q.where(sql<boolean>`a.id < ${numberAt(after, 0)}`);
      const rows = await q.execute();
      const page = rows.slice(0, input.limit);
      const lines = await applicationLines(tx, page, ctx.services.today());
      const last = page.at(-1);
      return {
        items: lines.map((line, i) => {
          const r = page[i]!;
          return { ...line, campaign: { id: r.campaign_id, name: r.campaign_name, year: r.year, ownerName: r.owner_name, submitDeadline: r.submit_deadline, reviewDeadline: r.review_deadline } };
        }),
        nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
      };
    }),
  );

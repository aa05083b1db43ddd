import { sql } from 'kysely';
import type { SqlBool } from 'kysely';
import { annualReportListInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, numberAt } from '../../sql/cursor.js';
import { inSubtree, listRoot } from '../../sql/subtree.js';
import { reportColumns, reportSummary } from './queries.js';

/**
 * Reports around a node (the caller's own by default), newest year first: the node's own, the
 * ones it reviews (its direct children's, whatever their status), or every report of its subtree.
 */
export const listReports = authorized('read', 'AnnualReport')
  .input(annualReportListInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const root = await listRoot(tx, ctx.ability, ctx.principal, input.jurisdictionId);
      const after = decodeCursor(input.cursor);
      let q = tx
        .selectFrom('annual_reports as r')
        .select(reportColumns)
        .where(allowedWhere(ctx.ability, 'read', 'AnnualReport', 'r'))
        .orderBy('r.year', 'desc')
        .orderBy('r.id', 'desc')
        .limit(input.limit + 1);
      q = input.relation === 'own' ? q.where('r.jurisdiction_id', '=', root.id) : input.relation === 'review' ? q.where('r.reviewer_jurisdiction_id', '=', root.id) : q.where(inSubtree('r', root));
      if (input.year !== undefined) q = q.where('r.year', '=', input.year);
      if (input.status) q = q.where('r.status', '=', input.status);
      if (after) q = q.where(sql<SqlBool>`(r.year, r.id) < (${numberAt(after, 0)}, ${numberAt(after, 1)})`);
      const rows = await q.execute();
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return { items: page.map(reportSummary), nextCursor: rows.length > input.limit && last ? encodeCursor([last.year, last.id]) : null };
    }),
  );

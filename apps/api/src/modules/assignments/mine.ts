import { assignmentsMineInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, numberAt } from '../../sql/cursor.js';
import { describeAssignments } from './describe.js';
import { assignmentQuery } from './queries.js';

/** The tasks handed to the caller's unit, newest first, each with its state for the period in view. */
export const myAssignments = authorized('read', 'PlanAssignment')
  .input(assignmentsMineInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const after = decodeCursor(input.cursor);
      let q = assignmentQuery(tx)
        .where('a.unit_id', '=', ctx.principal.unitId)
        .where(allowedWhere(ctx.ability, 'read', 'PlanAssignment', 'a'))
        .orderBy('a.id', 'desc')
        .limit(input.limit + 1);
      if (input.planId !== undefined) q = q.where('a.plan_id', '=', input.planId);
      if (after) q = q.where('a.id', '<', numberAt(after, 0));
      const rows = await q.execute();
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: await describeAssignments(tx, ctx.ability, page, { period: input.period, today: ctx.services.today() }),
        nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
      };
    }),
  );

import { assignmentsMineInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, numberAt } from '../../sql/cursor.js';
import { describeAssignments } from './describe.js';
import { assignmentQuery } from './queries.js';

/**
 * The tasks handed to the caller's unit, the newest plan first and each plan's tasks in the
 * document's order (1, 2, 3 …), each with its state for the period in view. Keyset pages on
 * (plan, position in the plan, assignment).
 */
export const myAssignments = authorized('read', 'PlanAssignment')
  .input(assignmentsMineInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const after = decodeCursor(input.cursor);
      let q = assignmentQuery(tx)
        .select('t.position as task_position')
        .where('a.unit_id', '=', ctx.principal.unitId)
        .where(allowedWhere(ctx.ability, 'read', 'PlanAssignment', 'a'))
        .orderBy('a.plan_id', 'desc')
        .orderBy('t.position')
        .orderBy('a.id')
        .limit(input.limit + 1);
      if (input.planId !== undefined) q = q.where('a.plan_id', '=', input.planId);
      if (after) {
        const [plan, position, id] = [numberAt(after, 0), numberAt(after, 1), numberAt(after, 2)];
        q = q.where((eb) =>
          eb.or([
            eb('a.plan_id', '<', plan),
            eb.and([eb('a.plan_id', '=', plan), eb.or([eb('t.position', '>', position), eb.and([eb('t.position', '=', position), eb('a.id', '>', id)])])]),
          ]),
        );
      }
      const rows = await q.execute();
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: await describeAssignments(tx, ctx.ability, page, { period: input.period, today: ctx.services.today() }),
        nextCursor: rows.length > input.limit && last ? encodeCursor([last.plan_id, last.task_position, last.id]) : null,
      };
    }),
  );

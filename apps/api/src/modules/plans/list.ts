import { planListInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, numberAt } from '../../sql/cursor.js';
import { inSubtree, listRoot } from '../../sql/subtree.js';
import { planColumns, planDto } from './queries.js';

/**
 * Plans of a node, newest first: those it issued, those issued anywhere in its subtree, or the
 * published plans of the caller's ancestors (the ones a lower level implements and links to).
 */
export const listPlans = authorized('read', 'Plan')
  .input(planListInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const after = decodeCursor(input.cursor);
      let q = tx
        .selectFrom('plans as p')
        .select([...planColumns, (eb) => eb.selectFrom('plan_tasks as t').select((e) => e.fn.countAll<string>().as('n')).whereRef('t.plan_id', '=', 'p.id').as('task_count')])
        .where(allowedWhere(ctx.ability, 'read', 'Plan', 'p'))
        .orderBy('p.id', 'desc')
        .limit(input.limit + 1);
      if (input.relation === 'above') {
        const j = ctx.principal.jurisdiction;
        const above = [j.provinceId, j.cityId, j.countyId].filter((id): id is number => id !== null && id !== j.id);
        if (above.length === 0) return { items: [], nextCursor: null };
        q = q.where('p.jurisdiction_id', 'in', above).where('p.status', '=', 'published');
      } else {
        const root = await listRoot(tx, ctx.ability, ctx.principal, input.jurisdictionId);
        q = input.relation === 'issued' ? q.where('p.jurisdiction_id', '=', root.id) : q.where(inSubtree('p', root));
      }
      if (input.status) q = q.where('p.status', '=', input.status);
      if (after) q = q.where('p.id', '<', numberAt(after, 0));
      const rows = await q.execute();
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({ ...planDto(r), taskCount: Number(r.task_count ?? 0) })),
        nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
      };
    }),
  );

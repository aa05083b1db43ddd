import { AppError, PLAN_MESSAGES, planCoverageInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { planDto, planTasks, visiblePlan } from './queries.js';

/**
 * 贯彻落实情况: for each task of a published plan, which child jurisdictions of the issuer took
 * it up, i.e. published a plan of their own with a task linked to it ("which of my 29 tasks has
 * each county taken up"). Children and their plans count only as far as the caller may read them.
 */
export const planCoverage = authorized('read', 'Plan')
  .input(planCoverageInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const plan = await visiblePlan(tx, ctx.ability, input.planId);
      await readableJurisdiction(tx, ctx.ability, plan.jurisdiction_id);
      if (plan.status !== 'published') throw new AppError('BAD_REQUEST', PLAN_MESSAGES.notPublished);
      const tasks = await planTasks(tx, plan.id);
      // Children as the tree shows them: a placeholder pseudo-city (市辖区) stands aside for its own children.
      const children = await tx
        .selectFrom('jurisdictions as c')
        .select(['c.id', 'c.name'])
        .where('c.kind', '<>', 'placeholder')
        .where((eb) =>
          eb.or([
            eb('c.parent_id', '=', plan.jurisdiction_id),
            eb('c.parent_id', 'in', eb.selectFrom('jurisdictions as p').select('p.id').where('p.parent_id', '=', plan.jurisdiction_id).where('p.kind', '=', 'placeholder')),
          ]),
        )
        .where(allowedWhere(ctx.ability, 'read', 'Jurisdiction', 'c'))
        .orderBy('c.sort_order')
        .orderBy('c.id')
        .execute();
      const childIds = children.map((c) => c.id);
      const links =
        childIds.length === 0 || tasks.length === 0
          ? []
          : await tx
              .selectFrom('plan_tasks as t')
              .innerJoin('plans as p', 'p.id', 't.plan_id')
              .select(['t.id', 't.number', 't.title', 't.upper_task_id', 'p.id as plan_id', 'p.title as plan_title', 'p.jurisdiction_id'])
              .where(
                't.upper_task_id',
                'in',
                tasks.map((t) => t.id),
              )
              .where('p.status', '=', 'published')
              .where('p.jurisdiction_id', 'in', childIds)
              .where(allowedWhere(ctx.ability, 'read', 'Plan', 'p'))
              .orderBy('p.jurisdiction_id')
              .orderBy('p.id')
              .orderBy('t.position')
              .execute();
      const rows = tasks.map((t) => {
        const linked = links.filter((l) => l.upper_task_id === t.id);
        return {
          taskId: t.id,
          number: t.number,
          title: t.title,
          coveredBy: [...new Set(linked.map((l) => l.jurisdiction_id))],
          links: linked.map((l) => ({ jurisdictionId: l.jurisdiction_id, planId: l.plan_id, planTitle: l.plan_title, taskId: l.id, taskNumber: l.number, taskTitle: l.title })),
        };
      });
      return {
        plan: planDto(plan),
        children: children.map((c) => ({ id: c.id, name: c.name, covered: rows.filter((r) => r.coveredBy.includes(c.id)).length, total: tasks.length })),
        tasks: rows,
      };
    }),
  );

import { AppError, PLAN_MESSAGES, planLinkInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { checkUpperTasks } from './draft-tasks.js';
import { planDetail } from './get.js';
import { assertPlanVersion, planRecord, planReturning, visiblePlan } from './queries.js';

/**
 * 贯彻落实: which upper task each of the plan's tasks implements (null: none). Allowed on a
 * published plan too: the link is the only part of its tasks that still changes.
 */
export const linkTasks = authorized('update', 'Plan')
  .input(planLinkInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visiblePlan(tx, ctx.ability, input.planId, 'update');
      assertPlanVersion(before, input.version);
      const taskIds = [...new Set(input.links.map((l) => l.taskId))];
      const own = await tx.selectFrom('plan_tasks').select(['id', 'upper_task_id']).where('plan_id', '=', before.id).where('id', 'in', taskIds).execute();
      if (own.length !== taskIds.length) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.taskNotInPlan);
      const place = { jurisdictionId: before.jurisdiction_id, provinceId: before.province_id, cityId: before.city_id, countyId: before.county_id, townshipId: before.township_id };
      await checkUpperTasks(
        tx,
        ctx.ability,
        place,
        input.links.map((l) => l.upperTaskId).filter((id): id is number => id !== null),
      );
      const was = new Map(own.map((t) => [t.id, t.upper_task_id]));
      const changed = input.links.filter((l) => was.get(l.taskId) !== l.upperTaskId);
      for (const l of changed) await tx.updateTable('plan_tasks').set({ upper_task_id: l.upperTaskId }).where('id', '=', l.taskId).where('plan_id', '=', before.id).execute();
      const after = await tx
        .updateTable('plans')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', before.id)
        .returning(planReturning)
        .executeTakeFirstOrThrow();
      await ctx.audit(tx, {
        action: 'plan.link',
        subjectType: 'Plan',
        subjectId: after.id,
        jurisdiction: planRecord(after),
        unitId: ctx.principal.unitId,
        before: changed.map((l) => ({ taskId: l.taskId, upperTaskId: was.get(l.taskId) ?? null })),
        after: changed,
      });
      return planDetail(tx, ctx.ability, after);
    }),
  );

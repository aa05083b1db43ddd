import { AppError, PLAN_MESSAGES, planRemindInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { planPeriod } from './period.js';
import { planRecord, visiblePlan } from './queries.js';

/**
 * 催报: a reminder to every unit holding a task of the plan with no report for the period. At
 * most one per unit, task and day, so pressing the button twice (or a resend) adds nothing.
 */
export const remindPlan = authorized('remind', 'Plan')
  .input(planRemindInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const plan = await visiblePlan(tx, ctx.ability, input.planId, 'remind');
      if (plan.status !== 'published') throw new AppError('BAD_REQUEST', PLAN_MESSAGES.notPublished);
      const period = planPeriod(plan, input.period);
      const today = ctx.services.today();
      const missing = await tx
        .selectFrom('plan_assignments as a')
        .select(['a.id', 'a.unit_id', 'a.jurisdiction_id', 'a.province_id', 'a.city_id', 'a.county_id', 'a.township_id'])
        .where('a.plan_id', '=', plan.id)
        .where(allowedWhere(ctx.ability, 'read', 'PlanAssignment', 'a'))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('plan_reports as r').select('r.id').whereRef('r.assignment_id', '=', 'a.id').where('r.period', '=', period.key))))
        .orderBy('a.id')
        .execute();
      const from = await tx.selectFrom('units').select('name').where('id', '=', ctx.principal.unitId).executeTakeFirst();
      const fromName = from?.name ?? plan.issuer_name;
      let sent = 0;
      for (let i = 0; i < missing.length; i += 500) {
        const inserted = await tx
          .insertInto('plan_reminders')
          .values(
            missing.slice(i, i + 500).map((a) => ({
              assignment_id: a.id,
              plan_id: plan.id,
              jurisdiction_id: a.jurisdiction_id,
              province_id: a.province_id,
              city_id: a.city_id,
              county_id: a.county_id,
              township_id: a.township_id,
              unit_id: a.unit_id,
              period: period.key,
              reminder_day: today,
              from_name: fromName,
              sent_by: ctx.principal.userId,
            })),
          )
          .onConflict((oc) => oc.columns(['assignment_id', 'period', 'reminder_day']).doNothing())
          .returning('id')
          .execute();
        sent += inserted.length;
      }
      const result = { period: period.key, missing: missing.length, reminded: sent, alreadyRemindedToday: missing.length - sent, units: new Set(missing.map((a) => a.unit_id)).size };
      if (sent > 0) await ctx.audit(tx, { action: 'plan.remind', subjectType: 'Plan', subjectId: plan.id, jurisdiction: planRecord(plan), unitId: ctx.principal.unitId, after: result });
      return result;
    }),
  );

import { AppError, PLAN_MESSAGES, planCreateDraftInput, planSaveDraftInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { insertTasks, resolveTasks } from './draft-tasks.js';
import type { PlanPlace } from './draft-tasks.js';
import { planDetail } from './get.js';
import { issuingJurisdiction } from './preview.js';
import { assertPlanVersion, planColumns, planRecord, planReturning, planSnapshot, visiblePlan } from './queries.js';
import type { PlanRow } from './queries.js';

const placeOf = (r: PlanRow): PlanPlace => ({ jurisdictionId: r.jurisdiction_id, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id });

/**
 * A new draft plan, from the import preview (after review) or typed in. With an idempotency
 * key, a resent request returns the plan the first one made instead of a second copy.
 */
export const createDraft = authorized('create', 'Plan')
  .input(planCreateDraftInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const j = await issuingJurisdiction(tx, ctx.ability, input.jurisdictionId);
      const place: PlanPlace = { jurisdictionId: j.id, provinceId: j.provinceId, cityId: j.cityId, countyId: j.countyId, townshipId: j.townshipId };
      const tasks = await resolveTasks(tx, ctx.ability, place, input.tasks, input.unitMappings);
      const row = await tx
        .insertInto('plans')
        .values({
          jurisdiction_id: j.id,
          province_id: j.provinceId,
          city_id: j.cityId,
          county_id: j.countyId,
          township_id: j.townshipId,
          issuer_name: j.name,
          title: input.title,
          kind: input.kind,
          period_start: input.periodStart,
          period_end: input.periodEnd,
          report_cycle: input.reportCycle,
          report_grace_days: input.reportGraceDays,
          sections: JSON.stringify(input.sections),
          source_name: input.sourceName ?? null,
          idempotency_key: input.idempotencyKey ?? null,
          published_at: null,
          published_by: null,
          created_by: ctx.principal.userId,
        })
        .onConflict((oc) => oc.columns(['jurisdiction_id', 'idempotency_key']).doNothing())
        .returning(planReturning)
        .executeTakeFirst();
      if (!row) {
        // The same key again: the first request's plan, untouched.
        const first = await tx.selectFrom('plans as p').select(planColumns).where('p.jurisdiction_id', '=', j.id).where('p.idempotency_key', '=', input.idempotencyKey!).executeTakeFirstOrThrow();
        return planDetail(tx, ctx.ability, first);
      }
      await insertTasks(tx, row.id, place, tasks);
      await ctx.audit(tx, { action: 'plan.create', subjectType: 'Plan', subjectId: row.id, jurisdiction: planRecord(row), unitId: ctx.principal.unitId, after: planSnapshot(row, tasks.length) });
      return planDetail(tx, ctx.ability, row);
    }),
  );

/** Replaces a draft's fields, sections and tasks (a draft's tasks are rewritten whole). */
export const saveDraft = authorized('update', 'Plan')
  .input(planSaveDraftInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visiblePlan(tx, ctx.ability, input.id, 'update');
      if (before.status !== 'draft') throw new AppError('BAD_REQUEST', PLAN_MESSAGES.notDraft);
      assertPlanVersion(before, input.version);
      const place = placeOf(before);
      const tasks = await resolveTasks(tx, ctx.ability, place, input.tasks, input.unitMappings);
      await tx.deleteFrom('plan_tasks').where('plan_id', '=', before.id).execute();
      await insertTasks(tx, before.id, place, tasks);
      const after = await tx
        .updateTable('plans')
        .set((eb) => ({
          title: input.title,
          kind: input.kind,
          period_start: input.periodStart,
          period_end: input.periodEnd,
          report_cycle: input.reportCycle,
          report_grace_days: input.reportGraceDays,
          sections: JSON.stringify(input.sections),
          ...(input.sourceName !== undefined && { source_name: input.sourceName }),
          version: eb('version', '+', 1),
          updated_at: new Date(),
        }))
        .where('id', '=', before.id)
        .returning(planReturning)
        .executeTakeFirstOrThrow();
      await ctx.audit(tx, { action: 'plan.update', subjectType: 'Plan', subjectId: after.id, jurisdiction: planRecord(after), unitId: ctx.principal.unitId, before: planSnapshot(before), after: planSnapshot(after, tasks.length) });
      return planDetail(tx, ctx.ability, after);
    }),
  );

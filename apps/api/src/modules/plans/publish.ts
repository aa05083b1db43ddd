import { sql } from 'kysely';
import { AppError, PLAN_MESSAGES, planPublishInput } from '@fz/domain';
import type { Tx } from '@fz/db';
import { authorized } from '../../trpc/init.js';
import { planDetail } from './get.js';
import type { PlanRow } from './queries.js';
import { assertPlanVersion, planRecord, planReturning, planSnapshot, planTasks, visiblePlan } from './queries.js';

interface ChildUnit {
  jurisdictionId: number;
  name: string;
  unitId: number | null;
  provinceId: number;
  cityId: number | null;
  countyId: number | null;
  townshipId: number | null;
}

/**
 * The children a "各镇街"-style task goes to, each with the unit that receives it (the township
 * government, else the office, else the first unit). A placeholder pseudo-city (市辖区) is
 * skipped for its own children, as the jurisdiction tree shows it.
 */
async function childrenWithUnits(tx: Tx, issuerId: number): Promise<ChildUnit[]> {
  const { rows } = await sql<{ id: number; name: string; province_id: number; city_id: number | null; county_id: number | null; township_id: number | null; unit_id: number | null }>`
    select c.id, c.name, c.province_id, c.city_id, c.county_id, c.township_id,
      (select u.id from units u where u.jurisdiction_id = c.id and u.is_active
        order by case u.kind when 'township_government' then 0 when 'office' then 1 else 2 end, u.sort_order, u.id limit 1) as unit_id
    from jurisdictions c
    where c.kind <> 'placeholder'
      and (c.parent_id = ${issuerId}
        or c.parent_id in (select p.id from jurisdictions p where p.parent_id = ${issuerId} and p.kind = 'placeholder'))
    order by c.sort_order, c.id`.execute(tx);
  return rows.map((r) => ({ jurisdictionId: r.id, name: r.name, unitId: r.unit_id, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id }));
}

const BATCH = 500;

/** One assignment per named unit and, for "各镇街" tasks, per child jurisdiction; a repeat adds nothing. */
async function assign(tx: Tx, plan: PlanRow): Promise<number> {
  const tasks = await planTasks(tx, plan.id);
  if (tasks.length === 0) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.noTasksToPublish);
  const pending = [...new Set(tasks.flatMap((t) => t.units.filter((u) => u.unitId === null).map((u) => u.name)))];
  if (pending.length > 0) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.pendingUnits(pending));
  const orphans = tasks.filter((t) => t.units.length === 0 && !t.allChildren).map((t) => t.number);
  if (orphans.length > 0) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.taskWithoutAssignee(orphans));
  const children = tasks.some((t) => t.allChildren) ? await childrenWithUnits(tx, plan.jurisdiction_id) : [];
  const unitless = children.filter((c) => c.unitId === null).map((c) => c.name);
  if (unitless.length > 0) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.childWithoutUnit(unitless));
  const issuer = { jurisdiction_id: plan.jurisdiction_id, province_id: plan.province_id, city_id: plan.city_id, county_id: plan.county_id, township_id: plan.township_id };
  const rows = tasks.flatMap((t) => [
    ...t.units.map((u) => ({ ...issuer, plan_id: plan.id, task_id: t.id, issuer_jurisdiction_id: plan.jurisdiction_id, unit_id: u.unitId!, kind: 'unit' as const, is_lead: u.lead })),
    ...(t.allChildren ? children : []).map((c) => ({
      plan_id: plan.id,
      task_id: t.id,
      issuer_jurisdiction_id: plan.jurisdiction_id,
      jurisdiction_id: c.jurisdictionId,
      province_id: c.provinceId,
      city_id: c.cityId,
      county_id: c.countyId,
      township_id: c.townshipId,
      unit_id: c.unitId!,
      kind: 'child' as const,
      is_lead: false,
    })),
  ]);
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx
      .insertInto('plan_assignments')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(['task_id', 'unit_id']).doNothing())
      .execute();
  }
  return rows.length;
}

/**
 * 印发: hands every task to its units and, for "各镇街" tasks, to every child jurisdiction, in
 * one transaction, and freezes the tasks. Publishing a published plan again changes nothing
 * and answers the same (a client may resend).
 */
export const publishPlan = authorized('publish', 'Plan')
  .input(planPublishInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visiblePlan(tx, ctx.ability, input.id, 'publish');
      if (before.status === 'published') return planDetail(tx, ctx.ability, before);
      assertPlanVersion(before, input.version);
      const assignments = await assign(tx, before);
      const after = await tx
        .updateTable('plans')
        .set((eb) => ({ status: 'published', published_at: new Date(), published_by: ctx.principal.userId, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', before.id)
        .returning(planReturning)
        .executeTakeFirstOrThrow();
      await ctx.audit(tx, { action: 'plan.publish', subjectType: 'Plan', subjectId: after.id, jurisdiction: planRecord(after), unitId: ctx.principal.unitId, before: planSnapshot(before), after: { ...planSnapshot(after), assignments } });
      return planDetail(tx, ctx.ability, after);
    }),
  );

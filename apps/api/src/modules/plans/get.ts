import { planGetInput, subjectOf } from '@fz/domain';
import type { AppAbility } from '@fz/domain';
import type { Tx } from '@fz/db';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import type { PlanRow } from './queries.js';
import { planDto, planRecord, planTasks, visiblePlan } from './queries.js';

/** The upper tasks a plan's tasks implement, as the caller may see them. */
async function upperTasks(tx: Tx, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('plan_tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.number', 't.title', 'p.id as plan_id', 'p.title as plan_title', 'p.issuer_name', 'p.jurisdiction_id'])
    .where('t.id', 'in', ids)
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, title: r.title, planId: r.plan_id, planTitle: r.plan_title, issuerName: r.issuer_name, jurisdictionId: r.jurisdiction_id }));
}

/** A plan with its sections, tasks, units, links and what the caller may do with it. */
export async function planDetail(tx: Tx, ability: AppAbility, row: PlanRow) {
  const tasks = await planTasks(tx, row.id);
  const [uppers, assigned] = await Promise.all([
    upperTasks(tx, [...new Set(tasks.map((t) => t.upperTaskId).filter((id): id is number => id !== null))]),
    tx
      .selectFrom('plan_assignments as a')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('a.plan_id', '=', row.id)
      .where(allowedWhere(ability, 'read', 'PlanAssignment', 'a'))
      .executeTakeFirstOrThrow(),
  ]);
  const rec = subjectOf('Plan', planRecord(row));
  const draft = row.status === 'draft';
  return {
    ...planDto(row),
    sections: row.sections,
    tasks,
    upperTasks: uppers,
    /** Assignments the caller may see (all of them for the issuer). */
    assignmentCount: Number(assigned.n),
    allowed: {
      update: draft && ability.can('update', rec),
      publish: draft && ability.can('publish', rec),
      link: ability.can('update', rec),
      remind: !draft && ability.can('remind', rec),
    },
  };
}
export type PlanDetail = Awaited<ReturnType<typeof planDetail>>;

/** One plan: the caller's own or its subtree's, or a published plan of a level above. */
export const getPlan = authorized('read', 'Plan')
  .input(planGetInput)
  .query(({ ctx, input }) => ctx.tx(async (tx) => planDetail(tx, ctx.ability, await visiblePlan(tx, ctx.ability, input.id))));

import { sql } from 'kysely';
import { ancestorIdsOfCode } from '@fz/domain';
import type { Db } from '@fz/db';

export interface PlanFixture {
  /** Published, one task handed to the unit (assignment `assignmentId`), nothing reported for `period`. */
  publishedId: number;
  assignmentId: number;
  /** A draft with one task for the same unit. */
  draftId: number;
  draftVersion: number;
  draftTaskId: number;
}

/** A reporting period inside the fixture plans (2020–2030, quarterly) and in the past whatever the clock says. */
export const FIXTURE_PERIOD = '2021-Q1';

/**
 * A published plan of `code` whose one task went to `unitId`, and a draft plan of `code`: one
 * statement, as the system (owner) role. The draft is inserted before anything is published,
 * since a published plan's tasks and units are frozen.
 */
export async function makePlanFixture(db: Db, code: string, unitId: number): Promise<PlanFixture> {
  const j = Number(code);
  const a = ancestorIdsOfCode(code);
  const at = sql`${j}, ${a.provinceId}, ${a.cityId}, ${a.countyId}, ${a.townshipId}`;
  const { rows } = await sql<{ published_id: number; assignment_id: number; draft_id: number; draft_version: number; draft_task_id: number }>`
    with plan as (
      insert into plans (jurisdiction_id, province_id, city_id, county_id, township_id, issuer_name, title, kind, period_start, period_end, report_cycle)
      values (${at}, '矩阵', '矩阵方案', 'implementation_plan', '2020-01-01', '2030-12-31', 'quarter'), (${at}, '矩阵', '矩阵草稿', 'implementation_plan', '2020-01-01', '2030-12-31', 'quarter')
      returning id, title, version),
    task as (
      insert into plan_tasks (plan_id, jurisdiction_id, province_id, city_id, county_id, township_id, position, number, title, text)
      select id, ${at}, 0, '1', '矩阵任务', '矩阵任务内容' from plan
      returning id, plan_id),
    unit as (
      insert into plan_task_units (task_id, plan_id, jurisdiction_id, province_id, city_id, county_id, township_id, position, unit_id, unit_name, is_lead)
      select id, plan_id, ${at}, 0, ${unitId}, '矩阵单位', true from task
      returning task_id),
    assignment as (
      insert into plan_assignments (plan_id, task_id, issuer_jurisdiction_id, jurisdiction_id, province_id, city_id, county_id, township_id, unit_id, kind, is_lead)
      select t.plan_id, t.id, ${j}, ${at}, ${unitId}, 'unit', true from task t join plan p on p.id = t.plan_id where p.title = '矩阵方案'
      returning id, plan_id)
    select (select plan_id from assignment) as published_id, (select id from assignment) as assignment_id,
      (select id from plan where title = '矩阵草稿') as draft_id, (select version from plan where title = '矩阵草稿') as draft_version,
      (select t.id from task t join plan p on p.id = t.plan_id where p.title = '矩阵草稿') as draft_task_id`.execute(db);
  const r = rows[0]!;
  // Published last: the freeze trigger would refuse the units of a plan already published.
  await db.updateTable('plans').set({ status: 'published', published_at: new Date() }).where('id', '=', r.published_id).execute();
  return { publishedId: r.published_id, assignmentId: r.assignment_id, draftId: r.draft_id, draftVersion: r.draft_version, draftTaskId: r.draft_task_id };
}

import type { Selectable } from 'kysely';
import { AppError, MESSAGES } from '@fz/domain';
import type { Action, AppAbility, ScopedRecord } from '@fz/domain';
import type { PlanTable, Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';

export const planColumns = [
  'p.id',
  'p.jurisdiction_id',
  'p.province_id',
  'p.city_id',
  'p.county_id',
  'p.township_id',
  'p.issuer_name',
  'p.title',
  'p.kind',
  'p.period_start',
  'p.period_end',
  'p.report_cycle',
  'p.report_grace_days',
  'p.sections',
  'p.status',
  'p.source_name',
  'p.published_at',
  'p.version',
  'p.created_at',
  'p.updated_at',
] as const;

type Unqualified<T extends string> = T extends `p.${infer C}` ? C : never;
export type PlanRow = Pick<Selectable<PlanTable>, Unqualified<(typeof planColumns)[number]>>;
export const planReturning = planColumns.map((c) => c.slice(2) as Unqualified<typeof c>);

/** What abilities judge a plan by: the issuer's place and whether it is published. */
export function planRecord(r: Pick<PlanRow, 'id' | 'jurisdiction_id' | 'province_id' | 'city_id' | 'county_id' | 'township_id' | 'status'>): ScopedRecord & { jurisdictionId: number } {
  return { id: r.id, jurisdictionId: r.jurisdiction_id, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id, status: r.status };
}

/**
 * A plan the caller may `action`: NOT_FOUND when RLS hides it, FORBIDDEN when only the ability
 * refuses. A change then reads the row again FOR UPDATE, which PostgreSQL filters by the UPDATE
 * policies too: a published plan of an ancestor (readable, never writable) is NOT_FOUND to a
 * writer even when the ability alone would let it through.
 */
export async function visiblePlan(tx: Tx, ability: AppAbility, id: number, action: Action = 'read'): Promise<PlanRow> {
  const select = () => tx.selectFrom('plans as p').select(planColumns).where('p.id', '=', id);
  const row = await select().executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'Plan', planRecord(row));
  if (action === 'read') return row;
  assertCan(ability, action, 'Plan', planRecord(row));
  const locked = await select().forUpdate().executeTakeFirst();
  if (!locked) throw notFound();
  return locked;
}

export function assertPlanVersion(row: PlanRow, version: number): void {
  if (row.version !== version) throw new AppError('CONFLICT', MESSAGES.conflict);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function planDto(r: PlanRow) {
  return {
    id: r.id,
    jurisdictionId: r.jurisdiction_id,
    issuerName: r.issuer_name,
    title: r.title,
    kind: r.kind,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    reportCycle: r.report_cycle,
    reportGraceDays: r.report_grace_days,
    status: r.status,
    sourceName: r.source_name,
    publishedAt: iso(r.published_at),
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
export type PlanDto = ReturnType<typeof planDto>;

/** The fields an audit row keeps about a plan. */
export function planSnapshot(r: PlanRow, taskCount?: number) {
  return { title: r.title, kind: r.kind, periodStart: r.period_start, periodEnd: r.period_end, reportCycle: r.report_cycle, status: r.status, version: r.version, ...(taskCount !== undefined && { taskCount }) };
}

export interface TaskUnitDto {
  unitId: number | null;
  name: string;
  lead: boolean;
}

/** The tasks of a plan in order, each with its units (names as written, resolved ids). */
export async function planTasks(tx: Tx, planId: number) {
  const [tasks, units] = await Promise.all([
    tx
      .selectFrom('plan_tasks')
      .select(['id', 'position', 'section_index', 'number', 'title', 'text', 'all_children', 'note', 'deadline', 'upper_task_id'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute(),
    tx.selectFrom('plan_task_units').select(['task_id', 'unit_id', 'unit_name', 'is_lead']).where('plan_id', '=', planId).orderBy('task_id').orderBy('position').execute(),
  ]);
  const byTask = new Map<number, TaskUnitDto[]>();
  for (const u of units) {
    const list = byTask.get(u.task_id) ?? [];
    list.push({ unitId: u.unit_id, name: u.unit_name, lead: u.is_lead });
    byTask.set(u.task_id, list);
  }
  return tasks.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    text: t.text,
    sectionIndex: t.section_index,
    units: byTask.get(t.id) ?? [],
    allChildren: t.all_children,
    note: t.note,
    deadline: t.deadline,
    upperTaskId: t.upper_task_id,
  }));
}
export type PlanTaskDto = Awaited<ReturnType<typeof planTasks>>[number];

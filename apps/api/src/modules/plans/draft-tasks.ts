import { AppError, PLAN_MESSAGES, subjectOf } from '@fz/domain';
import type { AncestorIds, AppAbility, PlanTaskInput } from '@fz/domain';
import type { Tx } from '@fz/db';

/** Where a plan sits: its issuer and the issuer's ancestors. */
export interface PlanPlace extends AncestorIds {
  jurisdictionId: number;
}

interface ResolvedUnit {
  unitId: number | null;
  name: string;
  lead: boolean;
}

export interface ResolvedTask extends Omit<PlanTaskInput, 'units'> {
  units: ResolvedUnit[];
}

const ancestorsOf = (p: PlanPlace) => [p.provinceId, p.cityId, p.countyId, p.townshipId].filter((id): id is number => id !== null && id !== p.jurisdictionId);

/**
 * Applies the user's mappings to the names the importer left unmatched (a unit, or null: keep
 * the name as a note), merges repeats of one unit, and keeps one lead.
 */
function applyMappings(task: PlanTaskInput, mappings: Map<string, number | null>): ResolvedTask {
  const units: ResolvedUnit[] = [];
  const noted: string[] = [];
  for (const u of task.units) {
    let unitId = u.unitId;
    if (unitId === null && mappings.has(u.name)) {
      const mapped = mappings.get(u.name)!;
      if (mapped === null) {
        noted.push(u.name);
        continue;
      }
      unitId = mapped;
    }
    const same = units.find((x) => (unitId !== null ? x.unitId === unitId : x.unitId === null && x.name === u.name));
    if (same) same.lead ||= u.lead;
    else units.push({ unitId, name: u.name, lead: u.lead });
  }
  let leadSeen = false;
  for (const u of units) {
    u.lead = u.lead && !leadSeen;
    leadSeen ||= u.lead;
  }
  const note = [task.note, ...noted].filter((s) => s.length > 0).join('、').slice(0, 500);
  return { ...task, units, note };
}

/**
 * Checks and completes a draft's tasks: every unit is an active unit of the issuer (its name
 * then stored as the unit's own), every upper task a task of a published plan of an ancestor.
 */
export async function resolveTasks(tx: Tx, ability: AppAbility, place: PlanPlace, tasks: PlanTaskInput[], mappingList: Array<{ name: string; unitId: number | null }>): Promise<ResolvedTask[]> {
  const mappings = new Map(mappingList.map((m) => [m.name, m.unitId]));
  const resolved = tasks.map((t) => applyMappings(t, mappings));
  const unitIds = [...new Set(resolved.flatMap((t) => t.units.map((u) => u.unitId)).filter((id): id is number => id !== null))];
  if (unitIds.length > 0) {
    const found = await tx.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).where('jurisdiction_id', '=', place.jurisdictionId).where('is_active', '=', true).execute();
    if (found.length !== unitIds.length) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.unitNotInJurisdiction);
    const names = new Map(found.map((u) => [u.id, u.name]));
    for (const t of resolved) for (const u of t.units) if (u.unitId !== null) u.name = names.get(u.unitId)!;
  }
  await checkUpperTasks(
    tx,
    ability,
    place,
    resolved.map((t) => t.upperTaskId).filter((id): id is number => id !== null),
  );
  return resolved;
}

/** Upper tasks must be visible tasks of published plans issued by a strict ancestor of `place`. */
export async function checkUpperTasks(tx: Tx, ability: AppAbility, place: PlanPlace, ids: number[]): Promise<void> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return;
  const rows = await tx
    .selectFrom('plan_tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .select(['t.id', 'p.id as plan_id', 'p.jurisdiction_id', 'p.province_id', 'p.city_id', 'p.county_id', 'p.township_id', 'p.status'])
    .where('t.id', 'in', distinct)
    .execute();
  if (rows.length !== distinct.length) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.upperTaskNotFound);
  const above = ancestorsOf(place);
  for (const r of rows) {
    const record = { id: r.plan_id, jurisdictionId: r.jurisdiction_id, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id, status: r.status };
    if (!ability.can('read', subjectOf('Plan', record))) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.upperTaskNotFound);
    if (r.status !== 'published' || !above.includes(r.jurisdiction_id)) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.upperTaskNotAbove);
  }
}

const BATCH = 500;

/** Inserts a plan's tasks (positions in order) and their units. */
export async function insertTasks(tx: Tx, planId: number, place: PlanPlace, tasks: ResolvedTask[]): Promise<void> {
  const at = { jurisdiction_id: place.jurisdictionId, province_id: place.provinceId, city_id: place.cityId, county_id: place.countyId, township_id: place.townshipId };
  const ids: number[] = [];
  for (let i = 0; i < tasks.length; i += BATCH) {
    const rows = await tx
      .insertInto('plan_tasks')
      .values(
        tasks.slice(i, i + BATCH).map((t, k) => ({
          ...at,
          plan_id: planId,
          position: i + k,
          section_index: t.sectionIndex,
          number: t.number,
          title: t.title,
          text: t.text,
          all_children: t.allChildren,
          note: t.note,
          deadline: t.deadline,
          upper_task_id: t.upperTaskId,
        })),
      )
      .returning(['id', 'position'])
      .execute();
    for (const r of rows) ids[r.position] = r.id;
  }
  const units = tasks.flatMap((t, i) => t.units.map((u, position) => ({ ...at, plan_id: planId, task_id: ids[i]!, position, unit_id: u.unitId, unit_name: u.name, is_lead: u.lead })));
  for (let i = 0; i < units.length; i += BATCH) await tx.insertInto('plan_task_units').values(units.slice(i, i + BATCH)).execute();
}

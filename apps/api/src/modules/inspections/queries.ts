import { sql } from 'kysely';
import type { AppAbility, InspectionStatus, InspectionType, ScopedRecord } from '@fz/domain';
import { subjectOf } from '@fz/domain';
import type { Tx } from '@fz/db';
import { forbidden, notFound } from '../../trpc/init.js';

export const inspectionColumns = [
  'ins.id',
  'ins.supervising_jurisdiction_id',
  'ins.supervising_name',
  'ins.type',
  'ins.title',
  'ins.period_start',
  'ins.period_end',
  'ins.team',
  'ins.status',
  'ins.version',
  'ins.created_at',
] as const;

export interface InspectionRow {
  id: number;
  supervising_jurisdiction_id: number;
  supervising_name: string;
  type: InspectionType;
  title: string;
  period_start: string;
  period_end: string;
  team: string;
  status: InspectionStatus;
  version: number;
  created_at: Date;
}

export interface TargetRow {
  inspection_id: number;
  jurisdiction_id: number;
  name: string;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

/** An inspection is read through its targets: the inspected jurisdiction and its ancestors. */
export function targetRecord(t: Pick<TargetRow, 'jurisdiction_id' | 'province_id' | 'city_id' | 'county_id' | 'township_id'>): ScopedRecord {
  return { jurisdictionId: t.jurisdiction_id, provinceId: t.province_id, cityId: t.city_id, countyId: t.county_id, townshipId: t.township_id };
}

export async function targetsOf(tx: Tx, inspectionIds: number[]): Promise<TargetRow[]> {
  if (inspectionIds.length === 0) return [];
  return tx
    .selectFrom('inspection_targets as t')
    .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
    .select(['t.inspection_id', 't.jurisdiction_id', 'j.name', 't.province_id', 't.city_id', 't.county_id', 't.township_id'])
    .where('t.inspection_id', 'in', inspectionIds)
    .orderBy('t.jurisdiction_id')
    .execute();
}

/**
 * An inspection the caller may read, with the targets it may read: NOT_FOUND when RLS hides
 * it (or all its targets), FORBIDDEN when the ability refuses every target.
 */
export async function readableInspection(tx: Tx, ability: AppAbility, id: number): Promise<{ inspection: InspectionRow; targets: TargetRow[] }> {
  const inspection = await tx.selectFrom('inspections as ins').select(inspectionColumns).where('ins.id', '=', id).executeTakeFirst();
  if (!inspection) throw notFound();
  const all = await targetsOf(tx, [id]);
  if (all.length === 0) throw notFound();
  const targets = all.filter((t) => ability.can('read', subjectOf('Inspection', targetRecord(t))));
  if (targets.length === 0) throw forbidden();
  return { inspection, targets };
}

/**
 * Keeps an inspection's status in step with its items (rectifying while any item is open,
 * completed when all are closed). Runs in the item's transaction; only the supervising level,
 * which sees every item of its inspection, can change the row.
 */
export async function refreshInspectionStatus(tx: Tx, inspectionId: number): Promise<void> {
  await sql`update inspections set status = s.next, updated_at = now(), version = version + 1
    from (select case when exists (select 1 from rectification_items r where r.inspection_id = ${inspectionId} and r.status <> 'closed')
                      then 'rectifying' else 'completed' end as next) s
    where id = ${inspectionId} and status <> s.next
      and exists (select 1 from rectification_items r where r.inspection_id = ${inspectionId})`.execute(tx);
}

export function inspectionDto(r: InspectionRow, targets: TargetRow[]) {
  return {
    id: r.id,
    supervisingJurisdictionId: r.supervising_jurisdiction_id,
    supervisingName: r.supervising_name,
    type: r.type,
    title: r.title,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    team: r.team,
    status: r.status,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    targets: targets.map((t) => ({ id: t.jurisdiction_id, name: t.name })),
  };
}

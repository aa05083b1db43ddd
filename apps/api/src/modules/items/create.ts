import { AppError, RECTIFICATION_MESSAGES, itemCreateInput, subjectOf } from '@fz/domain';
import type { AncestorIds, AppAbility, ItemCreateInput, ScopedRecord } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, authorized, notFound } from '../../trpc/init.js';
import { isUniqueViolation } from '../units/queries.js';
import { refreshInspectionStatus } from '../inspections/queries.js';
import type { ItemCtx } from './events.js';
import { recordEvent } from './events.js';
import type { ItemRow } from './queries.js';
import { itemDto, itemRecord, itemSnapshot, returningColumns } from './queries.js';

/** An inspection target: where an item issued to it sits (the target and its ancestors). */
export interface IssueTarget extends AncestorIds {
  jurisdictionId: number;
}

/** An inspection as items are issued under it, with every target RLS lets the caller see. */
export interface IssuingInspection {
  id: number;
  supervisingJurisdictionId: number;
  targets: Map<number, IssueTarget>;
}

/** A finding that passed every check of items.create and may be inserted as is. */
export interface CheckedItem {
  inspection: IssuingInspection;
  target: IssueTarget;
  input: ItemCreateInput;
  unitId: number | null;
}

/** A unit that can be made responsible for an item in `jurisdictionId`. */
export async function responsibleUnit(tx: Tx, unitId: number, jurisdictionId: number): Promise<{ id: number; name: string }> {
  const unit = await tx.selectFrom('units').select(['id', 'name', 'jurisdiction_id', 'is_active']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || unit.jurisdiction_id !== jurisdictionId) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.unitNotInJurisdiction);
  if (!unit.is_active) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.unitInactive);
  return { id: unit.id, name: unit.name };
}

/** The inspection items are issued under: NOT_FOUND when RLS hides it. */
export async function issuingInspection(tx: Tx, inspectionId: number): Promise<IssuingInspection> {
  const inspection = await tx.selectFrom('inspections').select(['id', 'supervising_jurisdiction_id']).where('id', '=', inspectionId).executeTakeFirst();
  if (!inspection) throw notFound();
  const targets = await tx
    .selectFrom('inspection_targets')
    .select(['jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id'])
    .where('inspection_id', '=', inspection.id)
    .orderBy('jurisdiction_id')
    .execute();
  return {
    id: inspection.id,
    supervisingJurisdictionId: inspection.supervising_jurisdiction_id,
    targets: new Map(
      targets.map((t) => [t.jurisdiction_id, { jurisdictionId: t.jurisdiction_id, provinceId: t.province_id, cityId: t.city_id, countyId: t.county_id, townshipId: t.township_id }]),
    ),
  };
}

/** What the ability judges a new item by. */
function newItemRecord(inspection: IssuingInspection, target: IssueTarget, unitId: number | null): ScopedRecord {
  return { ...target, unitId, supervisingJurisdictionId: inspection.supervisingJurisdictionId };
}

/** May the caller issue items of `inspection` to `target` (the record check of items.create)? */
export function mayIssueTo(ability: AppAbility, inspection: IssuingInspection, target: IssueTarget): boolean {
  return ability.can('create', subjectOf('RectificationItem', newItemRecord(inspection, target, null)));
}

/**
 * The checks of items.create on one finding, without writing: the target belongs to the
 * inspection (BAD_REQUEST), the caller may issue to it (FORBIDDEN), the responsible unit is an
 * active unit of the target (BAD_REQUEST).
 */
export async function checkNewItem(tx: Tx, ability: AppAbility, inspection: IssuingInspection, input: ItemCreateInput): Promise<CheckedItem> {
  const target = inspection.targets.get(input.targetId);
  if (!target) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.targetNotInInspection);
  const unitId = input.responsibleUnitId ?? null;
  assertCan(ability, 'create', 'RectificationItem', newItemRecord(inspection, target, unitId));
  if (unitId !== null) await responsibleUnit(tx, unitId, target.jurisdictionId);
  return { inspection, target, input, unitId };
}

/**
 * Inserts a checked finding with its timeline entry and audit row. The caller refreshes the
 * inspection's status once it has inserted all it means to.
 */
export async function insertItem(tx: Tx, ctx: ItemCtx, item: CheckedItem): Promise<ItemRow> {
  const { inspection, target, input, unitId } = item;
  const row = await tx
    .insertInto('rectification_items')
    .values({
      jurisdiction_id: target.jurisdictionId,
      province_id: target.provinceId,
      city_id: target.cityId,
      county_id: target.countyId,
      township_id: target.townshipId,
      inspection_id: inspection.id,
      target_jurisdiction_id: target.jurisdictionId,
      number: input.number,
      problem: input.problem,
      category: input.category,
      requirement: input.requirement,
      supervising_jurisdiction_id: inspection.supervisingJurisdictionId,
      unit_id: unitId,
      deadline: input.deadline,
      original_deadline: input.deadline,
      created_by: ctx.principal.userId,
    })
    .returning(returningColumns)
    .executeTakeFirstOrThrow()
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? new AppError('CONFLICT', RECTIFICATION_MESSAGES.duplicateNumber) : e;
    });
  await recordEvent(tx, ctx, row, { event: 'create', to: row.status, payload: { deadline: row.deadline, unitId } });
  await ctx.audit(tx, { action: 'item.create', subjectType: 'RectificationItem', subjectId: row.id, jurisdiction: itemRecord(row), unitId, after: itemSnapshot(row) });
  return row;
}

/** Issues one finding (反馈问题) of an inspection to one of its targets (交办). */
export const createItem = authorized('create', 'RectificationItem')
  .input(itemCreateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const inspection = await issuingInspection(tx, input.inspectionId);
      const row = await insertItem(tx, ctx, await checkNewItem(tx, ctx.ability, inspection, input));
      await refreshInspectionStatus(tx, inspection.id);
      return itemDto(row);
    }),
  );

import { AppError, RECTIFICATION_MESSAGES, itemCreateInput } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, authorized, notFound } from '../../trpc/init.js';
import { isUniqueViolation } from '../units/queries.js';
import { refreshInspectionStatus } from '../inspections/queries.js';
import { recordEvent } from './events.js';
import { itemDto, itemRecord, itemSnapshot, returningColumns } from './queries.js';

/** A unit that can be made responsible for an item in `jurisdictionId`. */
export async function responsibleUnit(tx: Tx, unitId: number, jurisdictionId: number): Promise<{ id: number; name: string }> {
  const unit = await tx.selectFrom('units').select(['id', 'name', 'jurisdiction_id', 'is_active']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || unit.jurisdiction_id !== jurisdictionId) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.unitNotInJurisdiction);
  if (!unit.is_active) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.unitInactive);
  return { id: unit.id, name: unit.name };
}

/** Issues one finding (反馈问题) of an inspection to one of its targets (交办). */
export const createItem = authorized('create', 'RectificationItem')
  .input(itemCreateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const inspection = await tx.selectFrom('inspections').select(['id', 'supervising_jurisdiction_id']).where('id', '=', input.inspectionId).executeTakeFirst();
      if (!inspection) throw notFound();
      const target = await tx
        .selectFrom('inspection_targets')
        .select(['jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id'])
        .where('inspection_id', '=', inspection.id)
        .where('jurisdiction_id', '=', input.targetId)
        .executeTakeFirst();
      if (!target) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.targetNotInInspection);
      const unitId = input.responsibleUnitId ?? null;
      const at = { jurisdiction_id: target.jurisdiction_id, province_id: target.province_id, city_id: target.city_id, county_id: target.county_id, township_id: target.township_id };
      assertCan(ctx.ability, 'create', 'RectificationItem', {
        jurisdictionId: at.jurisdiction_id,
        provinceId: at.province_id,
        cityId: at.city_id,
        countyId: at.county_id,
        townshipId: at.township_id,
        unitId,
        supervisingJurisdictionId: inspection.supervising_jurisdiction_id,
      });
      if (unitId !== null) await responsibleUnit(tx, unitId, at.jurisdiction_id);
      const row = await tx
        .insertInto('rectification_items')
        .values({
          ...at,
          inspection_id: inspection.id,
          target_jurisdiction_id: target.jurisdiction_id,
          number: input.number,
          problem: input.problem,
          category: input.category,
          requirement: input.requirement,
          supervising_jurisdiction_id: inspection.supervising_jurisdiction_id,
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
      await refreshInspectionStatus(tx, inspection.id);
      return itemDto(row);
    }),
  );

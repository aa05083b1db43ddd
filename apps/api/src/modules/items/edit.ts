import { AppError, RECTIFICATION_MESSAGES, editBlockedReason, itemAssignInput, itemDelegateInput, itemSetMeasuresInput, itemUpdateInput } from '@fz/domain';
import type { ItemEdit } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { responsibleUnit } from './create.js';
import { changeItem } from './events.js';
import type { ItemRow } from './queries.js';
import { assertVersion, itemDto, visibleItem } from './queries.js';

function assertEditable(row: ItemRow, edit: ItemEdit): void {
  const blocked = editBlockedReason(row.status, edit);
  if (blocked !== null) throw new AppError('BAD_REQUEST', blocked);
}

/** Corrects the finding itself (problem, requirement, category): the county office's ledger. */
export const updateItem = authorized('update', 'RectificationItem')
  .input(itemUpdateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleItem(tx, ctx.ability, input.id, 'update');
      assertVersion(before, input.version);
      assertEditable(before, 'update');
      const changes = {
        ...(input.problem !== undefined && { problem: input.problem }),
        ...(input.requirement !== undefined && { requirement: input.requirement }),
        ...(input.category !== undefined && { category: input.category }),
      };
      const after = await changeItem(tx, ctx, before, input.version, changes, { event: 'update', payload: { fields: Object.keys(changes) } });
      return itemDto(after);
    }),
  );

/** 整改措施: written by the responsible unit (or the county office for its own items). */
export const setMeasures = authorized('editMeasures', 'RectificationItem')
  .input(itemSetMeasuresInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleItem(tx, ctx.ability, input.id, 'editMeasures');
      assertVersion(before, input.version);
      assertEditable(before, 'setMeasures');
      const after = await changeItem(tx, ctx, before, input.version, { measures: input.measures }, { event: 'setMeasures', note: input.measures });
      return itemDto(after);
    }),
  );

/** Picks the responsible unit (责任单位) among the units of the item's jurisdiction. */
export const assignItem = authorized('assign', 'RectificationItem')
  .input(itemAssignInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleItem(tx, ctx.ability, input.id, 'assign');
      assertVersion(before, input.version);
      assertEditable(before, 'assign');
      const unit = await responsibleUnit(tx, input.unitId, before.jurisdiction_id);
      const after = await changeItem(tx, ctx, before, input.version, { unit_id: unit.id }, {
        event: 'assign',
        payload: { fromUnitId: before.unit_id, toUnitId: unit.id, unitName: unit.name },
      });
      return itemDto(after);
    }),
  );

/**
 * Hands an issued item down to one of the county's townships (交办乡镇): the item moves to the
 * township (jurisdiction and ancestor columns, its evidence with it) and keeps its supervising
 * level; the township signs for it itself. The earlier timeline stays filed with the county.
 */
export const delegateItem = authorized('delegate', 'RectificationItem')
  .input(itemDelegateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleItem(tx, ctx.ability, input.id, 'delegate');
      assertVersion(before, input.version);
      assertEditable(before, 'delegate');
      const township = await readableJurisdiction(tx, ctx.ability, input.townshipId);
      if (township.level !== 'township' || township.parentId !== before.jurisdiction_id) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.notAChildTownship);
      let unitId = input.unitId;
      if (unitId === undefined) {
        const gov = await tx
          .selectFrom('units')
          .select('id')
          .where('jurisdiction_id', '=', township.id)
          .where('is_active', '=', true)
          .orderBy((eb) => eb.case().when('kind', '=', 'township_government').then(0).else(1).end())
          .orderBy('sort_order')
          .orderBy('id')
          .executeTakeFirst();
        if (!gov) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.noTownshipUnit);
        unitId = gov.id;
      }
      const unit = await responsibleUnit(tx, unitId, township.id);
      const at = { jurisdiction_id: township.id, province_id: township.provinceId, city_id: township.cityId, county_id: township.countyId, township_id: township.townshipId };
      const after = await changeItem(tx, ctx, before, input.version, { ...at, unit_id: unit.id }, {
        event: 'delegate',
        payload: { fromJurisdictionId: before.jurisdiction_id, toJurisdictionId: township.id, townshipName: township.name, unitId: unit.id, unitName: unit.name },
      });
      await tx.updateTable('attachments').set(at).where('item_id', '=', before.id).execute();
      return itemDto(after);
    }),
  );

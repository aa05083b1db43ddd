import { AppError, MESSAGES, unitCreateInput, unitListInput, unitUpdateInput } from '@fz/domain';
import { assertCan, authorized, router } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, likeEscape, numberAt } from '../../sql/cursor.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { isUniqueViolation, unitColumns, unitDto, unitRecord, visibleUnit } from './queries.js';

export const unitsRouter = router({
  list: authorized('read', 'Unit')
    .input(unitListInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
        const after = decodeCursor(input.cursor);
        let q = tx
          .selectFrom('units as u')
          .select([...unitColumns, (eb) => eb.selectFrom('users as us').select((e) => e.fn.countAll<string>().as('n')).whereRef('us.unit_id', '=', 'u.id').where('us.is_active', '=', true).as('user_count')])
          .where('u.jurisdiction_id', '=', input.jurisdictionId)
          .where(allowedWhere(ctx.ability, 'read', 'Unit', 'u'))
          .orderBy('u.sort_order')
          .orderBy('u.id')
          .limit(input.limit + 1);
        if (!input.includeInactive) q = q.where('u.is_active', '=', true);
        if (input.q) q = q.where('u.name', 'like', `%${likeEscape(input.q)}%`);
        if (after) {
          const [s, id] = [numberAt(after, 0), numberAt(after, 1)];
          q = q.where((eb) => eb.or([eb('u.sort_order', '>', s), eb.and([eb('u.sort_order', '=', s), eb('u.id', '>', id)])]));
        }
        const rows = await q.execute();
        const page = rows.slice(0, input.limit);
        const last = page.at(-1);
        return {
          items: page.map((r) => unitDto(r, Number(r.user_count ?? 0))),
          nextCursor: rows.length > input.limit && last ? encodeCursor([last.sort_order, last.id]) : null,
        };
      }),
    ),

  create: authorized('create', 'Unit')
    .input(unitCreateInput)
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const j = await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
        assertCan(ctx.ability, 'create', 'Unit', { jurisdictionId: j.id, provinceId: j.provinceId, cityId: j.cityId, countyId: j.countyId, townshipId: j.townshipId });
        const row = await tx
          .insertInto('units')
          .values({
            jurisdiction_id: j.id,
            province_id: j.provinceId,
            city_id: j.cityId,
            county_id: j.countyId,
            township_id: j.townshipId,
            name: input.name,
            short_name: input.shortName,
            kind: input.kind,
            sort_order: input.sortOrder,
          })
          .returning(['id', 'jurisdiction_id', 'name', 'short_name', 'kind', 'sort_order', 'is_active', 'version', 'province_id', 'city_id', 'county_id', 'township_id'])
          .executeTakeFirstOrThrow()
          .catch((e: unknown) => {
            throw isUniqueViolation(e) ? new AppError('CONFLICT', MESSAGES.duplicateUnit) : e;
          });
        const dto = unitDto(row);
        await ctx.audit(tx, { action: 'unit.create', subjectType: 'Unit', subjectId: row.id, jurisdiction: unitRecord(row), unitId: row.id, after: dto });
        return dto;
      }),
    ),

  update: authorized('update', 'Unit')
    .input(unitUpdateInput)
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const before = await visibleUnit(tx, input.id);
        assertCan(ctx.ability, 'update', 'Unit', unitRecord(before));
        const { id, version, ...changes } = input;
        const row = await tx
          .updateTable('units')
          .set((eb) => ({
            ...(changes.name !== undefined && { name: changes.name }),
            ...(changes.shortName !== undefined && { short_name: changes.shortName }),
            ...(changes.kind !== undefined && { kind: changes.kind }),
            ...(changes.sortOrder !== undefined && { sort_order: changes.sortOrder }),
            ...(changes.isActive !== undefined && { is_active: changes.isActive }),
            updated_at: new Date(),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', id)
          .where('version', '=', version)
          .returning(['id', 'jurisdiction_id', 'name', 'short_name', 'kind', 'sort_order', 'is_active', 'version', 'province_id', 'city_id', 'county_id', 'township_id'])
          .executeTakeFirst()
          .catch((e: unknown) => {
            throw isUniqueViolation(e) ? new AppError('CONFLICT', MESSAGES.duplicateUnit) : e;
          });
        if (!row) throw new AppError('CONFLICT', MESSAGES.conflict);
        const dto = unitDto(row);
        await ctx.audit(tx, { action: 'unit.update', subjectType: 'Unit', subjectId: row.id, jurisdiction: unitRecord(row), unitId: row.id, before: unitDto(before), after: dto });
        return dto;
      }),
    ),
});

import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { LEVEL_FIELD, inspectionCreateInput, inspectionGetInput, inspectionListInput, subjectOf } from '@fz/domain';
import type { AppAbility } from '@fz/domain';
import { assertCan, authorized, forbidden, router } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, numberAt } from '../../sql/cursor.js';
import { inSubtree, listRoot } from '../../sql/subtree.js';
import type { SubtreeRoot } from '../../sql/subtree.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { inspectionColumns, inspectionDto, readableInspection, targetRecord, targetsOf } from './queries.js';

/** Item counts of an inspection, limited to what the caller may read under `root`. */
function itemCounts(ability: AppAbility, root: SubtreeRoot, today: string) {
  const count = (extra: RawBuilder<unknown>) =>
    sql<string>`(select count(*) from rectification_items r where r.inspection_id = ins.id and ${inSubtree('r', root)}
      and ${allowedWhere(ability, 'read', 'RectificationItem', 'r')} and ${extra})`;
  return [
    count(sql`true`).as('item_count'),
    count(sql`r.status = 'closed'`).as('closed_count'),
    count(sql`r.status <> 'closed' and r.deadline < ${today}::date`).as('overdue_count'),
  ] as const;
}

export const inspectionsRouter = router({
  /** Opens an inspection of one or more jurisdictions strictly below the caller's own. */
  create: authorized('create', 'Inspection')
    .input(inspectionCreateInput)
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const own = ctx.principal.jurisdiction;
        const targets = [];
        for (const id of input.targetIds) {
          const j = await readableJurisdiction(tx, ctx.ability, id);
          assertCan(ctx.ability, 'create', 'Inspection', j);
          // Descendants only, whatever the ability says.
          if (j[LEVEL_FIELD[own.level]] !== own.id || j.id === own.id) throw forbidden();
          targets.push(j);
        }
        const self = await readableJurisdiction(tx, ctx.ability, own.id);
        const row = await tx
          .insertInto('inspections')
          .values({
            supervising_jurisdiction_id: own.id,
            province_id: own.provinceId,
            city_id: own.cityId,
            county_id: own.countyId,
            township_id: own.townshipId,
            supervising_name: self.name,
            type: input.type,
            title: input.title,
            period_start: input.periodStart,
            period_end: input.periodEnd,
            team: input.team,
            created_by: ctx.principal.userId,
          })
          .returning(['id', 'supervising_jurisdiction_id', 'supervising_name', 'type', 'title', 'period_start', 'period_end', 'team', 'status', 'version', 'created_at'])
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('inspection_targets')
          .values(targets.map((j) => ({ inspection_id: row.id, jurisdiction_id: j.id, province_id: j.provinceId, city_id: j.cityId, county_id: j.countyId, township_id: j.townshipId })))
          .execute();
        const dto = inspectionDto(row, targets.map((j) => ({ inspection_id: row.id, jurisdiction_id: j.id, name: j.name, province_id: j.provinceId, city_id: j.cityId, county_id: j.countyId, township_id: j.townshipId })));
        await ctx.audit(tx, { action: 'inspection.create', subjectType: 'Inspection', subjectId: row.id, jurisdiction: { ...own, jurisdictionId: own.id }, unitId: ctx.principal.unitId, after: dto });
        return dto;
      }),
    ),

  /** Inspections with a target in the caller's subtree (or a node of it), newest first, with item counts. */
  list: authorized('read', 'Inspection')
    .input(inspectionListInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const root = await listRoot(tx, ctx.ability, ctx.principal, input.jurisdictionId);
        const after = decodeCursor(input.cursor);
        let q = tx
          .selectFrom('inspections as ins')
          .select([...inspectionColumns, ...itemCounts(ctx.ability, root, ctx.services.today())])
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('inspection_targets as t')
                .select('t.inspection_id')
                .whereRef('t.inspection_id', '=', 'ins.id')
                .where(inSubtree('t', root))
                .where(allowedWhere(ctx.ability, 'read', 'Inspection', 't')),
            ),
          )
          .orderBy('ins.id', 'desc')
          .limit(input.limit + 1);
        if (input.type) q = q.where('ins.type', '=', input.type);
        if (input.status) q = q.where('ins.status', '=', input.status);
        if (after) q = q.where('ins.id', '<', numberAt(after, 0));
        const rows = await q.execute();
        const page = rows.slice(0, input.limit);
        const targets = (await targetsOf(tx, page.map((r) => r.id))).filter((t) => ctx.ability.can('read', subjectOf('Inspection', targetRecord(t))));
        const last = page.at(-1);
        return {
          items: page.map((r) => ({
            ...inspectionDto(r, targets.filter((t) => t.inspection_id === r.id)),
            itemCount: Number(r.item_count),
            closedCount: Number(r.closed_count),
            overdueCount: Number(r.overdue_count),
          })),
          nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
        };
      }),
    ),

  get: authorized('read', 'Inspection')
    .input(inspectionGetInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const { inspection, targets } = await readableInspection(tx, ctx.ability, input.id);
        const byStatus = await tx
          .selectFrom('rectification_items as r')
          .select(['r.status', (eb) => eb.fn.countAll<string>().as('n')])
          .where('r.inspection_id', '=', inspection.id)
          .where(allowedWhere(ctx.ability, 'read', 'RectificationItem', 'r'))
          .groupBy('r.status')
          .execute();
        return { ...inspectionDto(inspection, targets), itemsByStatus: Object.fromEntries(byStatus.map((s) => [s.status, Number(s.n)])) };
      }),
    ),
});

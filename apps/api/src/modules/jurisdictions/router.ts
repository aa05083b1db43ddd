import { jurisdictionChildrenInput, jurisdictionGetInput, jurisdictionSearchInput, levelDepth } from '@fz/domain';
import { authorized, router } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { likeEscape } from '../../sql/cursor.js';
import { childCountSql, readableJurisdiction } from './queries.js';

const read = authorized('read', 'Jurisdiction');
const nodeColumns = ['j.id', 'j.code', 'j.name', 'j.level', 'j.kind'] as const;

export const jurisdictionsRouter = router({
  /** Children of a node (the caller's own root when no parent is given); pseudo-cities are collapsed. */
  children: read.input(jurisdictionChildrenInput).query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const parentId = input.parentId ?? null;
      if (parentId !== null) await readableJurisdiction(tx, ctx.ability, parentId);
      const rows = await tx
        .selectFrom('jurisdictions as j')
        .select([...nodeColumns, childCountSql('j').as('child_count')])
        .where(allowedWhere(ctx.ability, 'read', 'Jurisdiction', 'j'))
        .where((eb) =>
          parentId === null
            ? eb('j.id', '=', ctx.principal.jurisdiction.id)
            : eb.and([
                eb('j.kind', '<>', 'placeholder'),
                eb.or([
                  eb('j.parent_id', '=', parentId),
                  eb('j.parent_id', 'in', eb.selectFrom('jurisdictions as p').select('p.id').where('p.parent_id', '=', parentId).where('p.kind', '=', 'placeholder')),
                ]),
              ]),
        )
        .orderBy('j.sort_order')
        .orderBy('j.id')
        .execute();
      return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, kind: r.kind, childCount: r.child_count, hasChildren: r.child_count > 0 }));
    }),
  ),

  get: read.input(jurisdictionGetInput).query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const node = await readableJurisdiction(tx, ctx.ability, input.id);
      const rootDepth = levelDepth(ctx.principal.jurisdiction.level);
      const chainIds = [node.provinceId, node.cityId, node.countyId, node.townshipId].filter((id, depth): id is number => id !== null && depth >= rootDepth);
      const [chain, counts] = await Promise.all([
        tx.selectFrom('jurisdictions').select(['id', 'name', 'level', 'kind']).where('id', 'in', chainIds).orderBy('id').execute(),
        tx
          .selectFrom('jurisdictions as j')
          .select([childCountSql('j').as('child_count'), (eb) => eb.selectFrom('units as u').select((e) => e.fn.countAll<number>().as('n')).whereRef('u.jurisdiction_id', '=', 'j.id').as('unit_count')])
          .where('j.id', '=', node.id)
          .executeTakeFirstOrThrow(),
      ]);
      const byId = new Map(chain.map((c) => [c.id, c]));
      return {
        id: node.id,
        code: node.code,
        name: node.name,
        level: node.level,
        kind: node.kind,
        parentId: node.parentId,
        ancestors: chainIds.flatMap((id) => {
          const c = byId.get(id);
          return c && c.kind !== 'placeholder' ? [{ id: c.id, name: c.name, level: c.level }] : [];
        }),
        childCount: counts.child_count,
        unitCount: Number(counts.unit_count ?? 0),
      };
    }),
  ),

  /** By name fragment or code prefix, within the caller's subtree. */
  search: read.input(jurisdictionSearchInput).query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const pattern = likeEscape(input.q);
      const isCode = /^\d+$/.test(input.q);
      let q = tx
        .selectFrom('jurisdictions as j')
        .select([...nodeColumns, 'j.province_id', 'j.city_id', 'j.county_id', 'j.township_id'])
        .where(allowedWhere(ctx.ability, 'read', 'Jurisdiction', 'j'))
        .where('j.kind', '<>', 'placeholder')
        .where((eb) => (isCode ? eb('j.code', 'like', `${pattern}%`) : eb('j.name', 'like', `%${pattern}%`)))
        .orderBy('j.id')
        .limit(input.limit);
      if (input.level) q = q.where('j.level', '=', input.level);
      const rows = await q.execute();
      const rootDepth = levelDepth(ctx.principal.jurisdiction.level);
      const ids = new Set<number>();
      for (const r of rows) for (const id of [r.city_id, r.county_id]) if (id !== null) ids.add(id);
      const names = ids.size
        ? await tx.selectFrom('jurisdictions').select(['id', 'name', 'kind', 'level']).where('id', 'in', [...ids]).execute()
        : [];
      const nameOf = new Map(names.filter((n) => n.kind !== 'placeholder' && levelDepth(n.level) >= rootDepth).map((n) => [n.id, n.name]));
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        level: r.level,
        kind: r.kind,
        pathNames: [r.city_id, r.county_id]
          .filter((id): id is number => id !== null && id !== r.id && nameOf.has(id))
          .map((id) => nameOf.get(id)!)
          .concat(r.name)
          .join(' / '),
      }));
    }),
  ),
});


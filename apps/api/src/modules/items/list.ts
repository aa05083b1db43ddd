import { sql } from 'kysely';
import { AppError, isCalendarDate, itemListInput } from '@fz/domain';
import type { ItemSort } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, likeEscape, numberAt } from '../../sql/cursor.js';
import { inSubtree, listRoot } from '../../sql/subtree.js';
import { daysLeftSql, lightSql } from './light.js';
import { itemColumns, itemDto } from './queries.js';

const BAD_CURSOR = '分页参数无效,请刷新后重试';

function textAt(key: Array<number | string>, i: number, valid: (s: string) => boolean = () => true): string {
  const v = key[i];
  if (typeof v !== 'string' || !valid(v)) throw new AppError('BAD_REQUEST', BAD_CURSOR);
  return v;
}

/** Microsecond-exact creation time as text: a JS Date would cut it to milliseconds and break the keyset. */
const createdKey = sql<string>`to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The ledger (整改台账): items the caller may read, filtered and keyset-paginated. The light is
 * computed in SQL from the deadline, status and the supervising level's threshold.
 */
export const listItems = authorized('read', 'RectificationItem')
  .input(itemListInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const today = ctx.services.today();
      const light = lightSql('i', today);
      const root = await listRoot(tx, ctx.ability, ctx.principal, input.jurisdictionId);
      let q = tx
        .selectFrom('rectification_items as i')
        .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
        .leftJoin('units as u', 'u.id', 'i.unit_id')
        .select([
          ...itemColumns,
          'j.name as jurisdiction_name',
          'u.name as unit_name',
          light.as('light'),
          daysLeftSql('i', today).as('days_left'),
          createdKey.as('created_key'),
          (eb) => eb.selectFrom('attachments as a').select((e) => e.fn.countAll<string>().as('n')).whereRef('a.item_id', '=', 'i.id').as('evidence_count'),
        ])
        .where(allowedWhere(ctx.ability, 'read', 'RectificationItem', 'i'))
        .where(inSubtree('i', root))
        .limit(input.limit + 1);
      if (input.status?.length) q = q.where('i.status', 'in', input.status);
      if (input.light?.length) q = q.where(sql<boolean>`${light} in (${sql.join(input.light)})`);
      if (input.unitId !== undefined) q = q.where('i.unit_id', '=', input.unitId);
      if (input.inspectionId !== undefined) q = q.where('i.inspection_id', '=', input.inspectionId);
      if (input.category) q = q.where('i.category', '=', input.category);
      if (input.deadlineFrom) q = q.where('i.deadline', '>=', input.deadlineFrom);
      if (input.deadlineTo) q = q.where('i.deadline', '<=', input.deadlineTo);
      if (input.flagged !== undefined) q = q.where('i.flagged', '=', input.flagged);
      if (input.keyword) {
        const pattern = `%${likeEscape(input.keyword)}%`;
        q = q.where((eb) => eb.or([eb('i.problem', 'ilike', pattern), eb('i.number', 'ilike', pattern)]));
      }
      const after = decodeCursor(input.cursor);
      const sort: ItemSort = input.sort;
      if (sort === 'deadline') {
        q = q.orderBy('i.deadline').orderBy('i.id');
        if (after) q = q.where(sql<boolean>`(i.deadline, i.id) > (${textAt(after, 0, isCalendarDate)}::date, ${numberAt(after, 1)})`);
      } else if (sort === 'created') {
        q = q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc');
        if (after) q = q.where(sql<boolean>`(i.created_at, i.id) < (${textAt(after, 0, (s) => !Number.isNaN(Date.parse(s)))}::timestamptz, ${numberAt(after, 1)})`);
      } else {
        q = q.orderBy('i.number').orderBy('i.id');
        if (after) q = q.where(sql<boolean>`(i.number, i.id) > (${textAt(after, 0)}, ${numberAt(after, 1)})`);
      }
      const rows = await q.execute();
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      const key = (r: (typeof rows)[number]) => (sort === 'deadline' ? r.deadline : sort === 'created' ? r.created_key : r.number);
      return {
        items: page.map((r) => ({
          ...itemDto(r),
          light: r.light,
          daysLeft: Number(r.days_left),
          evidenceCount: Number(r.evidence_count ?? 0),
          jurisdictionName: r.jurisdiction_name,
          unitName: r.unit_name,
        })),
        nextCursor: rows.length > input.limit && last ? encodeCursor([key(last), last.id]) : null,
      };
    }),
  );

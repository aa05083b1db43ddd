import { AppError, RECTIFICATION_MESSAGES, noticeInboxInput, noticeMarkReadInput, noticeReplyInput, noticeSendInput } from '@fz/domain';
import type { ScopedRecord } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, authorized, notFound, router } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, numberAt } from '../../sql/cursor.js';
import { recordEvent } from '../items/events.js';
import { itemColumns, visibleItem } from '../items/queries.js';

const noticeColumns = ['n.id', 'n.item_id', 'n.jurisdiction_id', 'n.province_id', 'n.city_id', 'n.county_id', 'n.township_id', 'n.unit_id', 'n.kind', 'n.from_name', 'n.text', 'n.requires_reply', 'n.reply_by', 'n.sent_at'] as const;

interface NoticeRow {
  id: number;
  item_id: number;
  jurisdiction_id: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
  unit_id: number;
}

const noticeRecord = (n: NoticeRow): ScopedRecord & { jurisdictionId: number } => ({
  id: n.id,
  jurisdictionId: n.jurisdiction_id,
  provinceId: n.province_id,
  cityId: n.city_id,
  countyId: n.county_id,
  townshipId: n.township_id,
  unitId: n.unit_id,
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A notice (with its receipt) the caller may read, or NOT_FOUND / FORBIDDEN. */
async function visibleNotice(tx: Tx, ctx: { ability: Parameters<typeof assertCan>[0] }, id: number) {
  const n = await tx
    .selectFrom('notices as n')
    .innerJoin('notice_receipts as r', 'r.notice_id', 'n.id')
    .select([...noticeColumns, 'r.read_at', 'r.reply', 'r.replied_at'])
    .where('n.id', '=', id)
    .executeTakeFirst();
  if (!n) throw notFound();
  assertCan(ctx.ability, 'read', 'Notice', noticeRecord(n));
  return n;
}

/** The item the notice is about, for its timeline: it may have moved to a township since. */
async function itemOfNotice(tx: Tx, itemId: number) {
  return tx.selectFrom('rectification_items as i').select(itemColumns).where('i.id', '=', itemId).executeTakeFirst();
}

export const noticesRouter = router({
  /** 督办通知 from the supervising level to the item's responsible unit. */
  send: authorized('notify', 'RectificationItem')
    .input(noticeSendInput)
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const item = await visibleItem(tx, ctx.ability, input.itemId, 'notify');
        if (item.unit_id === null) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.noResponsibleUnit);
        const [from, unit] = await Promise.all([
          tx.selectFrom('jurisdictions').select('name').where('id', '=', ctx.principal.jurisdiction.id).executeTakeFirst(),
          tx.selectFrom('units').select('name').where('id', '=', ctx.principal.unitId).executeTakeFirst(),
        ]);
        const at = { jurisdiction_id: item.jurisdiction_id, province_id: item.province_id, city_id: item.city_id, county_id: item.county_id, township_id: item.township_id };
        const notice = await tx
          .insertInto('notices')
          .values({
            ...at,
            item_id: item.id,
            unit_id: item.unit_id,
            from_jurisdiction_id: item.supervising_jurisdiction_id,
            from_user_id: ctx.principal.userId,
            from_name: unit?.name ?? from?.name ?? ctx.session.displayName,
            text: input.text,
            requires_reply: input.requiresReply,
            reply_by: input.replyBy ?? null,
          })
          .returning(['id', 'sent_at'])
          .executeTakeFirstOrThrow();
        await tx.insertInto('notice_receipts').values({ ...at, notice_id: notice.id, unit_id: item.unit_id }).execute();
        await recordEvent(tx, ctx, item, { event: 'notice', note: input.text, payload: { noticeId: notice.id, requiresReply: input.requiresReply, replyBy: input.replyBy ?? null } });
        await ctx.audit(tx, { action: 'notice.send', subjectType: 'Notice', subjectId: notice.id, jurisdiction: { ...noticeRecord({ ...at, id: notice.id, item_id: item.id, unit_id: item.unit_id }) }, unitId: item.unit_id, after: { itemId: item.id, text: input.text } });
        return { id: notice.id, sentAt: iso(notice.sent_at)! };
      }),
    ),

  /** Notices addressed to the caller's unit, newest first, with the unread count. */
  inbox: authorized('read', 'Notice')
    .input(noticeInboxInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const unitId = ctx.principal.unitId;
        const after = decodeCursor(input.cursor);
        let q = tx
          .selectFrom('notices as n')
          .innerJoin('notice_receipts as r', 'r.notice_id', 'n.id')
          .leftJoin('rectification_items as i', 'i.id', 'n.item_id')
          .select([...noticeColumns, 'r.read_at', 'r.reply', 'r.replied_at', 'i.number as item_number', 'i.problem as item_problem'])
          .where('n.unit_id', '=', unitId)
          .where(allowedWhere(ctx.ability, 'read', 'Notice', 'n'))
          .orderBy('n.id', 'desc')
          .limit(input.limit + 1);
        if (input.unreadOnly) q = q.where('r.read_at', 'is', null);
        if (after) q = q.where('n.id', '<', numberAt(after, 0));
        const [rows, unread] = await Promise.all([
          q.execute(),
          tx
            .selectFrom('notices as n')
            .innerJoin('notice_receipts as r', 'r.notice_id', 'n.id')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('n.unit_id', '=', unitId)
            .where('r.read_at', 'is', null)
            .where(allowedWhere(ctx.ability, 'read', 'Notice', 'n'))
            .executeTakeFirstOrThrow(),
        ]);
        const page = rows.slice(0, input.limit);
        const last = page.at(-1);
        return {
          items: page.map((n) => ({
            id: n.id,
            itemId: n.item_id,
            itemNumber: n.item_number,
            itemProblem: n.item_problem,
            kind: n.kind,
            fromName: n.from_name,
            text: n.text,
            requiresReply: n.requires_reply,
            replyBy: n.reply_by,
            sentAt: iso(n.sent_at)!,
            readAt: iso(n.read_at),
            reply: n.reply,
            repliedAt: iso(n.replied_at),
          })),
          unreadCount: Number(unread.n),
          nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
        };
      }),
    ),

  /** Read receipt (已阅); marking again changes nothing. */
  markRead: authorized('reply', 'Notice')
    .input(noticeMarkReadInput)
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const n = await visibleNotice(tx, ctx, input.id);
        assertCan(ctx.ability, 'reply', 'Notice', noticeRecord(n));
        if (n.read_at !== null) return { id: n.id, readAt: iso(n.read_at)! };
        const r = await tx.updateTable('notice_receipts').set({ read_at: new Date(), read_by: ctx.principal.userId }).where('notice_id', '=', n.id).where('read_at', 'is', null).returning('read_at').executeTakeFirst();
        const item = await itemOfNotice(tx, n.item_id);
        if (item) await recordEvent(tx, ctx, item, { event: 'noticeRead', payload: { noticeId: n.id } });
        await ctx.audit(tx, { action: 'notice.read', subjectType: 'Notice', subjectId: n.id, jurisdiction: noticeRecord(n), unitId: n.unit_id });
        return { id: n.id, readAt: iso(r?.read_at ?? new Date())! };
      }),
    ),

  /** The unit's answer to a notice that asks for one (reading it too). */
  reply: authorized('reply', 'Notice')
    .input(noticeReplyInput)
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const n = await visibleNotice(tx, ctx, input.id);
        assertCan(ctx.ability, 'reply', 'Notice', noticeRecord(n));
        if (!n.requires_reply) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.replyNotRequired);
        const now = new Date();
        const r = await tx
          .updateTable('notice_receipts')
          .set((eb) => ({ reply: input.reply, replied_at: now, replied_by: ctx.principal.userId, replied_by_name: ctx.session.displayName, read_at: eb.fn.coalesce('read_at', eb.val(now)), read_by: eb.fn.coalesce('read_by', eb.val(ctx.principal.userId)) }))
          .where('notice_id', '=', n.id)
          .where('replied_at', 'is', null)
          .returning(['replied_at'])
          .executeTakeFirst();
        if (!r) throw new AppError('BAD_REQUEST', RECTIFICATION_MESSAGES.alreadyReplied);
        const item = await itemOfNotice(tx, n.item_id);
        if (item) await recordEvent(tx, ctx, item, { event: 'noticeReply', note: input.reply, payload: { noticeId: n.id } });
        await ctx.audit(tx, { action: 'notice.reply', subjectType: 'Notice', subjectId: n.id, jurisdiction: noticeRecord(n), unitId: n.unit_id, after: { reply: input.reply } });
        return { id: n.id, reply: input.reply, repliedAt: iso(r.replied_at)! };
      }),
    ),
});

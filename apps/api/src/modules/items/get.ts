import { availableEvents, editBlockedReason, itemGetInput, subjectOf } from '@fz/domain';
import type { Action, AppAbility, ItemEdit, ItemStatus } from '@fz/domain';
import type { Tx } from '@fz/db';
import { authorized } from '../../trpc/init.js';
import { daysLeftSql, lightSql } from './light.js';
import type { ItemRow } from './queries.js';
import { itemDto, itemFacts, itemRecord, visibleItem } from './queries.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const EDIT_ACTIONS: Record<ItemEdit, Action> = { update: 'update', setMeasures: 'editMeasures', assign: 'assign', delegate: 'delegate', flag: 'flag', attach: 'uploadEvidence' };

/** What the caller may do to the item now: lifecycle events and edits (the buttons to show). */
function allowedFor(ability: AppAbility, row: ItemRow, evidence: number, today: string) {
  const rec = subjectOf('RectificationItem', itemRecord(row));
  const edits = Object.fromEntries(
    (Object.keys(EDIT_ACTIONS) as ItemEdit[]).map((e) => [e, ability.can(EDIT_ACTIONS[e], rec) && editBlockedReason(row.status, e) === null]),
  ) as Record<ItemEdit, boolean>;
  return { events: availableEvents(ability, itemRecord(row), itemFacts(row, evidence), today), ...edits, notify: ability.can('notify', rec) && row.unit_id !== null };
}

async function timeline(tx: Tx, itemId: number) {
  const rows = await tx
    .selectFrom('item_events')
    .select(['id', 'at', 'actor_name', 'actor_unit_name', 'event', 'from_status', 'to_status', 'reason', 'note', 'payload'])
    .where('item_id', '=', itemId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((e) => ({
    id: e.id,
    at: iso(e.at)!,
    actorName: e.actor_name,
    actorUnitName: e.actor_unit_name,
    event: e.event,
    fromStatus: e.from_status as ItemStatus | null,
    toStatus: e.to_status as ItemStatus | null,
    reason: e.reason,
    note: e.note,
    payload: e.payload,
  }));
}

async function notices(tx: Tx, itemId: number) {
  const rows = await tx
    .selectFrom('notices as n')
    .leftJoin('notice_receipts as r', 'r.notice_id', 'n.id')
    .select(['n.id', 'n.kind', 'n.from_name', 'n.text', 'n.requires_reply', 'n.reply_by', 'n.sent_at', 'n.unit_id', 'r.read_at', 'r.reply', 'r.replied_at', 'r.replied_by_name'])
    .where('n.item_id', '=', itemId)
    .orderBy('n.id')
    .execute();
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    fromName: n.from_name,
    text: n.text,
    requiresReply: n.requires_reply,
    replyBy: n.reply_by,
    sentAt: iso(n.sent_at)!,
    unitId: n.unit_id,
    readAt: iso(n.read_at),
    reply: n.reply,
    repliedAt: iso(n.replied_at),
    repliedByName: n.replied_by_name,
  }));
}

/** One item with its timeline, evidence, notices, light and the caller's available actions. */
export const getItem = authorized('read', 'RectificationItem')
  .input(itemGetInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const row = await visibleItem(tx, ctx.ability, input.id);
      const today = ctx.services.today();
      const [extra, events, files, sent] = await Promise.all([
        tx
          .selectFrom('rectification_items as i')
          .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
          .leftJoin('units as u', 'u.id', 'i.unit_id')
          .leftJoin('inspections as ins', 'ins.id', 'i.inspection_id')
          .select(['j.name as jurisdiction_name', 'u.name as unit_name', 'ins.title as inspection_title', 'ins.type as inspection_type', 'ins.supervising_name', lightSql('i', today).as('light'), daysLeftSql('i', today).as('days_left')])
          .where('i.id', '=', row.id)
          .executeTakeFirstOrThrow(),
        timeline(tx, row.id),
        tx.selectFrom('attachments').select(['id', 'sha256', 'size_bytes', 'mime', 'original_name', 'uploaded_by_name', 'created_at']).where('item_id', '=', row.id).orderBy('id').execute(),
        notices(tx, row.id),
      ]);
      return {
        ...itemDto(row),
        light: extra.light,
        daysLeft: Number(extra.days_left),
        jurisdictionName: extra.jurisdiction_name,
        unitName: extra.unit_name,
        // Null for a township holding a delegated item: the inspection belongs to the levels above.
        inspection: extra.inspection_title === null ? null : { title: extra.inspection_title, type: extra.inspection_type, supervisingName: extra.supervising_name },
        timeline: events,
        attachments: files.map((f) => ({ id: f.id, sha256: f.sha256, size: f.size_bytes, mime: f.mime, name: f.original_name, uploadedByName: f.uploaded_by_name, createdAt: iso(f.created_at)! })),
        evidenceCount: files.length,
        notices: sent,
        allowed: allowedFor(ctx.ability, row, files.length, today),
      };
    }),
  );

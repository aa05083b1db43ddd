import { sql } from 'kysely';
import { DEFAULT_LIGHT_RULE, addDays, daysUntil } from '@fz/domain';
import type { ReminderKind } from '@fz/domain';
import type { Db, Tx } from '@fz/db';
import { withJobs } from '@fz/db';
import type { SweptItem } from './swept-item.js';
import { NOT_OPEN, sweptColumns } from './swept-item.js';
import { REMINDER_SENDER, placeOf, systemAudit } from './system.js';

/** light_rules.yellow_within_days never exceeds this (CHECK in the database, zod in the domain). */
const MAX_YELLOW_DAYS = 90;

export function reminderText(kind: ReminderKind, item: Pick<SweptItem, 'number' | 'deadline'>, today: string): string {
  if (kind === 'overdue') return `整改事项 ${item.number} 的整改时限为 ${item.deadline},现已逾期。请尽快完成整改并申请销号;确需延期的,请提出延期申请。`;
  const days = daysUntil(item.deadline, today);
  const when = days === 0 ? '今天到期' : `还有 ${days} 天到期`;
  return `整改事项 ${item.number} 的整改时限为 ${item.deadline},${when}。请抓紧推进整改,按时申请销号。`;
}

/**
 * Files one reminder of `kind` for today in the responsible unit's inbox for each item, with
 * its receipt and an audit row, in the caller's transaction. The unique key (item, kind, day)
 * drops repeats, so running again the same day adds nothing. Items without a responsible unit
 * have nobody to remind. Returns how many were filed.
 */
export async function fileReminders(tx: Tx, items: readonly SweptItem[], kind: ReminderKind, today: string, runId: string): Promise<number> {
  const addressed = items.flatMap((i) => (i.unit_id === null ? [] : [{ ...i, unit_id: i.unit_id }]));
  if (addressed.length === 0) return 0;
  const notices = await tx
    .insertInto('notices')
    .values(
      addressed.map((i) => ({
        ...placeOf(i),
        item_id: i.id,
        unit_id: i.unit_id,
        // On behalf of the level whose deadline and light rule it is.
        from_jurisdiction_id: i.supervising_jurisdiction_id,
        from_user_id: null,
        from_name: REMINDER_SENDER,
        text: reminderText(kind, i, today),
        requires_reply: false,
        kind,
        reminder_day: today,
      })),
    )
    .onConflict((oc) => oc.columns(['item_id', 'kind', 'reminder_day']).doNothing())
    .returning(['id', 'item_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'unit_id'])
    .execute();
  if (notices.length === 0) return 0;
  await tx
    .insertInto('notice_receipts')
    .values(notices.map((n) => ({ ...placeOf(n), notice_id: n.id, unit_id: n.unit_id })))
    .execute();
  await tx
    .insertInto('audit_log')
    .values(notices.map((n) => systemAudit(n, { action: 'notice.remind', subjectType: 'Notice', subjectId: n.id, unitId: n.unit_id, after: { itemId: n.item_id, kind, day: today } }, runId)))
    .execute();
  return notices.length;
}

/**
 * Due-soon reminders (临期提醒): open items whose deadline is today or within the supervising
 * level's yellow threshold (light_rules, else the domain default), the same rule as the yellow
 * light. Walks them in (deadline, id) pages, one transaction each, skipping items already
 * reminded today.
 */
export async function remindDueSoon(db: Db, today: string, runId: string, batchSize: number): Promise<number> {
  let after: { deadline: string; id: number } | null = null;
  let filed = 0;
  for (;;) {
    const cursor = after;
    const { page, count } = await withJobs(db, async (tx) => {
      let q = tx
        .selectFrom('rectification_items as i')
        .leftJoin('light_rules as r', 'r.jurisdiction_id', 'i.supervising_jurisdiction_id')
        .select(sweptColumns)
        .where('i.overdue_since', 'is', null)
        .where('i.status', 'not in', NOT_OPEN)
        .where('i.unit_id', 'is not', null)
        .where('i.deadline', '>=', today)
        // A bound the index can use; the per-level threshold is checked row by row below.
        .where('i.deadline', '<=', addDays(today, MAX_YELLOW_DAYS))
        .where(sql<boolean>`i.deadline <= ${today}::date + coalesce(r.yellow_within_days, ${DEFAULT_LIGHT_RULE.yellowWithinDays})`)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('notices as n')
                .select('n.id')
                .whereRef('n.item_id', '=', 'i.id')
                .where('n.kind', '=', 'due_soon')
                .where('n.reminder_day', '=', today),
            ),
          ),
        )
        .orderBy('i.deadline')
        .orderBy('i.id')
        .limit(batchSize);
      if (cursor) q = q.where(sql<boolean>`(i.deadline, i.id) > (${cursor.deadline}::date, ${cursor.id})`);
      const rows = await q.execute();
      return { page: rows, count: await fileReminders(tx, rows, 'due_soon', today, runId) };
    });
    filed += count;
    const last = page.at(-1);
    if (page.length < batchSize || !last) return filed;
    after = { deadline: last.deadline, id: last.id };
  }
}

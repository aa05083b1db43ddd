import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { isCalendarDate } from '@fz/domain';
import type { ReminderKind } from '@fz/domain';
import type { Db, Tx } from '@fz/db';
import { withJobs } from '@fz/db';
import { fileReminders, remindDueSoon } from './reminders.js';
import type { SweptItem } from './swept-item.js';
import { NOT_OPEN, sweptReturning } from './swept-item.js';
import { SYSTEM_ACTOR, placeOf, systemAudit } from './system.js';

export interface SweepOptions {
  /** Items per transaction (default 500). */
  batchSize?: number;
  /** Names this run in the audit rows' request_id (the queue's job id). */
  runId?: string;
}

export interface SweepResult {
  today: string;
  /** Items that turned overdue in this run. */
  markedOverdue: number;
  /** Reminders filed in this run, by kind. */
  reminders: Record<ReminderKind, number>;
}

/**
 * Marks one batch of open items past their deadline and not yet marked: `overdue_since` becomes
 * the first overdue day (deadline + 1, whenever the sweep runs), with an `overdue` timeline
 * entry, an audit row and an overdue reminder, all in one transaction. Rows another sweep holds
 * are skipped (it is marking them). The version is not bumped: this is a fact about time, not
 * an edit, and must not turn a user's open form stale.
 */
async function markBatch(tx: Tx, today: string, runId: string, limit: number): Promise<{ marked: number; reminded: number }> {
  const items: SweptItem[] = await tx
    .updateTable('rectification_items as i')
    .set({ overdue_since: sql<string>`i.deadline + 1` })
    .where('i.id', 'in', (eb) =>
      eb
        .selectFrom('rectification_items as c')
        .select('c.id')
        .where('c.overdue_since', 'is', null)
        .where('c.status', 'not in', NOT_OPEN)
        .where('c.deadline', '<', today)
        .orderBy('c.deadline')
        .orderBy('c.id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    // Again on the locked row: a concurrent close or extension may have changed it.
    .where('i.overdue_since', 'is', null)
    .where('i.status', 'not in', NOT_OPEN)
    .where('i.deadline', '<', today)
    .returning(sweptReturning)
    .execute();
  if (items.length === 0) return { marked: 0, reminded: 0 };
  await tx
    .insertInto('item_events')
    .values(
      items.map((i) => ({
        ...placeOf(i),
        item_id: i.id,
        actor_user_id: null,
        actor_name: SYSTEM_ACTOR,
        actor_unit_name: null,
        event: 'overdue' as const,
        note: `超过整改时限(${i.deadline})`,
        payload: JSON.stringify({ deadline: i.deadline, overdueSince: i.overdue_since }),
      })),
    )
    .execute();
  await tx
    .insertInto('audit_log')
    .values(
      items.map((i) =>
        systemAudit(i, { action: 'item.overdue', subjectType: 'RectificationItem', subjectId: i.id, unitId: i.unit_id, before: { overdueSince: null }, after: { overdueSince: i.overdue_since, deadline: i.deadline } }, runId),
      ),
    )
    .execute();
  return { marked: items.length, reminded: await fileReminders(tx, items, 'overdue', today, runId) };
}

/**
 * The overdue sweep (逾期扫描) for the calendar day `today` (yyyy-mm-dd, Beijing time): records
 * items turning overdue and files due-soon and overdue reminders. Idempotent: a second run on
 * the same day finds nothing new. Runs as the jobs role (every tenant, narrow grants).
 */
export async function sweepOverdue(db: Db, today: string, opts: SweepOptions = {}): Promise<SweepResult> {
  if (!isCalendarDate(today)) throw new Error(`sweepOverdue: not a calendar date: ${today}`);
  const batchSize = opts.batchSize ?? 500;
  const runId = opts.runId ?? `sweep:${randomUUID()}`;
  let markedOverdue = 0;
  let overdueReminders = 0;
  for (;;) {
    const { marked, reminded } = await withJobs(db, (tx) => markBatch(tx, today, runId, batchSize));
    markedOverdue += marked;
    overdueReminders += reminded;
    if (marked < batchSize) break;
  }
  const dueSoon = await remindDueSoon(db, today, runId, batchSize);
  return { today, markedOverdue, reminders: { overdue: overdueReminders, due_soon: dueSoon } };
}

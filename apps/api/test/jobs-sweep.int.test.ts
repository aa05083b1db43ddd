import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '@fz/db';
import type { Db } from '@fz/db';
import { sweepOverdue } from '../src/jobs/overdue-sweep.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { itemWith, remindersOf, systemAuditOf } from './jobs-fixture.js';
import { TODAY, eventsOf, inDays, itemRow, sessions } from './rect-helpers.js';
import { responsibleUnitFor } from './rect-fixture.js';

describe('overdue sweep and reminders (PostgreSQL)', () => {
  let env: Awaited<ReturnType<typeof demoDatabase>>;
  let db: Db;
  let day = TODAY;
  let services: Services;
  const as = sessions(() => services);
  const ids = { overdue: 0, dueSoon: 0, green: 0, closed: 0, sibling: 0, unassigned: 0 };

  beforeAll(async () => {
    env = await demoDatabase();
    db = env.db;
    services = servicesFor(db, { today: () => day });
    const hedongSfj = (await responsibleUnitFor(db, '371312'))!;
    const lanshanUnit = (await db.selectFrom('units').select('id').where('jurisdiction_id', '=', 371302).orderBy('id').executeTakeFirstOrThrow()).id;
    ids.overdue = await itemWith(db, { code: '371312', unitId: hedongSfj, deadline: inDays(-3) });
    ids.dueSoon = await itemWith(db, { code: '371312', unitId: hedongSfj, deadline: inDays(3) });
    ids.green = await itemWith(db, { code: '371312', unitId: hedongSfj, deadline: inDays(30) });
    ids.closed = await itemWith(db, { code: '371312', unitId: hedongSfj, deadline: inDays(-3), status: 'closed' });
    ids.sibling = await itemWith(db, { code: '371302', unitId: lanshanUnit, deadline: inDays(-1) });
    ids.unassigned = await itemWith(db, { code: '371312', unitId: hedongSfj, deadline: inDays(-5), status: 'issued' });
    await db.updateTable('rectification_items').set({ unit_id: null }).where('id', '=', ids.unassigned).execute();
  });
  afterAll(() => env?.close());

  it('marks open items past their deadline once, with a timeline entry, an audit row and a reminder', async () => {
    const first = await sweepOverdue(db, TODAY, { runId: 'test:1' });
    expect(first.today).toBe(TODAY);
    expect(first.markedOverdue).toBeGreaterThanOrEqual(3);

    // The first overdue day, whenever the sweep runs.
    expect((await itemRow(db, ids.overdue)).overdue_since).toBe(inDays(-2));
    expect((await itemRow(db, ids.unassigned)).overdue_since).toBe(inDays(-4));
    expect((await itemRow(db, ids.green)).overdue_since).toBeNull();
    expect((await itemRow(db, ids.closed)).overdue_since).toBeNull();
    expect((await itemRow(db, ids.overdue)).version).toBe((await itemRow(db, ids.green)).version);

    expect(await eventsOf(db, ids.overdue)).toEqual(['overdue']);
    const event = await db.selectFrom('item_events').select(['actor_user_id', 'actor_name', 'payload']).where('item_id', '=', ids.overdue).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_user_id: null, actor_name: '系统', payload: { deadline: inDays(-3), overdueSince: inDays(-2) } });
    expect(await systemAuditOf(db, 'RectificationItem', ids.overdue)).toEqual([{ action: 'item.overdue', actor_user_id: null, actor_username: '系统', request_id: 'test:1', jurisdiction_id: 371312 }]);

    const overdueReminders = await remindersOf(db, ids.overdue);
    expect(overdueReminders).toEqual([expect.objectContaining({ kind: 'overdue', reminder_day: TODAY, from_name: '系统提醒', requires_reply: false })]);
    expect(overdueReminders[0]!.text).toContain('已逾期');
    expect(await remindersOf(db, ids.dueSoon)).toEqual([expect.objectContaining({ kind: 'due_soon', reminder_day: TODAY })]);
    expect((await remindersOf(db, ids.dueSoon))[0]!.text).toContain('还有 3 天到期');
    // Nobody to remind, nothing due, nothing open.
    for (const id of [ids.unassigned, ids.green, ids.closed]) expect(await remindersOf(db, id)).toEqual([]);
    expect(await eventsOf(db, ids.unassigned)).toEqual(['overdue']);
  });

  it('records nothing new when it runs again the same day', async () => {
    const audit = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(db)).rows[0]!.n);
    const before = await audit();
    expect(await sweepOverdue(db, TODAY)).toEqual({ today: TODAY, markedOverdue: 0, reminders: { overdue: 0, due_soon: 0 } });
    expect(await audit()).toBe(before);
    expect(await eventsOf(db, ids.overdue)).toEqual(['overdue']);
  });

  it('reminds of a due item once a day, and of an overdue item only when it turns overdue', async () => {
    day = inDays(1);
    const next = await sweepOverdue(db, day);
    expect(next.markedOverdue).toBe(0);
    expect(next.reminders.overdue).toBe(0);
    expect((await remindersOf(db, ids.dueSoon)).map((r) => r.reminder_day)).toEqual([TODAY, inDays(1)]);
    expect(await remindersOf(db, ids.overdue)).toHaveLength(1);
    expect((await sweepOverdue(db, day)).reminders.due_soon).toBe(0);
  });

  it('delivers reminders to the unit’s inbox, and RLS hides them from a sibling county', async () => {
    const { caller } = await as('hedong-sfj');
    const inbox = await caller.notices.inbox({ limit: 100 });
    const mine = inbox.items.filter((n) => n.kind !== 'supervision' && [ids.overdue, ids.dueSoon].includes(n.itemId));
    expect(mine.map((n) => [n.itemId, n.kind, n.fromName])).toEqual(
      expect.arrayContaining([
        [ids.overdue, 'overdue', '系统提醒'],
        [ids.dueSoon, 'due_soon', '系统提醒'],
      ]),
    );
    // RLS alone: no WHERE clause, only the policies decide.
    const visible = (code: number) =>
      withScope(db, { userId: 1, level: 'county', jurisdictionId: code }, async (tx) =>
        (await sql<{ item_id: number }>`select distinct item_id from notices where kind <> 'supervision' order by item_id`.execute(tx)).rows.map((r) => r.item_id),
      );
    expect(await visible(371302)).toEqual([ids.sibling]);
    expect(await visible(371312)).not.toContain(ids.sibling);
    expect(await visible(371312)).toEqual(expect.arrayContaining([ids.overdue, ids.dueSoon]));
  });

  it('an approved extension clears overdue_since; passing the new deadline marks the item again', async () => {
    day = TODAY;
    const hedongSfj = (await responsibleUnitFor(db, '371312'))!;
    const id = await itemWith(db, { code: '371312', unitId: hedongSfj, deadline: inDays(1) });
    const operator = (await as('hedong-sfj')).caller;
    const supervisor = (await as('linyi')).caller;
    const requested = await operator.items.transition({ id, version: (await itemRow(db, id)).version, event: 'requestExtension', reason: '需要协调', note: '涉及多部门', newDeadline: inDays(20) });

    day = inDays(3);
    await sweepOverdue(db, day);
    expect((await itemRow(db, id)).overdue_since).toBe(inDays(2));

    const approved = await supervisor.items.transition({ id, version: requested.version, event: 'approveExtension' });
    expect(approved).toMatchObject({ deadline: inDays(20), overdueSince: null });
    expect((await sweepOverdue(db, day)).markedOverdue).toBe(0);

    day = inDays(21);
    await sweepOverdue(db, day);
    expect((await itemRow(db, id)).overdue_since).toBe(inDays(21));
    expect((await eventsOf(db, id)).filter((e) => e === 'overdue')).toHaveLength(2);
    expect((await remindersOf(db, id)).map((r) => [r.kind, r.reminder_day])).toEqual([
      ['overdue', inDays(3)],
      ['overdue', inDays(21)],
    ]);
  });

  it('refuses a day that is not a calendar date', async () => {
    await expect(sweepOverdue(db, '2026-02-30')).rejects.toThrow(/calendar date/);
  });
});

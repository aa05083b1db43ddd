import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_STATUSES, OPEN_STATUSES, addDays, calendarDate } from '@fz/domain';
import { withScope } from '../scope.js';
import { createTestDatabase } from '../testing/index.js';
import { seedDemo } from './demo.js';
import { seedRectificationDemo } from './rectification-demo.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('seedRectificationDemo', () => {
  let env: TestDatabase;
  const today = calendarDate(new Date());
  beforeAll(async () => {
    env = await createTestDatabase({ templateKey: 'demo-accounts', seed: async (db) => void (await seedDemo(db)) });
    await seedRectificationDemo(env.db);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('puts items in every status, some overdue, some due within a week, some flagged or awaiting an extension', async () => {
    const rows = await env.db.selectFrom('rectification_items').select(['status', 'deadline', 'flagged', 'pending_extension_deadline', 'jurisdiction_id', 'unit_id', 'supervising_jurisdiction_id']).execute();
    expect(rows.length).toBe(45);
    for (const status of ITEM_STATUSES) expect([status, rows.filter((r) => r.status === status).length > 0]).toEqual([status, true]);
    const open = rows.filter((r) => OPEN_STATUSES.includes(r.status));
    expect(open.filter((r) => r.deadline < today).length).toBeGreaterThanOrEqual(3);
    expect(open.filter((r) => r.deadline >= today && r.deadline <= addDays(today, 7)).length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.flagged).length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.pending_extension_deadline !== null).length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => r.jurisdiction_id > 999_999).length).toBe(5);
    expect(rows.filter((r) => r.unit_id === null).length).toBe(2);
    expect(new Set(rows.map((r) => r.supervising_jurisdiction_id))).toEqual(new Set([37, 3713]));
  });

  it('gives every item a timeline ending in its status, filed where RLS lets its readers see it', async () => {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from rectification_items i
      where not exists (select 1 from item_events e where e.item_id = i.id and e.event = 'create')
         or i.status is distinct from (select e.to_status from item_events e where e.item_id = i.id and e.to_status is not null order by e.at desc, e.id desc limit 1)`.execute(env.db);
    expect(rows[0]?.n).toBe('0');
    const seen = await withScope(env.db, { userId: 1, level: 'township', jurisdictionId: 371312001 }, (tx) => tx.selectFrom('rectification_items').select('problem').execute());
    expect(seen.map((r) => r.problem).sort()).toEqual(['街道合法性审查工作开展不到位,重大事项未经法律顾问审查', '街道综合执法队伍执法证件管理不规范,执法全过程记录缺失']);
    const lanshan = await withScope(env.db, { userId: 1, level: 'county', jurisdictionId: 371302 }, (tx) => tx.selectFrom('rectification_items').select('id').execute());
    expect(lanshan).toHaveLength(3);
  });

  it('adds nothing when run again (seedDemo runs it too)', async () => {
    expect(await seedRectificationDemo(env.db)).toEqual({ items: 0 });
    await seedDemo(env.db);
    const { rows } = await sql<{ n: string }>`select count(*) as n from rectification_items`.execute(env.db);
    expect(rows[0]?.n).toBe('45');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { TODAY, failure, finding, inDays, itemRow, sessions, unitIdOf } from './rect-helpers.js';

/**
 * Many lifecycle events fired at one item at the same moment, on real PostgreSQL connections:
 * exactly the legal ones win, every other one is refused with CONFLICT or BAD_REQUEST, and the
 * audit log and timeline hold exactly one row per winner.
 */
let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
const as = sessions(() => services);
let inspectionId: number;
let sfj: number;

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  sfj = await unitIdOf(env.db, 371312, '河东区司法局');
  inspectionId = (await (await as('province')).caller.inspections.create({ type: 'special', title: '并发测试督察', periodStart: '2026-10-01', periodEnd: '2026-10-05', targetIds: [371312] })).id;
});
afterAll(() => env.close());

/** A new item assigned to 区司法局, and its version (what a client read last). */
async function newItem(): Promise<{ id: number; v: number }> {
  const { caller } = await as('province');
  const item = await caller.items.create(finding(inspectionId, 371312, { responsibleUnitId: sfj, deadline: inDays(40) }));
  return { id: item.id, v: item.version };
}

async function auditOf(itemId: number): Promise<string[]> {
  const { rows } = await sql<{ action: string }>`select action from audit_log where subject_type = 'RectificationItem' and subject_id = ${String(itemId)} order by id`.execute(env.db);
  return rows.map((r) => r.action);
}

async function eventsOf(itemId: number): Promise<string[]> {
  const rows = await env.db.selectFrom('item_events').select('event').where('item_id', '=', itemId).orderBy('id').execute();
  return rows.map((r) => r.event);
}

describe('concurrent lifecycle events on one item', () => {
  it('twenty simultaneous 签收 of the same version: one wins, nineteen get CONFLICT, one audit row', async () => {
    const { id, v } = await newItem();
    const { caller } = await as('hedong-sfj');
    const results = await Promise.all(Array.from({ length: 20 }, () => failure(caller.items.transition({ id, version: v, event: 'acknowledge' }))));
    expect(results.filter((r) => r.code === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r.code === 'CONFLICT')).toHaveLength(19);
    const row = await itemRow(env.db, id);
    expect(row.status).toBe('acknowledged');
    expect(row.version).toBe(v + 1);
    expect(await auditOf(id)).toEqual(['item.create', 'item.acknowledge']);
    expect(await eventsOf(id)).toEqual(['create', 'acknowledge']);
  });

  it('a race of different events on one version lets exactly one through and records only it', async () => {
    const { id, v } = await newItem();
    const sfjCaller = (await as('hedong-sfj')).caller;
    const office = (await as('hedong')).caller;
    await sfjCaller.items.transition({ id, version: v, event: 'acknowledge' });
    await sfjCaller.items.transition({ id, version: v + 1, event: 'start' });
    const attempts = [
      ...Array.from({ length: 5 }, () => sfjCaller.items.transition({ id, version: v + 2, event: 'reportProgress', note: '已完成自查' })),
      ...Array.from({ length: 5 }, () => sfjCaller.items.transition({ id, version: v + 2, event: 'requestExtension', reason: '涉及多部门', newDeadline: inDays(90), note: '完成六成' })),
      ...Array.from({ length: 5 }, () => office.items.setMeasures({ id, version: v + 2, measures: '一是全面自查;二是建章立制' })),
      // Illegal in this status whatever the version: always refused.
      ...Array.from({ length: 5 }, () => sfjCaller.items.transition({ id, version: v + 2, event: 'resume' })),
    ];
    const results = await Promise.all(attempts.map(failure));
    const winners = results.filter((r) => r.code === 'OK');
    expect(winners).toHaveLength(1);
    expect(results.every((r) => ['OK', 'CONFLICT', 'BAD_REQUEST'].includes(r.code))).toBe(true);
    expect(results.slice(15).every((r) => r.code === 'BAD_REQUEST' || r.code === 'CONFLICT')).toBe(true);
    const row = await itemRow(env.db, id);
    expect(row.version).toBe(v + 3);
    expect(row.status).toBe('in_progress');
    const audit = await auditOf(id);
    expect(audit.slice(0, 3)).toEqual(['item.create', 'item.acknowledge', 'item.start']);
    expect(audit).toHaveLength(4);
    const won = audit[3];
    // The one winner's change is the one the row shows.
    if (won === 'item.requestExtension') expect(row.pending_extension_deadline).toBe(inDays(90));
    else expect(row.pending_extension_deadline).toBeNull();
    if (won === 'item.setMeasures') expect(row.measures).toContain('全面自查');
    else expect(row.measures).toBeNull();
    expect((await eventsOf(id)).at(-1)).toBe(won?.slice('item.'.length));
  });

  it('a closure review raced by two supervisors closes the item once', async () => {
    const { id, v } = await newItem();
    const sfjCaller = (await as('hedong-sfj')).caller;
    await sfjCaller.items.transition({ id, version: v, event: 'acknowledge' });
    await sfjCaller.items.transition({ id, version: v + 1, event: 'start' });
    await sfjCaller.items.setMeasures({ id, version: v + 2, measures: '建立台账' });
    await env.db
      .insertInto('attachments')
      .values({ item_id: id, jurisdiction_id: 371312, province_id: 37, city_id: 3713, county_id: 371312, township_id: null, sha256: 'a'.repeat(64), size_bytes: 10, mime: 'application/pdf', original_name: '佐证.pdf', storage_key: `sha256/aa/aa/${'a'.repeat(64)}`, uploaded_by: null, uploaded_by_name: '测试' })
      .execute();
    await sfjCaller.items.transition({ id, version: v + 3, event: 'requestClosure', situation: '已整改到位' });
    const province = (await as('province')).caller;
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => failure(province.items.transition({ id, version: v + 4, event: 'close' }))),
      ...Array.from({ length: 6 }, () => failure(province.items.transition({ id, version: v + 4, event: 'return', reason: '佐证不足' }))),
    ]);
    expect(results.filter((r) => r.code === 'OK')).toHaveLength(1);
    const row = await itemRow(env.db, id);
    const audit = await auditOf(id);
    expect(audit.filter((a) => a === 'item.close' || a === 'item.return')).toHaveLength(1);
    expect(row.status).toBe(audit.includes('item.close') ? 'closed' : 'returned');
  });
});

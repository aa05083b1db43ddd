import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lightOf } from '@fz/domain';
import type { ItemSort } from '@fz/domain';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, outcome, servicesFor } from './helpers.js';
import type { Caller } from './helpers.js';
import { TODAY, eventsOf, failure, finding, inDays, sessions, unitIdOf } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
const as = sessions(() => services);
let inspectionId: number;
/** The ledger's items by role in the story. */
const id = { red: 0, yellow: 0, soon: 0, lanshan: 0, closed: 0, street: 0 };
let sfj: number;

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  sfj = await unitIdOf(env.db, 371312, '河东区司法局');
  const province = (await as('province')).caller;
  inspectionId = (await province.inspections.create({ type: 'case_file_review', title: '2026年行政执法案卷评查', periodStart: '2026-09-01', periodEnd: '2026-09-05', targetIds: [371312, 371302] })).id;
  const create = async (target: number, over: Parameters<typeof finding>[2]) => (await province.items.create(finding(inspectionId, target, over))).id;
  id.red = await create(371312, { number: '2026-003', deadline: inDays(-3), responsibleUnitId: sfj, problem: '行政处罚案卷未附法制审核意见' });
  id.yellow = await create(371312, { number: '2026-001', deadline: inDays(5), problem: '抽查1000余件案卷,文书送达不规范', category: 'decisions' });
  id.soon = await create(371312, { number: '2026-005', deadline: inDays(15), problem: '执法人员持证上岗情况未及时更新' });
  id.lanshan = await create(371302, { number: '2026-002', deadline: inDays(60), problem: '行政规范性文件合法性审核率未达100%', category: 'normative_documents' });
  id.closed = await create(371312, { number: '2026-004', deadline: inDays(-10), problem: '执法案卷归档不及时' });
  id.street = await create(371312, { number: '2026-006', deadline: inDays(30), problem: '街道执法案卷装订不规范' });
  const street = await (await as('hedong')).caller.items.get({ id: id.street });
  await (await as('hedong')).caller.items.delegate({ id: id.street, version: street.version, townshipId: 371312001 });
  // Set-up shortcut, as the system: a closed item (the lifecycle to closure is tested elsewhere).
  await env.db.updateTable('rectification_items').set({ status: 'closed', closed_at: new Date() }).where('id', '=', id.closed).execute();
});
afterAll(() => env.close());

const ids = async (c: Caller, filter: Omit<Parameters<Caller['items']['list']>[0], 'inspectionId'> = {}) =>
  (await c.items.list({ inspectionId, limit: 200, ...filter })).items.map((i) => i.id).sort((a, b) => a - b);
const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);

describe('the ledger', () => {
  it('computes the light in SQL exactly as the domain does', async () => {
    const rows = (await (await as('province')).caller.items.list({ inspectionId, limit: 200 })).items;
    expect(rows).toHaveLength(6);
    for (const r of rows) expect([r.number, r.light]).toEqual([r.number, lightOf({ status: r.status, deadline: r.deadline }, TODAY)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(id.red)).toMatchObject({ light: 'red', daysLeft: -3, unitName: '河东区司法局', jurisdictionName: '河东区', evidenceCount: 0 });
    expect(byId.get(id.street)).toMatchObject({ jurisdictionName: '九曲街道', unitName: '九曲街道办事处' });
  });

  it('filters by light and status', async () => {
    const { caller } = await as('province');
    expect(await ids(caller, { light: ['red'] })).toEqual([id.red]);
    expect(await ids(caller, { light: ['yellow'] })).toEqual([id.yellow]);
    expect(await ids(caller, { light: ['green'] })).toEqual(sorted(id.soon, id.lanshan, id.street));
    expect(await ids(caller, { light: ['none'] })).toEqual([id.closed]);
    expect(await ids(caller, { status: ['closed'] })).toEqual([id.closed]);
    expect(await ids(caller, { status: ['issued'], light: ['red', 'yellow'] })).toEqual(sorted(id.red, id.yellow));
  });

  it('filters by subtree of any visible node, and never beyond the caller’s own', async () => {
    const province = (await as('province')).caller;
    expect(await ids(province, { jurisdictionId: 371302 })).toEqual([id.lanshan]);
    expect(await ids(province, { jurisdictionId: 371312001 })).toEqual([id.street]);
    const hedong = (await as('hedong')).caller;
    expect(await ids(hedong)).toEqual(sorted(id.red, id.yellow, id.soon, id.closed, id.street));
    expect(await outcome(hedong.items.list({ jurisdictionId: 371302 }))).toBe('NOT_FOUND');
    expect(await ids((await as('street')).caller)).toEqual([id.street]);
    expect(await ids((await as('lanshan')).caller)).toEqual([id.lanshan]);
    expect(await ids((await as('xiangong')).caller)).toEqual([]);
  });

  it('filters by unit, category, deadline range and keyword (LIKE characters match literally)', async () => {
    const { caller } = await as('province');
    expect(await ids(caller, { unitId: sfj })).toEqual([id.red]);
    expect(await ids(caller, { category: 'decisions' })).toEqual([id.yellow]);
    expect(await ids(caller, { deadlineFrom: inDays(0), deadlineTo: inDays(20) })).toEqual(sorted(id.yellow, id.soon));
    expect(await ids(caller, { keyword: '100%' })).toEqual([id.lanshan]);
    expect(await ids(caller, { keyword: '2026-00_' })).toEqual([]);
    expect(await ids(caller, { keyword: '2026-005' })).toEqual([id.soon]);
  });

  for (const sort of ['deadline', 'created', 'number'] as ItemSort[]) {
    it(`pages through every row once, sorted by ${sort}`, async () => {
      const { caller } = await as('province');
      const all = (await caller.items.list({ inspectionId, limit: 200, sort })).items;
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Caller['items']['list']>> = await caller.items.list({ inspectionId, limit: 2, sort, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.map((i) => i.id));
      const keys = all.map((i) => (sort === 'deadline' ? i.deadline : sort === 'number' ? i.number : i.createdAt));
      expect(keys).toEqual([...keys].sort((a, b) => (sort === 'created' ? b.localeCompare(a) : a.localeCompare(b))));
    });
  }

  it('rejects a forged cursor with a Chinese message', async () => {
    const { caller } = await as('province');
    expect(await failure(caller.items.list({ cursor: Buffer.from('["x",1]').toString('base64url') }))).toEqual({ code: 'BAD_REQUEST', message: '分页参数无效,请刷新后重试' });
  });

  it('lists flagged items once the supervising level flags them', async () => {
    const province = (await as('province')).caller;
    expect(await outcome((await as('linyi')).caller.items.flag({ id: id.red, flagged: true, reason: '逾期未整改' }))).toBe('FORBIDDEN');
    await province.items.flag({ id: id.red, flagged: true, reason: '逾期未整改' });
    expect(await ids(province, { flagged: true })).toEqual([id.red]);
    expect(await failure(province.items.flag({ id: id.closed, flagged: true, reason: '复查' }))).toMatchObject({ code: 'BAD_REQUEST', message: '已销号的事项不能挂牌督办' });
  });
});

describe('light rules of the supervising level', () => {
  it('a province threshold of 20 days turns a 15-day item yellow, for every level below', async () => {
    const province = (await as('province')).caller;
    expect(await province.lightRules.get({ jurisdictionId: 37 })).toMatchObject({ yellowWithinDays: 7, isDefault: true });
    expect(await outcome((await as('linyi')).caller.lightRules.set({ jurisdictionId: 37, yellowWithinDays: 20 }))).toBe('NOT_FOUND');
    expect(await outcome((await as('hedong-sfj')).caller.lightRules.get({ jurisdictionId: 371312 }))).toBe('FORBIDDEN');
    await province.lightRules.set({ jurisdictionId: 37, yellowWithinDays: 20 });
    expect(await ids(province, { light: ['yellow'] })).toEqual(sorted(id.yellow, id.soon));
    expect(await ids((await as('hedong')).caller, { light: ['yellow'] })).toEqual(sorted(id.yellow, id.soon));
    expect((await (await as('hedong')).caller.items.get({ id: id.soon })).light).toBe('yellow');
    await province.lightRules.set({ jurisdictionId: 37, yellowWithinDays: 7 });
    expect(await ids(province, { light: ['yellow'] })).toEqual([id.yellow]);
  });
});

describe('督办通知', () => {
  it('goes to the responsible unit, which reads and answers it; both show on the timeline', async () => {
    const province = (await as('province')).caller;
    expect(await failure(province.notices.send({ itemId: id.yellow, text: '请加快整改' }))).toMatchObject({ code: 'BAD_REQUEST', message: '该事项尚未确定责任单位' });
    expect(await outcome((await as('hedong')).caller.notices.send({ itemId: id.red, text: '请加快整改' }))).toBe('FORBIDDEN');
    const sent = await province.notices.send({ itemId: id.red, text: '该问题已逾期,请于3个工作日内书面报告整改进展', replyBy: inDays(3) });

    const sfjCaller = (await as('hedong-sfj')).caller;
    const inbox = await sfjCaller.notices.inbox({});
    const unreadBefore = inbox.unreadCount; // the demo data may hold notices of its own
    expect(unreadBefore).toBeGreaterThanOrEqual(1);
    expect(inbox.items[0]).toMatchObject({ id: sent.id, itemId: id.red, itemNumber: '2026-003', fromName: '山东省司法厅', readAt: null, replyBy: inDays(3) });
    expect((await (await as('street')).caller.notices.inbox({})).items.map((n) => n.id)).not.toContain(sent.id);
    expect(await outcome((await as('hedong')).caller.notices.markRead({ id: sent.id }))).toBe('FORBIDDEN');
    expect(await outcome((await as('lanshan')).caller.notices.markRead({ id: sent.id }))).toBe('NOT_FOUND');

    await sfjCaller.notices.markRead({ id: sent.id });
    await sfjCaller.notices.markRead({ id: sent.id });
    const after = await sfjCaller.notices.inbox({ unreadOnly: true });
    expect(after.items.map((n) => n.id)).not.toContain(sent.id);
    expect(after.unreadCount).toBe(unreadBefore - 1);
    await sfjCaller.notices.reply({ id: sent.id, reply: '已完成法制审核意见补附,整改报告另行报送' });
    expect(await failure(sfjCaller.notices.reply({ id: sent.id, reply: '再次回复' }))).toMatchObject({ code: 'BAD_REQUEST', message: '该通知已回复' });

    const item = await province.items.get({ id: id.red });
    expect(item.notices).toEqual([expect.objectContaining({ id: sent.id, reply: '已完成法制审核意见补附,整改报告另行报送', repliedByName: '河东区司法局填报员' })]);
    expect((await eventsOf(env.db, id.red)).filter((e) => e.startsWith('notice'))).toEqual(['notice', 'noticeRead', 'noticeReply']);
  });
});

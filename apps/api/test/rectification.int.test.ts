import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, outcome, servicesFor } from './helpers.js';
import { PDF, TODAY, auditCount, eventsOf, failure, finding, inDays, itemRow, sessions, unitIdOf, upload } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const as = sessions(() => services);
let inspectionId: number;
let sfj: number; // 河东区司法局

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
  sfj = await unitIdOf(env.db, 371312, '河东区司法局');
  const { caller } = await as('province');
  inspectionId = (
    await caller.inspections.create({ type: 'rule_of_law', title: '2026年度全省法治政府建设督察', periodStart: '2026-06-01', periodEnd: '2026-06-12', team: '省第三督察组', targetIds: [371312] })
  ).id;
});
afterAll(async () => {
  await app.close();
  await env.close();
});

describe('a finding from issue to closure', () => {
  it('province → 河东区 → 司法局 → province, visible to 临沂市, invisible to 兰山区', async () => {
    const province = (await as('province')).caller;
    const item = await province.items.create(finding(inspectionId, 371312, { number: '2026-001' }));
    expect(item).toMatchObject({ status: 'issued', jurisdictionId: 371312, supervisingJurisdictionId: 37, responsibleUnitId: null, deadline: inDays(60), originalDeadline: inDays(60) });

    const hedong = (await as('hedong')).caller;
    let v = (await hedong.items.assign({ id: item.id, version: item.version, unitId: sfj })).version;

    const sfjCaller = (await as('hedong-sfj')).caller;
    v = (await sfjCaller.items.transition({ id: item.id, version: v, event: 'acknowledge' })).version;
    v = (await sfjCaller.items.transition({ id: item.id, version: v, event: 'start' })).version;
    v = (await sfjCaller.items.setMeasures({ id: item.id, version: v, measures: '修订行政执法全过程记录制度,配备执法记录仪32台,开展专题培训2次' })).version;
    v = (await sfjCaller.items.transition({ id: item.id, version: v, event: 'reportProgress', note: '已完成制度修订,培训完成1次' })).version;
    // No evidence yet: the lifecycle refuses the closure request.
    expect(await failure(sfjCaller.items.transition({ id: item.id, version: v, event: 'requestClosure', situation: '已整改到位' }))).toEqual({ code: 'BAD_REQUEST', message: '申请销号前请至少上传一份佐证材料' });
    const res = await upload(app, (await as('hedong-sfj')).token, item.id, '执法全过程记录制度.pdf', PDF);
    expect(res.statusCode).toBe(201);
    v = (await sfjCaller.items.transition({ id: item.id, version: v, event: 'requestClosure', situation: '制度已修订印发,执法记录仪配备到位' })).version;

    // Neither the city nor the county supervises this item: they read it but cannot close it.
    expect(await outcome((await as('linyi')).caller.items.transition({ id: item.id, version: v, event: 'close' }))).toBe('FORBIDDEN');
    expect(await outcome(hedong.items.transition({ id: item.id, version: v, event: 'close' }))).toBe('FORBIDDEN');
    const closed = await province.items.transition({ id: item.id, version: v, event: 'close', note: '经核查,整改到位,同意销号' });
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed.closedAt).not.toBeNull();

    const seen = await (await as('linyi')).caller.items.get({ id: item.id });
    expect(seen).toMatchObject({ status: 'closed', light: 'none', unitName: '河东区司法局', jurisdictionName: '河东区', evidenceCount: 1 });
    expect(seen.inspection).toMatchObject({ title: '2026年度全省法治政府建设督察', supervisingName: '山东省' });
    expect(seen.timeline.map((e) => e.event)).toEqual(['create', 'assign', 'acknowledge', 'start', 'setMeasures', 'reportProgress', 'attach', 'requestClosure', 'close']);
    expect(seen.timeline.at(-1)).toMatchObject({ actorName: '省督察员', actorUnitName: '山东省司法厅', fromStatus: 'closure_requested', toStatus: 'closed', note: '经核查,整改到位,同意销号' });
    expect(seen.allowed.events).toEqual([]);
    expect((await (await as('linyi')).caller.items.list({ status: ['closed'], inspectionId })).items.map((i) => i.id)).toContain(item.id);

    // (The demo data may hold 兰山区 items of other inspections: only this one matters here.)
    const lanshan = (await as('lanshan')).caller;
    expect((await lanshan.items.list({ inspectionId, limit: 200 })).items).toEqual([]);
    expect(await outcome(lanshan.items.get({ id: item.id }))).toBe('NOT_FOUND');
    expect(await outcome(lanshan.inspections.get({ id: inspectionId }))).toBe('NOT_FOUND');
    expect((await lanshan.inspections.list({ limit: 200 })).items.map((i) => i.id)).not.toContain(inspectionId);
  });

  it('keeps the inspection’s status in step with its items', async () => {
    const { caller } = await as('province');
    const ins = await caller.inspections.create({ type: 'special', title: '行政复议应诉专项督察', periodStart: '2026-07-01', periodEnd: '2026-07-03', targetIds: [371312] });
    expect(ins.status).toBe('in_progress');
    await caller.items.create(finding(ins.id, 371312));
    expect((await caller.inspections.get({ id: ins.id })).status).toBe('rectifying');
    const listed = (await (await as('hedong')).caller.inspections.list({ limit: 50 })).items.find((i) => i.id === ins.id);
    expect(listed).toMatchObject({ supervisingName: '山东省', itemCount: 1, closedCount: 0, targets: [{ id: 371312, name: '河东区' }] });
  });

  it('inspects descendants only', async () => {
    const { caller } = await as('linyi');
    const base = { type: 'onsite' as const, title: '实地检查', periodStart: '2026-08-01', periodEnd: '2026-08-01' };
    expect(await outcome(caller.inspections.create({ ...base, targetIds: [3713] }))).toBe('FORBIDDEN');
    expect(await outcome(caller.inspections.create({ ...base, targetIds: [3701] }))).toBe('NOT_FOUND');
    expect(await outcome(caller.inspections.create({ ...base, targetIds: [371312, 371302] }))).toBe('OK');
    expect(await outcome((await as('hedong-sfj')).caller.inspections.create({ ...base, targetIds: [371312001] }))).toBe('FORBIDDEN');
  });
});

describe('refusals change nothing', () => {
  it('an illegal event is a BAD_REQUEST and leaves the row, the timeline and the audit log alone', async () => {
    const item = await (await as('province')).caller.items.create(finding(inspectionId, 371312, { responsibleUnitId: sfj }));
    await as('leader'); // log in first: a login writes an audit row of its own
    const before = await itemRow(env.db, item.id);
    const [audits, events] = [await auditCount(env.db), await eventsOf(env.db, item.id)];
    const sfjCaller = (await as('hedong-sfj')).caller;
    expect(await failure(sfjCaller.items.transition({ id: item.id, version: item.version, event: 'requestClosure', situation: '已完成' }))).toEqual({ code: 'BAD_REQUEST', message: '当前状态不能执行“申请销号”' });
    expect(await failure((await as('province')).caller.items.transition({ id: item.id, version: item.version, event: 'return' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await outcome(sfjCaller.items.transition({ id: item.id, version: item.version, event: 'close' }))).toBe('FORBIDDEN');
    expect(await outcome((await as('leader')).caller.items.transition({ id: item.id, version: item.version, event: 'acknowledge' }))).toBe('FORBIDDEN');
    expect(await itemRow(env.db, item.id)).toEqual(before);
    expect(await auditCount(env.db)).toBe(audits);
    expect(await eventsOf(env.db, item.id)).toEqual(events);
  });

  it('two edits with the same version: exactly one wins, the other gets CONFLICT', async () => {
    const item = await (await as('province')).caller.items.create(finding(inspectionId, 371312));
    const hedong = (await as('hedong')).caller;
    const results = await Promise.all(
      ['重大行政决策程序执行不严格,未公开征求意见', '重大行政决策未经合法性审查即提交集体讨论'].map((problem) => failure(hedong.items.update({ id: item.id, version: item.version, problem }))),
    );
    expect(results.map((r) => r.code).sort()).toEqual(['CONFLICT', 'OK']);
    expect(results.find((r) => r.code === 'CONFLICT')?.message).toBe('数据已被他人修改,请刷新后重试');
    expect((await itemRow(env.db, item.id)).version).toBe(item.version + 1);
  });
});

describe('extensions', () => {
  it('are requested before the deadline and approved by the supervising level, moving the deadline', async () => {
    const item = await (await as('province')).caller.items.create(finding(inspectionId, 371312, { responsibleUnitId: sfj, deadline: inDays(5) }));
    const sfjCaller = (await as('hedong-sfj')).caller;
    let v = (await sfjCaller.items.transition({ id: item.id, version: item.version, event: 'acknowledge' })).version;
    expect(await failure(sfjCaller.items.transition({ id: item.id, version: v, event: 'requestExtension', reason: '涉及多部门协调', note: '已完成60%', newDeadline: inDays(3) }))).toMatchObject({ code: 'BAD_REQUEST', message: '新的整改时限须晚于原时限' });
    const asked = await sfjCaller.items.transition({ id: item.id, version: v, event: 'requestExtension', reason: '涉及多部门协调', note: '已完成60%', newDeadline: inDays(40) });
    expect(asked.pendingExtension).toMatchObject({ newDeadline: inDays(40), reason: '涉及多部门协调', note: '已完成60%' });
    expect(await failure(sfjCaller.items.transition({ id: item.id, version: asked.version, event: 'requestExtension', reason: '再次申请', note: 'x', newDeadline: inDays(50) }))).toMatchObject({ message: '已有待审批的延期申请' });
    expect(await outcome((await as('hedong')).caller.items.transition({ id: item.id, version: asked.version, event: 'approveExtension' }))).toBe('FORBIDDEN');
    const approved = await (await as('province')).caller.items.transition({ id: item.id, version: asked.version, event: 'approveExtension', note: '同意延期' });
    expect(approved).toMatchObject({ deadline: inDays(40), originalDeadline: inDays(5), pendingExtension: null, status: 'acknowledged' });
    v = approved.version;
    const asked2 = await sfjCaller.items.transition({ id: item.id, version: v, event: 'requestExtension', reason: '再延期', note: '80%', newDeadline: inDays(60) });
    expect(await failure((await as('province')).caller.items.transition({ id: item.id, version: asked2.version, event: 'denyExtension' }))).toMatchObject({ message: '请填写理由' });
    const denied = await (await as('province')).caller.items.transition({ id: item.id, version: asked2.version, event: 'denyExtension', reason: '理由不充分' });
    expect(denied).toMatchObject({ deadline: inDays(40), pendingExtension: null });
    expect((await eventsOf(env.db, item.id)).slice(-4)).toEqual(['requestExtension', 'approveExtension', 'requestExtension', 'denyExtension']);
  });

  it('are refused once the deadline has passed', async () => {
    const item = await (await as('province')).caller.items.create(finding(inspectionId, 371312, { responsibleUnitId: sfj, deadline: inDays(-1) }));
    const sfjCaller = (await as('hedong-sfj')).caller;
    const v = (await sfjCaller.items.transition({ id: item.id, version: item.version, event: 'acknowledge' })).version;
    expect(await failure(sfjCaller.items.transition({ id: item.id, version: v, event: 'requestExtension', reason: '工作量大', note: '50%', newDeadline: inDays(30) }))).toEqual({ code: 'BAD_REQUEST', message: '已超过整改时限,不能申请延期' });
    expect((await sfjCaller.items.get({ id: item.id })).light).toBe('red');
  });
});

describe('delegation to a township', () => {
  it('moves the item to 九曲街道 under the same supervising level; 相公街道 never sees it', async () => {
    const item = await (await as('province')).caller.items.create(finding(inspectionId, 371312, { problem: '街道综合执法队伍执法证件管理不规范' }));
    const hedong = (await as('hedong')).caller;
    expect(await failure(hedong.items.delegate({ id: item.id, version: item.version, townshipId: 371302001 }))).toMatchObject({ code: 'NOT_FOUND' });
    const moved = await hedong.items.delegate({ id: item.id, version: item.version, townshipId: 371312001 });
    expect(moved).toMatchObject({ jurisdictionId: 371312001, supervisingJurisdictionId: 37, targetJurisdictionId: 371312, status: 'issued' });
    expect(moved.responsibleUnitId).toBe(await unitIdOf(env.db, 371312001, '九曲街道办事处'));

    const street = (await as('street')).caller;
    const got = await street.items.get({ id: item.id });
    expect(got).toMatchObject({ jurisdictionName: '九曲街道', unitName: '九曲街道办事处', inspection: null });
    expect(got.timeline.map((e) => e.event)).toEqual(['delegate']);
    expect(got.allowed.events).toEqual(['acknowledge']);
    const acked = await street.items.transition({ id: item.id, version: moved.version, event: 'acknowledge' });
    expect(acked.status).toBe('acknowledged');

    const xiangong = (await as('xiangong')).caller;
    expect(await outcome(xiangong.items.get({ id: item.id }))).toBe('NOT_FOUND');
    expect((await xiangong.items.list({ inspectionId, limit: 200 })).items).toEqual([]);
    // The county still reads it but no longer runs it; the province still supervises it.
    expect((await hedong.items.get({ id: item.id })).status).toBe('acknowledged');
    expect(await outcome(hedong.items.assign({ id: item.id, version: acked.version, unitId: sfj }))).toBe('FORBIDDEN');
    expect((await (await as('province')).caller.items.flag({ id: item.id, flagged: true, reason: '群众反映强烈' })).flagged).toBe(true);
  });

  it('only issued items of the county itself go down', async () => {
    const item = await (await as('province')).caller.items.create(finding(inspectionId, 371312, { responsibleUnitId: sfj }));
    const v = (await (await as('hedong-sfj')).caller.items.transition({ id: item.id, version: item.version, event: 'acknowledge' })).version;
    expect(await failure((await as('hedong')).caller.items.delegate({ id: item.id, version: v, townshipId: 371312001 }))).toMatchObject({ code: 'BAD_REQUEST', message: '只有已交办、尚未签收的事项可以交办到乡镇(街道)' });
  });
});

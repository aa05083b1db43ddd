import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, outcome, servicesFor } from './helpers.js';
import { PDF, PNG, TODAY, auditCount, failure, inDays, multipart, sessions } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const as = sessions(() => services);

type Tree = Array<{ id: number; code: string; leaf: boolean; veto: boolean; maxScore: number | null; children: Tree; extra: { assessment: { version: number; selfScore: number | null; files: Array<{ id: number }> } | null } }>;
const leavesOf = (tree: Tree): Tree => tree.flatMap((n) => (n.leaf ? [n] : leavesOf(n.children)));

async function post(url: string, token: string, name: string, data: Buffer, headers: Record<string, string> = { 'x-fz-csrf': '1' }) {
  const body = multipart(name, data);
  return app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType, cookie: `fz_sid=${token}`, ...headers } });
}

/** 河东区's own campaign on 临沂市's standard, over 九曲街道 and 相公街道: the county reviews and names. */
let campaign: { id: number };
let apps: { jiuqu: number; xiangong: number };
let leaves: Tree;

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
  const hedong = (await as('hedong')).caller;
  const standard = (await hedong.demonstration.systems.list({ participantLevel: 'township' })).find((s) => s.name === '临沂市法治镇街创建指标体系')!;
  campaign = await hedong.demonstration.campaigns.create({
    name: '河东区法治镇街培育',
    year: 2026,
    versionId: standard.versions[0]!.id,
    participantIds: [371312001, 371312004],
    submitDeadline: inDays(20),
    reviewDeadline: inDays(40),
    target: { numerator: 1, denominator: 2 },
  });
  const list = await hedong.demonstration.applications.list({ campaignId: campaign.id });
  apps = { jiuqu: list.items.find((i) => i.jurisdictionId === 371312001)!.id, xiangong: list.items.find((i) => i.jurisdictionId === 371312004)!.id };
  leaves = leavesOf((await hedong.demonstration.applications.get({ id: apps.jiuqu })).tree as Tree);
});
afterAll(async () => {
  await app.close();
  await env.close();
});

/** Fills every indicator of an application at its maximum (through the participant's caller). */
async function fillAll(username: string, applicationId: number) {
  const { caller } = await as(username);
  const current = leavesOf((await caller.demonstration.applications.get({ id: applicationId })).tree as Tree);
  for (const leaf of current) await caller.demonstration.applications.saveAssessment({ applicationId, indicatorId: leaf.id, version: leaf.extra.assessment?.version, selfScore: leaf.maxScore!, explanation: '已落实' });
}

describe('self-assessment', () => {
  it('saves a draft, answers a resend with the same content unchanged, and refuses a stale edit', async () => {
    const { caller } = await as('street');
    const leaf = leaves[0]!;
    const first = await caller.demonstration.applications.saveAssessment({ applicationId: apps.jiuqu, indicatorId: leaf.id, selfScore: 3.5, explanation: '已述法' });
    expect(first.application.status).toBe('in_progress');
    const audits = await auditCount(env.db);
    const again = await caller.demonstration.applications.saveAssessment({ applicationId: apps.jiuqu, indicatorId: leaf.id, selfScore: 3.5, explanation: '已述法' });
    expect(again.assessment.version).toBe(first.assessment.version);
    expect(await auditCount(env.db)).toBe(audits);
    const changed = await caller.demonstration.applications.saveAssessment({ applicationId: apps.jiuqu, indicatorId: leaf.id, version: first.assessment.version, selfScore: 4 });
    expect(changed.assessment).toMatchObject({ selfScore: 4, explanation: null, version: first.assessment.version + 1 });
    expect(await failure(caller.demonstration.applications.saveAssessment({ applicationId: apps.jiuqu, indicatorId: leaf.id, version: first.assessment.version, selfScore: 2 }))).toEqual({ code: 'CONFLICT', message: '数据已被他人修改,请刷新后重试' });
  });

  it('refuses a score above the indicator’s maximum, a first-level indicator, and another township’s application', async () => {
    const { caller } = await as('street');
    expect(await failure(caller.demonstration.applications.saveAssessment({ applicationId: apps.jiuqu, indicatorId: leaves[1]!.id, selfScore: 3.5 }))).toEqual({ code: 'BAD_REQUEST', message: '得分不能超过该指标的分值(3.0 分)' });
    const root = (await caller.demonstration.applications.get({ id: apps.jiuqu })).tree[0]!;
    expect(await failure(caller.demonstration.applications.saveAssessment({ applicationId: apps.jiuqu, indicatorId: root.id, selfScore: 1 }))).toEqual({ code: 'BAD_REQUEST', message: '只能对末级指标评分' });
    expect(await outcome(caller.demonstration.applications.saveAssessment({ applicationId: apps.xiangong, indicatorId: leaves[1]!.id, selfScore: 1 }))).toBe('NOT_FOUND');
    expect(await outcome((await as('hedong')).caller.demonstration.applications.saveAssessment({ applicationId: apps.jiuqu, indicatorId: leaves[1]!.id, selfScore: 1 }))).toBe('FORBIDDEN');
  });

  it('takes evidence files once per content, of allowed kinds, only from the participant, and serves them to those above', async () => {
    const street = await as('street');
    const url = `/api/demonstration/applications/${apps.jiuqu}/indicators/${leaves[2]!.id}/evidence`;
    const first = await post(url, street.token, '规划.pdf', PDF);
    expect(first.statusCode).toBe(201);
    expect((await post(url, street.token, '规划副本.pdf', PDF)).json()).toMatchObject({ id: first.json<{ id: number }>().id, duplicate: true });
    expect((await post(url, street.token, '图.pdf', PNG)).statusCode).toBe(400);
    expect((await post(url, street.token, '规划.pdf', PDF, {})).statusCode).toBe(403);
    expect((await post(url, (await as('xiangong')).token, '规划.pdf', PDF)).statusCode).toBe(404);
    const fileId = first.json<{ id: number }>().id;
    const get = async (username: string) => app.inject({ method: 'GET', url: `/api/demonstration/files/${fileId}`, headers: { cookie: `fz_sid=${(await as(username)).token}` } });
    expect((await get('street')).statusCode).toBe(200);
    expect((await get('linyi')).headers['content-type']).toBe('application/pdf');
    expect((await get('xiangong')).statusCode).toBe(404);
    const removed = await street.caller.demonstration.applications.removeEvidence({ id: fileId });
    expect(removed.id).toBe(fileId);
    expect((await get('street')).statusCode).toBe(404);
  });
});

describe('review, return and the veto', () => {
  it('returns an incomplete review to the township with a reason, and takes the resubmission', async () => {
    await fillAll('street', apps.jiuqu);
    const street = (await as('street')).caller;
    const hedong = (await as('hedong')).caller;
    let a = await street.demonstration.applications.get({ id: apps.jiuqu });
    a = { ...a, ...(await street.demonstration.applications.transition({ id: apps.jiuqu, version: a.version, event: 'submit' })) };
    expect(await outcome(street.demonstration.applications.saveAssessment({ applicationId: apps.jiuqu, indicatorId: leaves[0]!.id, version: 99, selfScore: 1 }))).toBe('BAD_REQUEST');
    expect(await failure(hedong.demonstration.applications.transition({ id: apps.jiuqu, version: a.version, event: 'return' }))).toEqual({ code: 'BAD_REQUEST', message: '请填写理由' });
    const returned = await hedong.demonstration.applications.transition({ id: apps.jiuqu, version: a.version, event: 'return', reason: '应急演练记录缺失' });
    expect(returned.status).toBe('returned');
    const back = await street.demonstration.applications.get({ id: apps.jiuqu });
    expect(back.timeline.at(-1)).toMatchObject({ event: 'return', reason: '应急演练记录缺失', actorName: '河东区依法治区办' });
    expect(back.allowed).toMatchObject({ events: ['submit'], assess: true });
    const leaf = leavesOf(back.tree as Tree)[0]!;
    const saved = await street.demonstration.applications.saveAssessment({ applicationId: apps.jiuqu, indicatorId: leaf.id, version: leaf.extra.assessment!.version, selfScore: 3.5, explanation: '补充述法记录' });
    expect(saved.application.status).toBe('in_progress');
    const resubmitted = await street.demonstration.applications.transition({ id: apps.jiuqu, version: saved.application.version, event: 'submit' });
    expect(resubmitted.status).toBe('submitted');
  });

  it('fails a veto hit regardless of score: naming is refused, failing is not', async () => {
    await fillAll('xiangong', apps.xiangong);
    const xiangong = (await as('xiangong')).caller;
    const hedong = (await as('hedong')).caller;
    let v = (await xiangong.demonstration.applications.get({ id: apps.xiangong })).version;
    v = (await xiangong.demonstration.applications.transition({ id: apps.xiangong, version: v, event: 'submit' })).version;
    v = (await hedong.demonstration.applications.transition({ id: apps.xiangong, version: v, event: 'startReview' })).version;
    const tree = leavesOf((await hedong.demonstration.applications.get({ id: apps.xiangong })).tree as Tree);
    const veto = tree.find((l) => l.veto)!;
    const plain = tree.find((l) => !l.veto)!;
    expect(await failure(hedong.demonstration.applications.review({ applicationId: apps.xiangong, indicatorId: plain.id, version: plain.extra.assessment!.version, reviewedScore: plain.maxScore!, vetoHit: true }))).toEqual({ code: 'BAD_REQUEST', message: '该指标不是一票否决指标' });
    await hedong.demonstration.applications.review({ applicationId: apps.xiangong, indicatorId: veto.id, version: veto.extra.assessment!.version, reviewedScore: 0, vetoHit: true, comment: '发生群体性事件' });
    v = (await hedong.demonstration.applications.transition({ id: apps.xiangong, version: v, event: 'completeReview' })).version;
    const evaluated = await hedong.demonstration.applications.evaluate({ id: apps.xiangong, version: v, satisfactionScore: 100 });
    expect(evaluated.result).toMatchObject({ reachesPassLine: true, vetoed: true, passes: false });
    expect((await hedong.demonstration.applications.get({ id: apps.xiangong })).allowed.events).toEqual(['fail']);
    expect(await failure(hedong.demonstration.applications.transition({ id: apps.xiangong, version: evaluated.version, event: 'name' }))).toMatchObject({ code: 'BAD_REQUEST' });
    const failed = await hedong.demonstration.applications.transition({ id: apps.xiangong, version: evaluated.version, event: 'fail', reason: '一票否决' });
    expect(failed).toMatchObject({ status: 'not_passed' });
    const board = await hedong.demonstration.campaigns.board({ id: campaign.id });
    expect(board.rows.find((r) => r.id === apps.xiangong)).toMatchObject({ status: 'not_passed', vetoHits: 1, passes: false, onTrack: false });
    expect(board.summary).toMatchObject({ total: 2, vetoHits: 1, named: { count: 0, text: '0 / 2 = 0%,目标 1/2 ✗' } });
  });
});

describe('progress reports', () => {
  it('a township posts a note with a file; its county reads the timeline, a sibling township does not', async () => {
    const street = await as('street');
    const report = await street.caller.demonstration.reports.post({ applicationId: apps.jiuqu, text: '召开创建推进会,部署下一阶段工作' });
    const upload = await post(`/api/demonstration/reports/${report.id}/files`, street.token, '推进会纪要.pdf', PDF);
    expect(upload.statusCode).toBe(201);
    expect((await post(`/api/demonstration/reports/${report.id}/files`, (await as('hedong')).token, '纪要.pdf', PDF)).statusCode).toBe(403);
    const timeline = await (await as('hedong')).caller.demonstration.reports.list({ campaignId: campaign.id });
    expect(timeline.items[0]).toMatchObject({ id: report.id, jurisdictionName: '九曲街道', files: [{ name: '推进会纪要.pdf' }] });
    const sibling = await (await as('xiangong')).caller.demonstration.reports.list({ campaignId: campaign.id });
    expect(sibling.items.map((r) => r.jurisdictionId)).not.toContain(371312001);
    expect(await outcome((await as('xiangong')).caller.demonstration.reports.post({ applicationId: apps.jiuqu, text: '越权' }))).toBe('NOT_FOUND');
  });
});

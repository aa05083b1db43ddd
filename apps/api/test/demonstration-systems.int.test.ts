import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, outcome, servicesFor } from './helpers.js';
import { TODAY, failure, inDays, multipart, sessions } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const as = sessions(() => services);
/** 临沂市's published township standard (demo data). */
let cityStandard: number;

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
  const systems = await (await as('hedong')).caller.demonstration.systems.list({ participantLevel: 'township' });
  cityStandard = systems.find((s) => s.name === '临沂市法治镇街创建指标体系')!.versions[0]!.id;
});
afterAll(async () => {
  await app.close();
  await env.close();
});

async function xlsx(rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标体系');
  ws.addRow(['编号', '层级', '指标名称', '上级编号', '分值', '评分标准', '佐证材料要求', '一票否决']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importFile(token: string, versionId: number, version: number, data: Buffer) {
  const body = multipart('指标.xlsx', data);
  return app.inject({ method: 'POST', url: `/api/demonstration/versions/${versionId}/import?version=${version}`, payload: body.payload, headers: { 'content-type': body.contentType, cookie: `fz_sid=${token}`, 'x-fz-csrf': '1' } });
}

describe('indicator systems', () => {
  it('a county adapts the city’s standard as a draft of its own, edits it with version checks, and publishes it', async () => {
    const hedong = (await as('hedong')).caller;
    let draft = await hedong.demonstration.systems.create({ name: '河东区法治镇街培育标准', participantLevel: 'township', passLine: 85, satisfactionPct: 10, fromVersionId: cityStandard });
    expect(draft).toMatchObject({ versionNo: 1, status: 'draft', passLine: 85, satisfactionPct: 10, jurisdictionId: 371312 });
    const copied = await hedong.demonstration.systems.get({ id: draft.id });
    expect(copied).toMatchObject({ indicatorCount: 35, leafCount: 30, maxTotal: 100, problems: [], allowed: { edit: true, publish: true, newDraft: false } });
    expect(await failure(hedong.demonstration.systems.create({ name: '河东区法治镇街培育标准', participantLevel: 'township' }))).toEqual({ code: 'CONFLICT', message: '本级已有同名指标体系' });

    const chapter = copied.tree[0]!;
    const added = await hedong.demonstration.systems.saveIndicator({ versionId: draft.id, version: draft.version, parentId: chapter.id, code: '1.7', name: '法治建设考核结果运用', maxScore: 2 });
    expect(added.indicator).toMatchObject({ level: 2, code: '1.7', maxScore: 2 });
    expect(await failure(hedong.demonstration.systems.saveIndicator({ versionId: draft.id, version: draft.version, parentId: chapter.id, code: '1.8', name: '过时的编辑' }))).toEqual({ code: 'CONFLICT', message: '数据已被他人修改,请刷新后重试' });
    const third = await hedong.demonstration.systems.saveIndicator({ versionId: draft.id, version: added.version, parentId: added.indicator.id, code: '1.7.1', name: '考核结果纳入干部评价', maxScore: 1 });
    // The new parent gave up its score: only leaves carry one.
    let got = await hedong.demonstration.systems.get({ id: draft.id });
    expect(got.tree[0]!.children.find((c) => c.code === '1.7')).toMatchObject({ maxScore: null, leaf: false, totalMax: 1 });
    expect(got.maxTotal).toBe(101);
    expect(await failure(hedong.demonstration.systems.saveIndicator({ versionId: draft.id, version: third.version, code: '1.1', name: '重复编号', maxScore: 1 }))).toEqual({ code: 'BAD_REQUEST', message: '指标编号“1.1”重复' });
    const removed = await hedong.demonstration.systems.deleteIndicator({ versionId: draft.id, version: third.version, id: added.indicator.id });
    expect(removed.removed).toBe(2);
    draft = await hedong.demonstration.systems.updateVersion({ id: draft.id, version: removed.version, passLine: 88 });
    const published = await hedong.demonstration.systems.publish({ id: draft.id, version: draft.version });
    expect(published).toMatchObject({ status: 'published', passLine: 88 });
    expect(published.publishedAt).not.toBeNull();

    expect(await failure(hedong.demonstration.systems.saveIndicator({ versionId: draft.id, version: published.version, code: '9', name: '发布后修改', maxScore: 1 }))).toEqual({ code: 'BAD_REQUEST', message: '已发布的版本不能修改,请先复制为新版本' });
    const next = await hedong.demonstration.systems.newDraft({ id: published.id });
    expect(next).toMatchObject({ versionNo: 2, status: 'draft', passLine: 88 });
    expect((await hedong.demonstration.systems.get({ id: next.id })).indicatorCount).toBe(35);
    expect(await failure(hedong.demonstration.systems.newDraft({ id: published.id }))).toMatchObject({ code: 'CONFLICT' });
    got = await hedong.demonstration.systems.get({ id: published.id });
    expect(got.versions.map((v) => [v.versionNo, v.status])).toEqual([[1, 'published'], [2, 'draft']]);
  });

  it('refuses publishing an incomplete tree, naming the problem', async () => {
    const hedong = (await as('hedong')).caller;
    const draft = await hedong.demonstration.systems.create({ name: '空白标准', participantLevel: 'township' });
    expect(await failure(hedong.demonstration.systems.publish({ id: draft.id, version: draft.version }))).toEqual({ code: 'BAD_REQUEST', message: '指标体系中还没有指标' });
    const root = await hedong.demonstration.systems.saveIndicator({ versionId: draft.id, version: draft.version, code: '一', name: '组织领导' });
    expect(await failure(hedong.demonstration.systems.publish({ id: draft.id, version: root.version }))).toEqual({ code: 'BAD_REQUEST', message: '末级指标“一”须设置大于 0 的分值' });
  });

  it('levels below read published standards of their ancestors but never drafts; siblings read nothing; townships and operators keep none', async () => {
    const names = async (username: string) => (await (await as(username)).caller.demonstration.systems.list({})).map((s) => `${s.name}:${s.versions.map((v) => v.status).join('/')}`).sort();
    expect(await names('street')).toEqual(['临沂市法治镇街创建指标体系:published', '山东省法治政府建设示范县(市、区)指标体系(试行):published', '河东区法治镇街培育标准:published']);
    expect(await names('lanshan')).toEqual(['临沂市法治镇街创建指标体系:published', '山东省法治政府建设示范县(市、区)指标体系(试行):published']);
    expect(await names('linyi')).toContain('空白标准:draft');
    const draft = (await (await as('hedong')).caller.demonstration.systems.list({})).find((s) => s.name === '空白标准')!.versions[0]!.id;
    expect(await outcome((await as('street')).caller.demonstration.systems.get({ id: draft }))).toBe('NOT_FOUND');
    expect(await outcome((await as('street')).caller.demonstration.systems.create({ name: '街道标准', participantLevel: 'township' }))).toBe('FORBIDDEN');
    expect(await outcome((await as('hedong-sfj')).caller.demonstration.systems.create({ name: '部门标准', participantLevel: 'township' }))).toBe('FORBIDDEN');
  });
});

describe('indicator spreadsheets', () => {
  it('exports a standard and imports it back into a draft, all or nothing', async () => {
    const hedong = await as('hedong');
    const exported = await app.inject({ method: 'GET', url: `/api/demonstration/versions/${cityStandard}/export.xlsx`, headers: { cookie: `fz_sid=${(await as('street')).token}` } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('.xlsx');
    const draft = await hedong.caller.demonstration.systems.create({ name: '导入测试标准', participantLevel: 'township' });
    const bad = await importFile(hedong.token, draft.id, draft.version, await xlsx([['一', '一级', '组织领导', '', '', '', '', ''], ['1.1', '二级', '述法', '二', 3, '', '', '也许'], ['1.2', '四级', '', '一', 'x', '', '', '']]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: Array<{ row: number; column: string }> }>().errors.map((e) => `${e.row}:${e.column}`)).toEqual(['3:上级编号', '3:一票否决', '4:层级', '4:指标名称', '4:分值']);
    expect((await hedong.caller.demonstration.systems.get({ id: draft.id })).indicatorCount).toBe(0);
    const good = await importFile(hedong.token, draft.id, draft.version, exported.rawPayload);
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ imported: 35 });
    const got = await hedong.caller.demonstration.systems.get({ id: draft.id });
    expect(got).toMatchObject({ indicatorCount: 35, leafCount: 30, maxTotal: 100, problems: [] });
    expect(got.tree.map((n) => n.code)).toEqual(['一', '二', '三', '四', '五']);
    expect(got.tree[1]!.children.find((c) => c.code === '2.7')).toMatchObject({ veto: true, maxScore: 3 });
    expect((await importFile(hedong.token, draft.id, draft.version, exported.rawPayload)).statusCode).toBe(409);
    expect((await importFile((await as('street')).token, cityStandard, 0, exported.rawPayload)).statusCode).toBe(403);
  });
});

describe('campaigns', () => {
  it('a city runs a county-level campaign on the province’s standard; each county fills its own, the city reviews', async () => {
    const linyi = (await as('linyi')).caller;
    const county = (await linyi.demonstration.systems.list({ participantLevel: 'county' })).find((s) => s.jurisdictionId === 37)!;
    const c = await linyi.demonstration.campaigns.create({ name: '法治政府建设示范县(区)创建', year: 2026, versionId: county.versions[0]!.id, submitDeadline: inDays(30), reviewDeadline: inDays(60), target: { numerator: 1, denominator: 3 } });
    expect(c.participantLevel).toBe('county');
    expect(c.participantCount).toBeGreaterThan(5);
    const hedong = (await as('hedong')).caller;
    const mine = (await hedong.demonstration.applications.list({ campaignId: c.id, jurisdictionId: 371312 })).items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ jurisdictionName: '河东区', total: 29, status: 'not_started' });
    const got = await hedong.demonstration.applications.get({ id: mine[0]!.id });
    expect(got).toMatchObject({ reviewerJurisdictionId: 3713, ownerJurisdictionId: 3713, allowed: { assess: true, review: false } });
    expect(got.tree).toHaveLength(9);
    expect(got.tree[0]!.name).toBe('健全政府机构职能体系,全面提升政府依法履职能力');
    expect(await outcome((await as('lanshan')).caller.demonstration.applications.get({ id: mine[0]!.id }))).toBe('NOT_FOUND');
  });

  it('refuses a draft standard, a participant outside the owner’s subtree or the owner itself, and a level the owner cannot enrol', async () => {
    const hedong = (await as('hedong')).caller;
    const base = { name: '校验用活动', year: 2026, submitDeadline: inDays(30), reviewDeadline: inDays(60), target: { numerator: 2, denominator: 3 } };
    const draft = (await hedong.demonstration.systems.list({})).find((s) => s.name === '空白标准')!.versions[0]!.id;
    expect(await failure(hedong.demonstration.campaigns.create({ ...base, versionId: draft }))).toEqual({ code: 'BAD_REQUEST', message: '只能使用已发布的指标体系版本' });
    expect(await outcome(hedong.demonstration.campaigns.create({ ...base, versionId: cityStandard, participantIds: [371302001] }))).toBe('NOT_FOUND');
    expect(await outcome(hedong.demonstration.campaigns.create({ ...base, versionId: cityStandard, participantIds: [371312] }))).toBe('FORBIDDEN');
    const countyStandard = (await hedong.demonstration.systems.list({ participantLevel: 'county' }))[0]!.versions[0]!.id;
    expect(await failure(hedong.demonstration.campaigns.create({ ...base, versionId: countyStandard }))).toEqual({ code: 'BAD_REQUEST', message: '该指标体系的适用层级不能参与本级组织的创建活动' });
    expect(await outcome((await as('street')).caller.demonstration.campaigns.create({ ...base, versionId: cityStandard }))).toBe('FORBIDDEN');
  });

  it('only the owner changes a campaign, at the version it read', async () => {
    const linyi = (await as('linyi')).caller;
    const c = (await linyi.demonstration.campaigns.list({})).find((x) => x.ownerName === '临沂市' && x.name.includes('法治镇街'))!;
    expect(await outcome((await as('hedong')).caller.demonstration.campaigns.update({ id: c.id, version: c.version, passLine: 80 }))).toBe('FORBIDDEN');
    const updated = await linyi.demonstration.campaigns.update({ id: c.id, version: c.version, target: { numerator: 3, denominator: 4 }, reviewDeadline: inDays(90) });
    expect(updated).toMatchObject({ target: { numerator: 3, denominator: 4 }, reviewDeadline: inDays(90), version: c.version + 1 });
    expect(await failure(linyi.demonstration.campaigns.update({ id: c.id, version: c.version, passLine: 80 }))).toMatchObject({ code: 'CONFLICT' });
    expect(await failure(linyi.demonstration.campaigns.update({ id: c.id, version: updated.version, submitDeadline: inDays(100) }))).toEqual({ code: 'BAD_REQUEST', message: '初审截止日期不能早于申报截止日期' });
    expect(TODAY).toBe('2026-11-23');
  });
});

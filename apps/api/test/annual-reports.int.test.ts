import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { docxXmlToText, fullWidthPunctuation } from '@fz/domain';
import { buildApp } from '../src/app.js';
import { readZipEntries } from '../src/modules/plans/docx.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { countRows } from './plan-helpers.js';
import { TODAY, failure, sessions } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const as = sessions(() => services);
const caller = async (username: string) => (await as(username)).caller;

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await env.close();
});

const SECTIONS = {
  measures: '(一)深化“放管服”改革\n动态调整行政许可事项清单。\n\n(二)规范行政执法\n全面落实行政执法“三项制度”。',
  firstResponsible: '区委、区政府主要负责同志带头履行第一责任人职责。',
  problems: '一是法制审核力量薄弱;二是执法信息公示不及时。',
  nextYear: '一是深化执法体制改革;二是提升复议质效。',
};

async function demoReport(username = 'hedong') {
  const { items } = await (await caller(username)).annualReports.list({ jurisdictionId: 371312, relation: 'own', year: 2025, limit: 10 });
  return (await caller(username)).annualReports.get({ id: items[0]!.id });
}

describe('a county’s annual report', () => {
  it('starts from the demo draft, whose figures block is what the data gives now', async () => {
    const report = await demoReport();
    expect(report).toMatchObject({ status: 'draft', year: 2025, title: '河东区人民政府关于2025年法治政府建设情况的报告', issuingBody: '河东区人民政府', reviewerName: '临沂市' });
    expect(report.headings.map((h) => `${h.number}${h.title}`)).toEqual(['一、主要举措和成效', '二、党政主要负责人履行推进法治建设第一责任人职责情况', '三、存在的问题', '四、2026年工作安排']);
    expect(report.allowed).toEqual({ update: true, refreshFigures: true, events: ['submit'] });
    const preview = await (await caller('hedong')).annualReports.figures({ id: report.id });
    expect(preview.text).toBe(report.figures);
    expect(preview.text).toContain('行政机关负责人出庭应诉率96.7%(目标≥97%,未达标),较上年提高26.7个百分点。');
  });

  it('goes up to 临沂市, comes back with a reason, goes up again, is accepted and published, and stays as published', async () => {
    const hedong = await caller('hedong');
    const linyi = await caller('linyi');
    let r = await hedong.annualReports.create({ jurisdictionId: 371312, year: 2024 });
    expect(await hedong.annualReports.create({ jurisdictionId: 371312, year: 2024 })).toMatchObject({ id: r.id, version: r.version });
    expect(await failure(hedong.annualReports.transition({ id: r.id, version: r.version, event: 'submit' }))).toMatchObject({ code: 'BAD_REQUEST', message: '请先填写报告的全部四个部分' });
    r = await hedong.annualReports.update({ id: r.id, version: r.version, ...SECTIONS });
    expect(await failure(hedong.annualReports.update({ id: r.id, version: r.version - 1, problems: '旧稿' }))).toMatchObject({ code: 'CONFLICT' });
    r = await hedong.annualReports.transition({ id: r.id, version: r.version, event: 'submit' });
    expect([r.status, r.allowed]).toEqual(['submitted', { update: false, refreshFigures: false, events: [] }]);
    expect(await failure(hedong.annualReports.update({ id: r.id, version: r.version, problems: '改' }))).toMatchObject({ code: 'BAD_REQUEST' });

    expect(await failure((await caller('lanshan')).annualReports.get({ id: r.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure((await caller('province')).annualReports.transition({ id: r.id, version: r.version, event: 'accept' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await linyi.annualReports.get({ id: r.id })).allowed.events).toEqual(['return', 'accept']);
    expect((await linyi.annualReports.list({ relation: 'review', status: 'submitted', limit: 50 })).items.map((x) => x.id)).toContain(r.id);
    expect(await failure(linyi.annualReports.transition({ id: r.id, version: r.version, event: 'return' }))).toMatchObject({ code: 'BAD_REQUEST', message: '请填写退回理由' });
    r = await linyi.annualReports.transition({ id: r.id, version: r.version, event: 'return', reason: '请补充行政复议案件数据' });
    expect([r.status, r.returnReason]).toEqual(['returned', '请补充行政复议案件数据']);

    r = await hedong.annualReports.update({ id: r.id, version: r.version, measures: `${SECTIONS.measures}\n全年受理行政复议案件18件。` });
    r = await hedong.annualReports.transition({ id: r.id, version: r.version, event: 'submit' });
    r = await linyi.annualReports.transition({ id: r.id, version: r.version, event: 'accept' });
    expect([r.status, r.reviewedByName, r.allowed.events]).toEqual(['accepted', '临沂市督察员', []]);
    r = await hedong.annualReports.transition({ id: r.id, version: r.version, event: 'publish', issueDate: '2025-02-26' });
    expect([r.status, r.issueDate]).toEqual(['published', '2025-02-26']);
    expect(await hedong.annualReports.transition({ id: r.id, version: r.version - 1, event: 'publish' })).toMatchObject({ status: 'published', version: r.version });
    expect(await failure(hedong.annualReports.update({ id: r.id, version: r.version, title: '改' }))).toMatchObject({ code: 'BAD_REQUEST' });

    expect(r.events.map((e) => `${e.event}:${e.toStatus}`)).toEqual(['create:draft', 'submit:submitted', 'return:returned', 'submit:submitted', 'accept:accepted', 'publish:published']);
    expect(r.events.find((e) => e.event === 'return')).toMatchObject({ reason: '请补充行政复议案件数据', actorName: '临沂市督察员' });
    const { rows } = await sql<{ action: string }>`select action from audit_log where subject_type = 'AnnualReport' and subject_id = ${String(r.id)} order by id`.execute(env.db);
    expect(rows.map((a) => a.action)).toEqual(['annualReport.create', 'annualReport.update', 'annualReport.submit', 'annualReport.return', 'annualReport.update', 'annualReport.submit', 'annualReport.accept', 'annualReport.publish']);
  });

  it('counts the year’s findings from the levels above, and refreshing the figures replaces an edited block', async () => {
    const hedong = await caller('hedong');
    const year = Number(TODAY.slice(0, 4));
    const { rows } = await sql<{ issued: number; closed: number }>`
      select count(*)::int as issued, (count(*) filter (where status = 'closed'))::int as closed from rectification_items
      where county_id = 371312 and supervising_jurisdiction_id in (37, 3713)
        and created_at >= ${`${year}-01-01T00:00:00+08:00`}::timestamptz and created_at < ${`${year + 1}-01-01T00:00:00+08:00`}::timestamptz`.execute(env.db);
    const { issued, closed } = rows[0]!;
    let r = await hedong.annualReports.create({ jurisdictionId: 371312, year });
    expect(r.figures).toContain(issued === 0 ? '本年度未收到上级督察反馈问题。' : `本年度收到上级督察反馈问题${issued}个,已整改销号${closed}个`);
    const generated = r.figures;
    r = await hedong.annualReports.update({ id: r.id, version: r.version, figures: '手工改写的数据。' });
    expect(r.figures).toBe('手工改写的数据。');
    r = await hedong.annualReports.refreshFigures({ id: r.id, version: r.version });
    expect(r.figures).toBe(generated);
    expect(await countRows(env.db, 'audit_log', 'action', 'annualReport.refreshFigures')).toBe(1);
  });

  it('lets a province, with no level above, publish its own report directly', async () => {
    const province = await caller('province');
    let r = await province.annualReports.create({ jurisdictionId: 37, year: 2025 });
    expect([r.title, r.reviewerJurisdictionId]).toEqual(['山东省人民政府关于2025年法治政府建设情况的报告', null]);
    r = await province.annualReports.update({ id: r.id, version: r.version, ...SECTIONS });
    expect(r.allowed.events).toEqual(['publish']);
    r = await province.annualReports.transition({ id: r.id, version: r.version, event: 'publish' });
    expect([r.status, r.issueDate]).toEqual(['published', TODAY]);
  });
});

describe('exporting a report to Word', () => {
  const exportAs = async (username: string, id: number) => app.inject({ method: 'GET', url: `/api/annual-reports/${id}/export.docx`, headers: { cookie: `fz_sid=${(await as(username)).token}` } });

  it('writes a .docx whose text holds the title, the numbered headings, the figures, the issuing body and the date, in Chinese fonts on A4', async () => {
    const report = await demoReport();
    const exports = await countRows(env.db, 'audit_log', 'action', 'annualReport.export');
    const res = await exportAs('hedong', report.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${report.title}.docx`)}`);
    const xml = readZipEntries(res.rawPayload, ['word/document.xml']).get('word/document.xml')!.toString('utf8');
    const lines = docxXmlToText(xml).split('\n');
    expect(lines[0]).toBe(report.title);
    const headings = ['一、主要举措和成效', '二、党政主要负责人履行推进法治建设第一责任人职责情况', '三、存在的问题', '四、2026年工作安排'];
    expect(lines.filter((l) => headings.includes(l))).toEqual(headings);
    // Printed with full-width punctuation, as documents are (the text is stored as typed).
    expect(lines).toContain('\uff08一\uff09健全政府机构职能体系\uff0c推动更好发挥政府作用');
    const figures = lines.indexOf('主要指标完成情况');
    expect(figures).toBeGreaterThan(lines.indexOf(headings[0]!));
    expect(figures).toBeLessThan(lines.indexOf(headings[1]!));
    expect(lines).toContain(fullWidthPunctuation('行政机关负责人出庭应诉率96.7%(目标≥97%,未达标),较上年提高26.7个百分点。'));
    expect(lines.slice(-2)).toEqual(['河东区人民政府', '2026年11月23日']);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    for (const face of ['SimSun', 'SimHei', 'KaiTi', 'FangSong']) expect(xml).toContain(`w:eastAsia="${face}"`);
    expect(xml).toMatch(/w:firstLine="640"/);
    expect(await countRows(env.db, 'audit_log', 'action', 'annualReport.export')).toBe(exports + 1);
  });

  it('serves the reviewing city and refuses a sibling county or a caller without a session', async () => {
    const report = await demoReport();
    expect((await exportAs('linyi', report.id)).statusCode).toBe(200);
    expect((await exportAs('lanshan', report.id)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/annual-reports/${report.id}/export.docx` })).statusCode).toBe(401);
    expect((await exportAs('hedong', 99_999_999)).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PLAN_MESSAGES } from '@fz/domain';
import { buildApp } from '../src/app.js';
import { cleanOrphans } from '../src/jobs/orphans.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { docxOf, zipOf } from './docx-fixture.js';
import { HEDONG_PLAN, seedText } from './plan-helpers.js';
import { PDF, TODAY, multipart, sessions, unitIdOf } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const as = sessions(() => services);
const CSRF = { 'x-fz-csrf': '1' };

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await env.close();
});

async function post(username: string, url: string, fileName: string, data: Buffer, headers: Record<string, string> = CSRF) {
  const body = multipart(fileName, data);
  return app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType, cookie: `fz_sid=${(await as(username)).token}`, ...headers } });
}
const importAs = (username: string, fileName: string, data: Buffer, jurisdictionId = 371312, headers?: Record<string, string>) =>
  post(username, `/api/plans/import-preview?jurisdictionId=${jurisdictionId}`, fileName, data, headers);

describe('importing a plan from an uploaded document', () => {
  it('reads a Word file of the Hedong plan into the same draft as the pasted text', async () => {
    const text = seedText(HEDONG_PLAN);
    const res = await importAs('hedong', '河东区实施方案.docx', docxOf(text));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.stats).toMatchObject({ sections: 9, tasks: 29 });
    expect(body.draft.sourceName).toBe('河东区实施方案.docx');
    const pasted = await (await as('hedong')).caller.plans.importPreview({ jurisdictionId: 371312, text });
    expect(body.draft.tasks).toEqual(pasted.draft.tasks);
    expect(body.unmatchedNames).toEqual(pasted.unmatchedNames);
  });

  it('reads plain text in UTF-8 or in GB18030', async () => {
    expect((await importAs('hedong', 'plan.txt', Buffer.from(seedText(HEDONG_PLAN), 'utf8'))).json().stats.tasks).toBe(29);
    // "1.任务" as Chinese Windows saves it.
    const gbk = Buffer.from([0x31, 0x2e, 0xc8, 0xce, 0xce, 0xf1]);
    expect((await importAs('hedong', 'plan.txt', gbk)).json().draft.tasks[0].text).toBe('任务');
  });

  it('refuses oversized, foreign, unreadable or empty documents with a reason', async () => {
    const big = await importAs('hedong', 'plan.docx', Buffer.concat([docxOf('1.任务'), Buffer.alloc(5 * 1024 * 1024)]));
    expect([big.statusCode, big.json().error.message]).toEqual([413, PLAN_MESSAGES.fileTooLarge]);
    const pdf = await importAs('hedong', 'plan.docx', PDF);
    expect([pdf.statusCode, pdf.json().error.message]).toEqual([400, PLAN_MESSAGES.badFile]);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await importAs('hedong', 'plan.doc', ole)).json().error.message).toBe(PLAN_MESSAGES.unreadableDocx);
    const bomb = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': ' '.repeat(41 * 1024 * 1024) });
    expect((await importAs('hedong', 'plan.docx', bomb)).json().error.message).toBe(PLAN_MESSAGES.docxTooLarge);
    const prose = await importAs('hedong', 'plan.docx', docxOf('关于做好法治政府建设工作的通知\n请认真贯彻落实。'));
    expect([prose.statusCode, prose.json().error.message]).toEqual([400, PLAN_MESSAGES.noTasks]);
  });

  it('checks the caller before reading the file', async () => {
    const doc = docxOf('1.任务。(责任单位:区司法局)');
    expect((await importAs('hedong', 'plan.docx', doc, 371312, {})).statusCode).toBe(403);
    expect((await importAs('street', 'plan.docx', doc, 371312001)).statusCode).toBe(403);
    expect((await importAs('hedong', 'plan.docx', doc, 371302)).statusCode).toBe(404);
    expect((await importAs('hedong', 'plan.docx', doc, 12)).statusCode).toBe(404);
  });
});

describe('evidence on a progress report', () => {
  it('lets the reporting unit attach files once each, its county read them, and no one else', async () => {
    const hedong = (await as('hedong')).caller;
    const sfj = await unitIdOf(env.db, 371312, '河东区司法局');
    const draft = await hedong.plans.createDraft({
      jurisdictionId: 371312,
      title: '河东区2026年法治政府建设工作要点',
      kind: 'work_points',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      tasks: [{ number: '1', title: '规范行政执法', text: '规范行政执法。', units: [{ name: '河东区司法局', unitId: sfj, lead: true }] }],
    });
    const plan = await hedong.plans.publish({ id: draft.id, version: draft.version });
    const sfjCaller = (await as('hedong-sfj')).caller;
    const [assignment] = (await sfjCaller.assignments.mine({ planId: plan.id, limit: 10 })).items;
    const report = await sfjCaller.assignments.report({ assignmentId: assignment!.id, period: '2026-Q4', text: '已开展执法案卷评查', percent: 50 });

    const url = `/api/plan-reports/${report.id}/files`;
    const first = await post('hedong-sfj', url, '案卷评查通报.pdf', PDF);
    expect([first.statusCode, first.json().duplicate]).toEqual([201, false]);
    expect([(await post('hedong-sfj', url, '副本.pdf', PDF)).statusCode]).toEqual([200]);
    expect((await post('hedong-sfj', url, '案卷评查通报.pdf', PDF, {})).statusCode).toBe(403);
    expect((await post('hedong', url, '案卷评查通报.pdf', PDF)).statusCode).toBe(403);
    expect((await post('lanshan', url, '案卷评查通报.pdf', PDF)).statusCode).toBe(404);

    const detail = await sfjCaller.assignments.get({ id: assignment!.id });
    expect(detail.report?.files.map((f) => f.name)).toEqual(['案卷评查通报.pdf']);
    const fileUrl = `/api/plan-report-files/${first.json().id}`;
    const download = await app.inject({ method: 'GET', url: fileUrl, headers: { cookie: `fz_sid=${(await as('hedong')).token}` } });
    expect([download.statusCode, download.headers['content-type'], download.rawPayload.equals(PDF)]).toEqual([200, 'application/pdf', true]);
    expect((await app.inject({ method: 'GET', url: fileUrl, headers: { cookie: `fz_sid=${(await as('lanshan')).token}` } })).statusCode).toBe(404);

    // The orphan clean-up counts a report's file as referenced, however old.
    expect(await cleanOrphans(env.db, services.storage, { olderThanMs: 0, now: new Date(Date.now() + 1000) })).toMatchObject({ deleted: 0, referenced: 1 });
    expect((await app.inject({ method: 'GET', url: fileUrl, headers: { cookie: `fz_sid=${(await as('hedong')).token}` } })).statusCode).toBe(200);
  });
});

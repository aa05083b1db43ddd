import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { EVIDENCE_MAX_BYTES } from '@fz/domain';
import { buildApp } from '../src/app.js';
import type { Services } from '../src/trpc/context.js';
import { contentKey } from '../src/storage/storage.js';
import { demoDatabase, servicesFor, testStorage } from './helpers.js';
import { PDF, TODAY, eventsOf, finding, sessions, unitIdOf, upload } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const as = sessions(() => services);
let inspectionId: number;
let sfj: number;

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
  sfj = await unitIdOf(env.db, 371312, '河东区司法局');
  inspectionId = (await (await as('province')).caller.inspections.create({ type: 'unannounced', title: '暗访核查', periodStart: '2026-10-01', periodEnd: '2026-10-02', targetIds: [371312] })).id;
});
afterAll(async () => {
  await app.close();
  await env.close();
});

/** An issued item of 河东区 assigned to 司法局. */
const newItem = async () => (await (await as('province')).caller.items.create(finding(inspectionId, 371312, { responsibleUnitId: sfj }))).id;
const token = async (username: string) => (await as(username)).token;
const download = async (username: string, attachmentId: number) => app.inject({ url: `/api/attachments/${attachmentId}`, headers: { cookie: `fz_sid=${await token(username)}` } });
const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('[Content_Types].xml word/document.xml')]);

describe('evidence upload', () => {
  it('stores the file under its sha256 and records it once per item', async () => {
    const itemId = await newItem();
    const res = await upload(app, await token('hedong-sfj'), itemId, '整改情况报告(2026).pdf', PDF);
    expect(res.statusCode).toBe(201);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(res.json()).toMatchObject({ sha256, size: PDF.length, mime: 'application/pdf', name: '整改情况报告(2026).pdf', duplicate: false });
    expect(await testStorage.exists(contentKey(sha256))).toBe(true);

    const again = await upload(app, await token('hedong-sfj'), itemId, '副本.pdf', PDF);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: res.json().id, duplicate: true, name: '整改情况报告(2026).pdf' });
    expect((await eventsOf(env.db, itemId)).filter((e) => e === 'attach')).toHaveLength(1);
    expect((await (await as('hedong-sfj')).caller.items.get({ id: itemId })).attachments).toHaveLength(1);
  });

  it('checks the content, not the name, and the size', async () => {
    const itemId = await newItem();
    const exe = Buffer.from('MZ\x90\x00 this is not a pdf');
    const res = await upload(app, await token('hedong-sfj'), itemId, '报告.pdf', exe);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('扩展名须与文件内容一致');
    expect(await testStorage.exists(contentKey(createHash('sha256').update(exe).digest('hex')))).toBe(false);
    const big = Buffer.concat([PDF, Buffer.alloc(EVIDENCE_MAX_BYTES)]);
    expect((await upload(app, await token('hedong-sfj'), itemId, '大文件.pdf', big)).statusCode).toBe(413);
    expect(await eventsOf(env.db, itemId)).toEqual(['create']);
  });

  it('needs a session, the anti-CSRF header, and the right to work on the item', async () => {
    const itemId = await newItem();
    expect((await upload(app, 'no-such-token', itemId, 'a.pdf', PDF)).statusCode).toBe(401);
    expect((await upload(app, await token('hedong-sfj'), itemId, 'a.pdf', PDF, {})).statusCode).toBe(403);
    expect((await upload(app, await token('street'), itemId, 'a.pdf', PDF)).statusCode).toBe(404);
    expect((await upload(app, await token('linyi'), itemId, 'a.pdf', PDF)).statusCode).toBe(403);
    expect((await upload(app, await token('hedong'), itemId, '区依法治区办核查记录.pdf', PDF)).statusCode).toBe(201);
  });

  it('is refused once the item is under review or closed', async () => {
    const itemId = await newItem();
    await env.db.updateTable('rectification_items').set({ status: 'closed', closed_at: new Date() }).where('id', '=', itemId).execute();
    const res = await upload(app, await token('hedong-sfj'), itemId, 'a.pdf', PDF);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('当前状态不能上传佐证材料');
  });
});

describe('evidence download', () => {
  it('previews PDFs inline, downloads office files, within the subtree only', async () => {
    const itemId = await newItem();
    const pdf = (await upload(app, await token('hedong-sfj'), itemId, '照片说明.pdf', PDF)).json();
    const word = (await upload(app, await token('hedong-sfj'), itemId, '整改方案.docx', docx)).json();
    expect(word.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    const res = await download('linyi', pdf.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('照片说明.pdf')}`);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect((await download('hedong-sfj', word.id)).headers['content-disposition']).toMatch(/^attachment;/);
    expect((await download('lanshan', pdf.id)).statusCode).toBe(404);
    expect((await download('street', pdf.id)).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/attachments/${pdf.id}` })).statusCode).toBe(401);
  });

  it('follows an item delegated to a township', async () => {
    const itemId = await newItem();
    const file = (await upload(app, await token('hedong'), itemId, '交办单.pdf', Buffer.concat([PDF, Buffer.from('交办')]))).json();
    const item = await (await as('hedong')).caller.items.get({ id: itemId });
    await (await as('hedong')).caller.items.delegate({ id: itemId, version: item.version, townshipId: 371312001 });
    expect((await download('street', file.id)).statusCode).toBe(200);
    expect((await download('xiangong', file.id)).statusCode).toBe(404);
  });
});

describe('file routes while the database is unreachable', () => {
  it('answer 503 with the zh-CN message, upload or download, and store nothing', async () => {
    const itemId = await newItem();
    const stored = (await upload(app, await token('hedong-sfj'), itemId, '到期前报告.pdf', PDF)).json();
    // The session still resolves; the scoped work then meets a refused connection, as during an outage.
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const down: Services = { ...services, runScoped: async () => Promise.reject(refused) };
    const outage = await buildApp({ services: down, ping: async () => false, webDist: null, logLevel: 'silent' });
    try {
      const cookie = `fz_sid=${await token('hedong-sfj')}`;
      for (const url of [`/api/attachments/${stored.id}`, `/api/plan-report-files/${stored.id}`, `/api/metric-value-files/${stored.id}`, `/api/demonstration/files/${stored.id}`]) {
        const res = await outage.inject({ url, headers: { cookie } });
        expect([url, res.statusCode, res.json()]).toEqual([url, 503, { error: { message: '数据库暂时不可用,请稍后再试' } }]);
      }
      const data = Buffer.concat([PDF, Buffer.from('停机期间')]);
      const res = await upload(outage, await token('hedong-sfj'), itemId, '停机期间.pdf', data);
      expect([res.statusCode, res.json().error.message]).toEqual([503, '数据库暂时不可用,请稍后再试']);
      expect(res.body).not.toMatch(/ECONNREFUSED|5432/);
      expect(await testStorage.exists(contentKey(createHash('sha256').update(data).digest('hex')))).toBe(false);
    } finally {
      await outage.close();
    }
  });
});

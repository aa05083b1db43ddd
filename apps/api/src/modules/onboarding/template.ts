import type ExcelJS from 'exceljs';
import { LEVEL_LABELS, ONBOARDING_CREDENTIALS_HOURS, ONBOARDING_HELP_SHEET, ONBOARDING_MAX_ROWS, ONBOARDING_TEMPLATE_FILE, ROLES, ROLE_LABELS, UNITS_SHEET, UNIT_IMPORT_COLUMNS, UNIT_KINDS, UNIT_KIND_LABELS, USERS_SHEET, USER_IMPORT_COLUMNS, escapeFormula } from '@fz/domain';
import type { Principal } from '@fz/domain';
import type { Tx } from '@fz/db';
import { BORDER, addListValidation, newWorkbook, styleHeaderRow, workbookBuffer } from '../items/excel/style.js';
import { ancestorColumn } from '../jurisdictions/queries.js';
import { EXAMPLE_MARK } from './sheets.js';

const CODES_SHEET = '区划代码';
const LAST_ROW = ONBOARDING_MAX_ROWS + 1;
const ROLE_HELP: Record<(typeof ROLES)[number], string> = {
  supervisor: '督察本级及下级,开展督察、交办和销号',
  admin: '管理本级单位和用户,可批量导入',
  operator: '填报本单位的整改、进展和指标',
  leader: '审核本单位的填报',
  viewer: '只读查看',
};

type Column = { key: string; header: string; width: number; help: string };

function dataSheet(wb: ExcelJS.Workbook, name: string, columns: readonly Column[], example: Record<string, string | number>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Codes and usernames as text, so 001 and leading zeros stay as written.
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => (header.getCell(i + 1).note = c.help));
  styleHeaderRow(header);
  const row = ws.addRow(columns.map((c) => example[c.key] ?? ''));
  row.eachCell((cell) => {
    cell.font = { italic: true, color: { argb: 'FF8C8C8C' } };
    cell.border = BORDER;
  });
  return ws;
}

function bordered(ws: ExcelJS.Worksheet, values: Array<string | number>, bold = false): void {
  const row = ws.addRow(values.map((v) => (typeof v === 'string' ? escapeFormula(v) : v)));
  row.eachCell((cell) => {
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (bold) cell.font = { bold: true };
  });
}

function helpSheet(wb: ExcelJS.Workbook, area: string): void {
  const ws = wb.addWorksheet(ONBOARDING_HELP_SHEET);
  ws.columns = [{ width: 20 }, { width: 12 }, { width: 70 }];
  ws.addRow([`单位和用户批量导入说明(${area})`]).font = { bold: true, size: 14 };
  for (const line of [
    `1. 在“${UNITS_SHEET}”表列出要新建的单位,在“${USERS_SHEET}”表列出要新建的用户,每行一个;两表合计一次最多 ${ONBOARDING_MAX_ROWS} 行。用户可加入已有单位,也可加入“${UNITS_SHEET}”表中的新单位。`,
    `2. 第 2 行为灰色的填写示例(以“${EXAMPLE_MARK}”开头),导入时自动忽略,可保留也可删除。`,
    '3. 所有地区须在您的管辖范围内(见“区划代码”表)。任何一行有误时整个文件都不会导入,系统会列出每处错误(工作表、行号、列),请修改后重新上传;同一文件导入成功后再次上传不会重复导入。',
    `4. 导入成功后,每个新用户获得一个初始密码,首次登录须修改。初始密码文件只能由上传人下载一次,${ONBOARDING_CREDENTIALS_HOURS} 小时内有效,请妥善保管、逐一告知本人。`,
  ]) {
    const row = ws.addRow([line]);
    ws.mergeCells(`A${row.number}:C${row.number}`);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = 34;
  }
  const table = (title: string, rows: Array<[string, string, string]>) => {
    ws.addRow([]);
    styleHeaderRow(ws.addRow([title, '是否必填', '填写要求']));
    for (const r of rows) bordered(ws, r);
  };
  table(`“${UNITS_SHEET}”表的列`, UNIT_IMPORT_COLUMNS.map((c) => [c.header, c.required ? '必填' : '选填', c.help]));
  table(`“${USERS_SHEET}”表的列`, USER_IMPORT_COLUMNS.map((c) => [c.header, c.required ? '必填' : '选填', c.help]));
  table('角色(可选值)', ROLES.map((r) => [ROLE_LABELS[r]['zh-CN'], '', ROLE_HELP[r]]));
  table('单位类型(可选值)', UNIT_KINDS.map((k) => [UNIT_KIND_LABELS[k]['zh-CN'], '', '']));
}

async function codesSheet(wb: ExcelJS.Workbook, tx: Tx, principal: Principal): Promise<void> {
  const ws = wb.addWorksheet(CODES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ header: '行政区划代码', width: 16, style: { numFmt: '@' } }, { header: '名称', width: 24 }, { header: '层级', width: 10 }];
  styleHeaderRow(ws.getRow(1));
  const rows = await tx
    .selectFrom('jurisdictions')
    .select(['code', 'name', 'level'])
    .where(ancestorColumn(principal.jurisdiction.level), '=', principal.jurisdiction.id)
    .where('kind', '<>', 'placeholder')
    .orderBy('path')
    .execute();
  for (const r of rows) ws.addRow([r.code, r.name, LEVEL_LABELS[r.level]['zh-CN']]);
}

/**
 * The onboarding template: 单位 and 用户 sheets (header with notes, one example row at the
 * caller's place, a drop-down for 单位类型), a 说明 sheet (rules, role and unit-type labels) and
 * the codes of the caller's subtree (read under its RLS scope).
 */
export async function onboardingTemplate(tx: Tx, principal: Principal): Promise<{ buffer: Buffer; fileName: string }> {
  const own = await tx.selectFrom('jurisdictions').select(['code', 'name']).where('id', '=', principal.jurisdiction.id).executeTakeFirstOrThrow();
  const wb = newWorkbook();
  const unitName = `${own.name}司法局`;
  const units = dataSheet(wb, UNITS_SHEET, UNIT_IMPORT_COLUMNS, { code: `${EXAMPLE_MARK}:${own.code}`, region: own.name, name: unitName, shortName: '司法局', kind: UNIT_KIND_LABELS.department['zh-CN'], sortOrder: 20 });
  dataSheet(wb, USERS_SHEET, USER_IMPORT_COLUMNS, { username: `${EXAMPLE_MARK}:zhangsan`, displayName: '张三', code: own.code, unit: unitName, roles: `${ROLE_LABELS.operator['zh-CN']}、${ROLE_LABELS.leader['zh-CN']}` });
  const kinds = `"${UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]['zh-CN']).join(',')}"`;
  addListValidation(units, { column: units.getColumn('kind').letter, fromRow: 2, toRow: LAST_ROW }, { type: 'list', allowBlank: true, formulae: [kinds], showErrorMessage: true, errorStyle: 'stop', errorTitle: '请从列表中选择', error: '单位类型须从下拉列表中选择' });
  helpSheet(wb, own.name);
  await codesSheet(wb, tx, principal);
  return { buffer: await workbookBuffer(wb), fileName: ONBOARDING_TEMPLATE_FILE };
}

import type ExcelJS from 'exceljs';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, ITEM_IMPORT_COLUMNS, ITEM_IMPORT_MAX_ROWS, escapeFormula, importTemplateFileName } from '@fz/domain';
import type { AppAbility, ItemImportKey } from '@fz/domain';
import type { Tx } from '@fz/db';
import { notFound } from '../../../trpc/init.js';
import type { TargetUnit } from './access.js';
import { issuableInspection, targetDirectory } from './access.js';
import { BORDER, DATE_FORMAT, addListValidation, newWorkbook, styleHeaderRow, workbookBuffer } from './style.js';

export const DATA_SHEET = '整改事项';
const HELP_SHEET = '填写说明';
const FIRST_DATA_ROW = 2;
const LAST_DATA_ROW = FIRST_DATA_ROW + ITEM_IMPORT_MAX_ROWS - 1;

/** Cells typed as text, so 001 and 371312 stay as written; the deadline shows as a date. */
const FORMATS: Partial<Record<ItemImportKey, string>> = { number: '@', target: '@', deadline: DATE_FORMAT };

interface TargetEntry {
  code: string;
  name: string;
}

/** Where the lists the drop-downs point at ended up on the help sheet. */
interface ListRanges {
  categories: string;
  targets: string;
  units: string | null;
}

const absolute = (column: string, from: number, to: number) => `'${HELP_SHEET}'!$${column}$${from}:$${column}$${to}`;

function borderedRow(ws: ExcelJS.Worksheet, values: Array<string | number>, bold = false): ExcelJS.Row {
  const row = ws.addRow(values.map((v) => (typeof v === 'string' ? escapeFormula(v) : v)));
  row.eachCell((cell) => {
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (bold) cell.font = { bold: true };
  });
  return row;
}

function helpSheet(wb: ExcelJS.Workbook, title: string, targets: TargetEntry[], units: TargetUnit[]): ListRanges {
  const ws = wb.addWorksheet(HELP_SHEET);
  ws.columns = [{ width: 22 }, { width: 26 }, { width: 60 }, { width: 16 }];
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = '整改事项导入说明';
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.addRow([`督察名称:${title}`]);
  ws.addRow([`在“${DATA_SHEET}”表中从第 ${FIRST_DATA_ROW} 行起每行填写一个问题,一次最多 ${ITEM_IMPORT_MAX_ROWS} 行。任何一行有误时整个文件都不会导入,请按提示修改后重新上传;已导入的问题编号不能再次导入。`]);
  ws.getRow(3).alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells('A3:D3');
  ws.getRow(3).height = 45;

  ws.addRow([]);
  styleHeaderRow(borderedRow(ws, ['列名', '是否必填', '填写要求']));
  for (const c of ITEM_IMPORT_COLUMNS) borderedRow(ws, [c.header, c.required ? '必填' : '选填', c.help]);

  ws.addRow([]);
  styleHeaderRow(borderedRow(ws, ['序号', '问题类别(可选值)']));
  const categoriesFrom = ws.rowCount + 1;
  ITEM_CATEGORIES.forEach((c, i) => borderedRow(ws, [i + 1, ITEM_CATEGORY_LABELS[c]['zh-CN']]));
  const categories = absolute('B', categoriesFrom, ws.rowCount);

  ws.addRow([]);
  styleHeaderRow(borderedRow(ws, ['区划代码', '督察对象']));
  const targetsFrom = ws.rowCount + 1;
  for (const t of targets) borderedRow(ws, [t.code, t.name]);
  const targetList = absolute('A', targetsFrom, ws.rowCount);

  ws.addRow([]);
  styleHeaderRow(borderedRow(ws, ['区划代码', '督察对象', '责任单位(全称)', '简称']));
  const unitsFrom = ws.rowCount + 1;
  const names = new Map(targets.map((t) => [Number(t.code), t.name]));
  for (const u of units) borderedRow(ws, [String(u.jurisdictionId), names.get(u.jurisdictionId) ?? '', u.name, u.shortName]);
  return { categories, targets: targetList, units: units.length ? absolute('C', unitsFrom, ws.rowCount) : null };
}

function dataSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ITEM_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: FORMATS[c.key] ? { numFmt: FORMATS[c.key] } : {} }));
  const header = ws.getRow(1);
  ITEM_IMPORT_COLUMNS.forEach((c, i) => (header.getCell(i + 1).note = c.help));
  styleHeaderRow(header);
  return ws;
}

function addDropDowns(ws: ExcelJS.Worksheet, lists: ListRanges): void {
  const at = (key: ItemImportKey) => ({ column: ws.getColumn(key).letter, fromRow: FIRST_DATA_ROW, toRow: LAST_DATA_ROW });
  const list = (formula: string, error: string, errorStyle: 'stop' | 'information') =>
    ({ type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorStyle, errorTitle: '请从列表中选择', error }) satisfies ExcelJS.DataValidation;
  addListValidation(ws, at('category'), list(lists.categories, '问题类别须从下拉列表中选择', 'stop'));
  addListValidation(ws, at('target'), list(lists.targets, '请选择本次督察对象的区划代码', 'stop'));
  // Short names are accepted too, so a unit outside the list only draws a notice.
  if (lists.units) addListValidation(ws, at('unit'), list(lists.units, '请核对责任单位名称(可填写全称或简称)', 'information'));
}

/**
 * The import template of an inspection: the data sheet (header row, text and date formats,
 * drop-downs) and a 填写说明 sheet with each column's rules, the categories, the targets the
 * caller may issue to and their units. Only for callers items.create would let issue here.
 */
export async function importTemplate(tx: Tx, ability: AppAbility, inspectionId: number): Promise<{ buffer: Buffer; fileName: string }> {
  const { targets } = await issuableInspection(tx, ability, inspectionId);
  const inspection = await tx.selectFrom('inspections').select('title').where('id', '=', inspectionId).executeTakeFirst();
  if (!inspection) throw notFound();
  const directory = await targetDirectory(tx, targets);
  const entries = targets.map((t) => ({ code: String(t.jurisdictionId), name: directory.names.get(t.jurisdictionId) ?? '' }));
  const wb = newWorkbook();
  const data = dataSheet(wb);
  const lists = helpSheet(wb, inspection.title, entries, directory.units.filter((u) => u.isActive));
  addDropDowns(data, lists);
  return { buffer: await workbookBuffer(wb), fileName: importTemplateFileName(inspection.title) };
}

import { isCalendarDate } from '../dates.js';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS } from './enums.js';
import type { ItemCategory } from './enums.js';
import type { Light } from './light.js';
import { itemListInput } from './schemas.js';

/**
 * The ledger's Excel files (整改台账 export, import template, bulk import): columns, limits and
 * the pure rules both the API and the web app rely on. No spreadsheet library here.
 */
export const LEDGER_EXPORT_MAX_ROWS = 20_000;
export const ITEM_IMPORT_MAX_ROWS = 2_000;
export const ITEM_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Declared size of all entries of an uploaded .xlsx once unzipped (zip bombs). */
export const ITEM_IMPORT_MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The ledger's filters, as `items.list` takes them, without paging: an export has every row. */
export const itemExportInput = itemListInput.omit({ limit: true, cursor: true });

export const LEDGER_EXPORT_COLUMNS = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'number', header: '问题编号', width: 12 },
  { key: 'inspection', header: '督察名称', width: 22 },
  { key: 'problem', header: '反馈问题', width: 40 },
  { key: 'category', header: '问题类别', width: 16 },
  { key: 'requirement', header: '整改要求', width: 32 },
  { key: 'unit', header: '责任单位', width: 18 },
  { key: 'jurisdiction', header: '所属区划', width: 12 },
  { key: 'deadline', header: '整改时限', width: 12 },
  { key: 'measures', header: '整改措施', width: 36 },
  { key: 'status', header: '整改状态', width: 10 },
  { key: 'light', header: '预警', width: 6 },
  { key: 'flagged', header: '挂牌督办', width: 10 },
  { key: 'evidence', header: '佐证材料数', width: 10 },
  { key: 'closedOn', header: '销号时间', width: 12 },
] as const;
export type LedgerExportKey = (typeof LEDGER_EXPORT_COLUMNS)[number]['key'];

/**
 * Columns of the import template. `header` is what the template shows; `name` is how errors
 * name the column; a file's header cell matches when it starts with `name`.
 */
export const ITEM_IMPORT_COLUMNS = [
  { key: 'number', name: '问题编号', header: '问题编号', width: 14, required: true, help: '本次督察内唯一,如 2026-001;只能包含文字、数字和 - _ . ( ) 〔 〕 #,不超过 40 个字' },
  { key: 'target', name: '督察对象', header: '督察对象(区划代码)', width: 18, required: true, help: '本次督察对象的行政区划代码(见下表),也可填写其名称' },
  { key: 'problem', name: '反馈问题', header: '反馈问题', width: 40, required: true, help: '督察反馈的问题,不超过 2000 个字' },
  { key: 'category', name: '问题类别', header: '问题类别', width: 22, required: true, help: '从下拉列表中选择(可选值见下表)' },
  { key: 'requirement', name: '整改要求', header: '整改要求', width: 36, required: true, help: '不超过 2000 个字' },
  { key: 'unit', name: '责任单位', header: '责任单位', width: 20, required: false, help: '督察对象所属单位的全称或简称(见下表);可不填,由被督察地区再确定' },
  { key: 'deadline', name: '整改时限', header: '整改时限(YYYY-MM-DD)', width: 16, required: true, help: '日期,如 2026-12-31;也可填写 2026/12/31、2026年12月31日或 Excel 日期' },
] as const;
export type ItemImportKey = (typeof ITEM_IMPORT_COLUMNS)[number]['key'];

export const EXCEL_MESSAGES = {
  tooManyExportRows: (max: number) => `符合条件的事项超过 ${max} 条,请使用“后台导出”,或缩小筛选范围后分批导出`,
  tooLarge: `导入文件不能超过 ${ITEM_IMPORT_MAX_BYTES / 1024 / 1024} MB`,
  notXlsx: '只能导入 .xlsx 格式的 Excel 文件,请使用导入模板填写',
  unreadable: '无法读取该 Excel 文件,请使用导入模板填写后重新上传',
  unzippedTooLarge: '文件内容过多,请分批导入',
  noSheet: '文件中没有工作表,请使用导入模板填写',
  noHeader: '未找到表头,请使用导入模板填写(第一行为列名)',
  missingColumn: (name: string) => `缺少“${name}”列,请使用导入模板填写`,
  noRows: '文件中没有可导入的数据',
  tooManyRows: `一次最多导入 ${ITEM_IMPORT_MAX_ROWS} 条,请分批导入`,
  badFilter: '导出条件无效,请刷新页面后重试',
  required: '不能为空',
  formula: '请直接填写内容,不要使用公式',
  badCell: '单元格内容有误',
  badTarget: '请填写本次督察对象的区划代码',
  badCategory: '问题类别须从下拉列表中选择(可选值见“填写说明”)',
  unknownUnit: (name: string) => `督察对象下没有名为“${name}”的单位`,
  ambiguousUnit: (name: string) => `督察对象下有多个简称为“${name}”的单位,请填写全称`,
  duplicateInFile: (row: number) => `与第 ${row} 行的问题编号重复`,
  failed: (row: number, column: string, message: string, more: number) => `导入失败:第 ${row} 行“${column}”${message}${more > 0 ? `(另有 ${more} 处错误)` : ''}`,
} as const;

/** One problem with one cell of an import, by the Excel row number the user sees. */
export interface ImportCellError {
  row: number;
  column: string;
  message: string;
}

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Text safe to put in a spreadsheet cell: a leading = + - @ tab or CR would let Excel (or a
 * program the file is re-saved into as CSV) read it as a formula, so it gets an apostrophe.
 */
export function escapeFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]!) ? `'${text}` : text;
}

/** 红/黄/绿 for the ledger's 预警 column; nothing once closed. */
export const LIGHT_MARKS: Record<Light, string> = { red: '红', yellow: '黄', green: '绿', none: '' };

/** The category of a zh-CN label from the template's drop-down (or its code). */
export function categoryFromLabel(text: string): ItemCategory | null {
  const t = text.trim().replaceAll('(', '(').replaceAll(')', ')');
  return ITEM_CATEGORIES.find((c) => ITEM_CATEGORY_LABELS[c]['zh-CN'] === t || c === t) ?? null;
}

/** Days between Excel's day 0 (1899-12-30, the 1900 date system) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

/**
 * A deadline cell as yyyy-mm-dd: Excel dates (exceljs gives them as UTC midnight), Excel
 * serial numbers whose date format was lost, and text such as 2026-12-31, 2026/12/31,
 * 2026.12.31 or 2026年12月31日. Null when it is not a real calendar date.
 */
export function deadlineFromCell(value: string | number | Date): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    // 1 … 2958465 are the dates Excel can show (1900-01-01 … 9999-12-31); ignore a time part.
    if (!Number.isFinite(value) || value < 1 || value > 2_958_465) return null;
    return new Date((Math.floor(value) - EXCEL_EPOCH_OFFSET) * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

/** yyyymmdd of a calendar date, for file names. */
const compact = (date: string) => date.replaceAll('-', '');

/** Characters Windows and macOS refuse in file names, and control characters. */
const UNSAFE_NAME = /[\\/:*?"<>|\p{Cc}]/gu;

export function ledgerExportFileName(today: string): string {
  return `整改台账-${compact(today)}.xlsx`;
}

export function importTemplateFileName(inspectionTitle: string): string {
  const title = inspectionTitle.replace(UNSAFE_NAME, '_').trim().slice(0, 60);
  return title ? `整改事项导入模板-${title}.xlsx` : '整改事项导入模板.xlsx';
}

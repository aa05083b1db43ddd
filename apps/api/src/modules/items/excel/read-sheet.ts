import ExcelJS from 'exceljs';
import { AppError, EXCEL_MESSAGES, ITEM_IMPORT_COLUMNS, ITEM_IMPORT_MAX_ROWS, ITEM_IMPORT_MAX_UNZIPPED_BYTES, zipDeclaredSize } from '@fz/domain';
import type { ImportCellError, ItemImportKey } from '@fz/domain';
import { DATA_SHEET } from './template.js';

/** A cell as the import reads it: text, a number, an Excel date, or nothing. */
export type CellInput = string | number | Date;

/** One filled-in row of a sheet read by header, by column key. */
export interface SheetRowOf<K extends string> {
  /** The Excel row number the user sees. */
  row: number;
  cells: Partial<Record<K, CellInput>>;
}

export interface SheetContentOf<K extends string> {
  rows: Array<SheetRowOf<K>>;
  /** Cells that cannot be read at all (formulas without a value, error values). */
  errors: ImportCellError[];
}

export type SheetRow = SheetRowOf<ItemImportKey>;
export type SheetContent = SheetContentOf<ItemImportKey>;

/** A column as a header row names it: a header cell matches when it starts with `name`. */
export interface HeaderColumn<K extends string> {
  key: K;
  name: string;
}

/** The header is looked for in the first rows, so a title line above it does no harm. */
const HEADER_SEARCH_ROWS = 10;

type Plain = CellInput | { problem: string } | null;

function plainText(v: ExcelJS.CellValue): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if ('richText' in v) return plainText(v.richText.map((r) => r.text).join(''));
  if ('hyperlink' in v) return plainText(v.text);
  if ('formula' in v || 'sharedFormula' in v) {
    // Excel stores the value it computed; a file written without one cannot be trusted.
    const result = v.result;
    if (result === undefined || (typeof result === 'object' && !(result instanceof Date))) return { problem: EXCEL_MESSAGES.formula };
    return plainText(result);
  }
  return { problem: EXCEL_MESSAGES.badCell };
}

function cellOf(cell: ExcelJS.Cell): Plain {
  // Covered parts of a merged block repeat the master's value; only the master counts.
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  return plainText(cell.value);
}

const headerText = (v: Plain) => (typeof v === 'string' ? v.replace(/[\s*]/g, '') : '');

/** Column numbers of each column, from one row; null unless the anchor column is among them. */
function columnsOf<K extends string>(row: ExcelJS.Row, columns: ReadonlyArray<HeaderColumn<K>>, anchor: K): Map<K, number> | null {
  const found = new Map<K, number>();
  row.eachCell((cell, col) => {
    const text = headerText(cellOf(cell));
    const column = columns.find((c) => text.startsWith(c.name));
    if (column && !found.has(column.key)) found.set(column.key, col);
  });
  return found.has(anchor) ? found : null;
}

/** Loads an uploaded .xlsx (already sniffed as one) and checks it is no zip bomb first. */
export async function loadWorkbook(data: Buffer, maxUnzippedBytes = ITEM_IMPORT_MAX_UNZIPPED_BYTES): Promise<ExcelJS.Workbook> {
  const declared = zipDeclaredSize(data);
  if (declared === null) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.unreadable);
  if (declared > maxUnzippedBytes) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.unzippedTooLarge);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(new Uint8Array(data).buffer);
  } catch {
    throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.unreadable);
  }
  return wb;
}

/**
 * The filled-in rows of a sheet by header name (the header is the first of the first ten rows
 * naming the anchor column), blank rows skipped. BAD_REQUEST without a header or when a
 * required column is missing. Shared by the ledger import and the onboarding import.
 */
export function readRowsByHeader<K extends string>(ws: ExcelJS.Worksheet, columns: ReadonlyArray<HeaderColumn<K>>, opts: { anchor: K; required: readonly K[] }): SheetContentOf<K> {
  let headerRow = 0;
  let found: Map<K, number> | null = null;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount) && !found; r++) {
    found = columnsOf(ws.getRow(r), columns, opts.anchor);
    headerRow = r;
  }
  if (!found) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.noHeader);
  const at = found;
  const missing = columns.find((c) => opts.required.includes(c.key) && !at.has(c.key));
  if (missing) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.missingColumn(missing.name));

  const rows: Array<SheetRowOf<K>> = [];
  const errors: ImportCellError[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const cells: Partial<Record<K, CellInput>> = {};
    const problems: ImportCellError[] = [];
    for (const c of columns) {
      const col = at.get(c.key);
      if (col === undefined) continue;
      const v = cellOf(row.getCell(col));
      if (v === null) continue;
      if (typeof v === 'object' && !(v instanceof Date)) problems.push({ row: rowNumber, column: c.name, message: v.problem });
      else cells[c.key] = v;
    }
    if (Object.keys(cells).length === 0 && problems.length === 0) return;
    rows.push({ row: rowNumber, cells });
    errors.push(...problems);
  });
  return { rows, errors };
}

/**
 * The filled-in rows of the template's data sheet (or the first sheet), by header name, blank
 * rows skipped. BAD_REQUEST when the sheet is not the template's or holds too many rows.
 */
export function readImportSheet(wb: ExcelJS.Workbook): SheetContent {
  const ws = wb.getWorksheet(DATA_SHEET) ?? wb.worksheets[0];
  if (!ws) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.noSheet);
  const content = readRowsByHeader(ws, ITEM_IMPORT_COLUMNS, { anchor: 'number', required: ITEM_IMPORT_COLUMNS.map((c) => c.key) });
  if (content.rows.length === 0) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.noRows);
  if (content.rows.length > ITEM_IMPORT_MAX_ROWS) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.tooManyRows);
  return content;
}

import ExcelJS from 'exceljs';
import { AppError, EXCEL_MESSAGES, ITEM_IMPORT_COLUMNS, ITEM_IMPORT_MAX_ROWS, ITEM_IMPORT_MAX_UNZIPPED_BYTES, zipDeclaredSize } from '@fz/domain';
import type { ImportCellError, ItemImportKey } from '@fz/domain';
import { DATA_SHEET } from './template.js';

/** A cell as the import reads it: text, a number, an Excel date, or nothing. */
export type CellInput = string | number | Date;

export interface SheetRow {
  /** The Excel row number the user sees. */
  row: number;
  cells: Partial<Record<ItemImportKey, CellInput>>;
}

export interface SheetContent {
  rows: SheetRow[];
  /** Cells that cannot be read at all (formulas without a value, error values). */
  errors: ImportCellError[];
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

/** Column numbers of each import column, from the header row: a header matches when it starts with the column's name. */
function columnsOf(row: ExcelJS.Row): Map<ItemImportKey, number> | null {
  const found = new Map<ItemImportKey, number>();
  row.eachCell((cell, col) => {
    const text = headerText(cellOf(cell));
    const column = ITEM_IMPORT_COLUMNS.find((c) => text.startsWith(c.name));
    if (column && !found.has(column.key)) found.set(column.key, col);
  });
  return found.has('number') ? found : null;
}

/** Loads an uploaded .xlsx (already sniffed as one) and checks it is no zip bomb first. */
export async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const declared = zipDeclaredSize(data);
  if (declared === null) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.unreadable);
  if (declared > ITEM_IMPORT_MAX_UNZIPPED_BYTES) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.unzippedTooLarge);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(new Uint8Array(data).buffer);
  } catch {
    throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.unreadable);
  }
  return wb;
}

/**
 * The filled-in rows of the template's data sheet (or the first sheet), by header name, blank
 * rows skipped. BAD_REQUEST when the sheet is not the template's or holds too many rows.
 */
export function readImportSheet(wb: ExcelJS.Workbook): SheetContent {
  const ws = wb.getWorksheet(DATA_SHEET) ?? wb.worksheets[0];
  if (!ws) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.noSheet);
  let headerRow = 0;
  let found: Map<ItemImportKey, number> | null = null;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount) && !found; r++) {
    found = columnsOf(ws.getRow(r));
    headerRow = r;
  }
  if (!found) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.noHeader);
  const columns = found;
  const missing = ITEM_IMPORT_COLUMNS.find((c) => !columns.has(c.key));
  if (missing) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.missingColumn(missing.name));

  const rows: SheetRow[] = [];
  const errors: ImportCellError[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const cells: SheetRow['cells'] = {};
    const problems: ImportCellError[] = [];
    for (const c of ITEM_IMPORT_COLUMNS) {
      const v = cellOf(row.getCell(columns.get(c.key)!));
      if (v === null) continue;
      if (typeof v === 'object' && !(v instanceof Date)) problems.push({ row: rowNumber, column: c.name, message: v.problem });
      else cells[c.key] = v;
    }
    if (Object.keys(cells).length === 0 && problems.length === 0) return;
    rows.push({ row: rowNumber, cells });
    errors.push(...problems);
  });
  if (rows.length === 0) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.noRows);
  if (rows.length > ITEM_IMPORT_MAX_ROWS) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.tooManyRows);
  return { rows, errors };
}

import ExcelJS from 'exceljs';

/** Looks shared by the ledger export and the import template. */

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8C8C8C' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
export const DATE_FORMAT = 'yyyy-mm-dd';

/** Who made the file and when, as Excel shows it under 属性 (also for a streamed workbook). */
export function stampWorkbook<W extends Pick<ExcelJS.Workbook, 'creator' | 'created'>>(wb: W): W {
  wb.creator = '法治政府建设督察平台';
  wb.created = new Date();
  return wb;
}

export function newWorkbook(): ExcelJS.Workbook {
  return stampWorkbook(new ExcelJS.Workbook());
}

export function styleHeaderRow(row: ExcelJS.Row, height = 30): void {
  row.height = height;
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

/** A calendar date (yyyy-mm-dd) as an Excel date: UTC midnight is exactly the day's serial number. */
export function excelDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * A drop-down list on a block of cells. exceljs keeps range validations in
 * `worksheet.dataValidations`, which its type definitions leave out; the typed per-cell
 * property is the fallback.
 */
export function addListValidation(ws: ExcelJS.Worksheet, range: { column: string; fromRow: number; toRow: number }, validation: ExcelJS.DataValidation): void {
  const store: unknown = Reflect.get(ws, 'dataValidations');
  if (typeof store === 'object' && store !== null && 'add' in store && typeof store.add === 'function') {
    store.add(`${range.column}${range.fromRow}:${range.column}${range.toRow}`, validation);
    return;
  }
  for (let r = range.fromRow; r <= range.toRow; r++) ws.getCell(`${range.column}${r}`).dataValidation = validation;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

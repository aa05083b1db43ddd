import type ExcelJS from 'exceljs';
import { AppError, ONBOARDING_MAX_ROWS, ONBOARDING_MESSAGES, UNITS_SHEET, UNIT_IMPORT_COLUMNS, USERS_SHEET, USER_IMPORT_COLUMNS } from '@fz/domain';
import type { OnboardingRowError, OnboardingSheet, UnitImportKey, UserImportKey } from '@fz/domain';
import { readRowsByHeader } from '../items/excel/read-sheet.js';
import type { CellInput, HeaderColumn, SheetRowOf } from '../items/excel/read-sheet.js';

/** A row whose first cell starts with this is the template's example and is never imported. */
export const EXAMPLE_MARK = '示例';

export interface OnboardingSheets {
  units: Array<SheetRowOf<UnitImportKey>>;
  users: Array<SheetRowOf<UserImportKey>>;
  /** Cells that cannot be read at all (formulas without a value, error values). */
  errors: OnboardingRowError[];
}

export const cellText = (v: CellInput | undefined): string => (v === undefined ? '' : (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim());

function readSheet<K extends string>(wb: ExcelJS.Workbook, sheet: OnboardingSheet, columns: ReadonlyArray<HeaderColumn<K> & { required: boolean }>, first: K) {
  const ws = wb.getWorksheet(sheet);
  if (!ws) return null;
  try {
    const content = readRowsByHeader(ws, columns, { anchor: first, required: columns.filter((c) => c.required).map((c) => c.key) });
    const rows = content.rows.filter((r) => !cellText(r.cells[first]).startsWith(EXAMPLE_MARK));
    const kept = new Set(rows.map((r) => r.row));
    const errors = content.errors.filter((e) => kept.has(e.row)).map((e): OnboardingRowError => ({ ...e, sheet }));
    return { rows, errors };
  } catch (e) {
    // A file-level problem names the sheet it is about.
    if (e instanceof AppError) throw new AppError(e.code, `“${sheet}”表:${e.message}`);
    throw e;
  }
}

/**
 * The 单位 and 用户 sheets by header name (either may be absent or empty, not both), the
 * template's example rows left out. BAD_REQUEST for a file-level problem (no such sheet, no
 * header, a required column missing, too many rows).
 */
export function readOnboardingSheets(wb: ExcelJS.Workbook): OnboardingSheets {
  const units = readSheet(wb, UNITS_SHEET, UNIT_IMPORT_COLUMNS, 'code');
  const users = readSheet(wb, USERS_SHEET, USER_IMPORT_COLUMNS, 'username');
  if (!units && !users) throw new AppError('BAD_REQUEST', ONBOARDING_MESSAGES.noSheets);
  const unitRows = units?.rows ?? [];
  const userRows = users?.rows ?? [];
  if (unitRows.length + userRows.length === 0) throw new AppError('BAD_REQUEST', ONBOARDING_MESSAGES.noRows);
  if (unitRows.length + userRows.length > ONBOARDING_MAX_ROWS) throw new AppError('BAD_REQUEST', ONBOARDING_MESSAGES.tooManyRows);
  return { units: unitRows, users: userRows, errors: [...(units?.errors ?? []), ...(users?.errors ?? [])] };
}

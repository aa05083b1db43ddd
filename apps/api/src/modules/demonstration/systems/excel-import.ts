import ExcelJS from 'exceljs';
import { AppError, EXCEL_MESSAGES, INDICATOR_COLUMNS, INDICATOR_EXCEL_MESSAGES, INDICATOR_IMPORT_MAX_ROWS, INDICATOR_SHEET, indicatorCodeSchema, levelFromCell, scoreFromCell, vetoFromCell } from '@fz/domain';
import type { ImportCellError, IndicatorColumnKey } from '@fz/domain';
import type { Tx } from '@fz/db';
import type { DemoCtx } from '../common.js';
import { columnsOf, placeOf } from '../common.js';
import { editableDraft, touchVersion } from './queries.js';

type Cell = string | number;
export interface IndicatorSheetRow {
  row: number;
  cells: Partial<Record<IndicatorColumnKey, Cell>>;
}

function plain(v: ExcelJS.CellValue): Cell | { problem: string } | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return { problem: EXCEL_MESSAGES.badCell };
  if ('richText' in v) return plain(v.richText.map((r) => r.text).join(''));
  if ('hyperlink' in v) return plain(v.text);
  if ('formula' in v || 'sharedFormula' in v) return { problem: EXCEL_MESSAGES.formula };
  return { problem: EXCEL_MESSAGES.badCell };
}

/** The indicator rows of a workbook by header name (the first ten rows are searched for 编号), blank rows skipped. */
export function readIndicatorSheet(wb: ExcelJS.Workbook): { rows: IndicatorSheetRow[]; errors: ImportCellError[] } {
  const ws = wb.getWorksheet(INDICATOR_SHEET) ?? wb.worksheets[0];
  if (!ws) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.noSheet);
  let header = 0;
  const columns = new Map<IndicatorColumnKey, number>();
  for (let r = 1; r <= Math.min(10, ws.rowCount) && header === 0; r++) {
    ws.getRow(r).eachCell((cell, col) => {
      const text = typeof cell.value === 'string' ? cell.value.replace(/[\s*]/g, '') : '';
      const column = INDICATOR_COLUMNS.find((c) => text === c.name);
      if (column && !columns.has(column.key)) columns.set(column.key, col);
    });
    if (columns.has('code')) header = r;
    else columns.clear();
  }
  if (header === 0) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.noHeader);
  const missing = INDICATOR_COLUMNS.find((c) => c.required && !columns.has(c.key));
  if (missing) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.missingColumn(missing.name));
  const rows: IndicatorSheetRow[] = [];
  const errors: ImportCellError[] = [];
  ws.eachRow((row, n) => {
    if (n <= header) return;
    const cells: IndicatorSheetRow['cells'] = {};
    for (const c of INDICATOR_COLUMNS) {
      const col = columns.get(c.key);
      if (col === undefined) continue;
      const v = row.getCell(col).type === ExcelJS.ValueType.Merge ? null : plain(row.getCell(col).value);
      if (v === null) continue;
      if (typeof v === 'object') errors.push({ row: n, column: c.name, message: v.problem });
      else cells[c.key] = v;
    }
    if (Object.keys(cells).length > 0) rows.push({ row: n, cells });
  });
  if (rows.length === 0) throw new AppError('BAD_REQUEST', EXCEL_MESSAGES.noRows);
  if (rows.length > INDICATOR_IMPORT_MAX_ROWS) throw new AppError('BAD_REQUEST', INDICATOR_EXCEL_MESSAGES.tooManyRows);
  return { rows, errors };
}

interface ParsedNode {
  row: number;
  code: string;
  level: number;
  name: string;
  parent: string | null;
  maxScore: number | null;
  guidance: string | null;
  evidence: string | null;
  veto: boolean;
}

const textOf = (c: Cell | undefined) => (c === undefined ? '' : String(c).trim());

/** Every row checked, every problem named by row and column; parents must come before their children. */
export function parseIndicatorRows(rows: readonly IndicatorSheetRow[], errors: ImportCellError[]): ParsedNode[] {
  const out: ParsedNode[] = [];
  const levelOf = new Map<string, number>();
  const err = (row: number, key: IndicatorColumnKey, message: string) => errors.push({ row, column: INDICATOR_COLUMNS.find((c) => c.key === key)!.name, message });
  for (const { row, cells } of rows) {
    const code = indicatorCodeSchema.safeParse(textOf(cells.code));
    if (!code.success) err(row, 'code', code.error.issues[0]?.message ?? EXCEL_MESSAGES.badCell);
    else if (levelOf.has(code.data)) err(row, 'code', `编号“${code.data}”重复`);
    const level = cells.level === undefined ? null : levelFromCell(cells.level);
    if (level === null) err(row, 'level', INDICATOR_EXCEL_MESSAGES.badLevel);
    const name = textOf(cells.name);
    if (name === '') err(row, 'name', EXCEL_MESSAGES.required);
    else if (name.length > 200) err(row, 'name', '不能超过 200 个字');
    const parent = textOf(cells.parent) || null;
    if (level !== null && level > 1 && parent === null) err(row, 'parent', '二级、三级指标须填写上级编号');
    if (level === 1 && parent !== null) err(row, 'parent', '一级指标不能有上级编号');
    if (parent !== null && level !== null && level > 1) {
      const parentLevel = levelOf.get(parent);
      if (parentLevel === undefined) err(row, 'parent', INDICATOR_EXCEL_MESSAGES.unknownParent(parent));
      else if (parentLevel !== level - 1) err(row, 'parent', '上级指标的层级应比本指标高一级');
    }
    const score = scoreFromCell(cells.maxScore);
    if (score === 'bad' || score === 0) err(row, 'maxScore', INDICATOR_EXCEL_MESSAGES.badScore);
    const veto = vetoFromCell(cells.veto);
    if (veto === null) err(row, 'veto', INDICATOR_EXCEL_MESSAGES.badVeto);
    const guidance = textOf(cells.guidance);
    if (guidance.length > 2000) err(row, 'guidance', '不能超过 2000 个字');
    const evidence = textOf(cells.evidence);
    if (evidence.length > 1000) err(row, 'evidence', '不能超过 1000 个字');
    if (code.success && level !== null) {
      levelOf.set(code.data, level);
      out.push({ row, code: code.data, level, name, parent, maxScore: typeof score === 'number' ? score : null, guidance: guidance || null, evidence: evidence || null, veto: veto ?? false });
    }
  }
  return out;
}

export type IndicatorImportOutcome = { imported: number; version: number } | { errors: ImportCellError[] };

/**
 * Replaces every indicator of a draft with the file's, all or nothing: any bad cell answers the
 * list of problems by Excel row and nothing is written. Parents lose scores and veto flags (only
 * leaves carry them). The draft's version moves on; one audit row.
 */
export async function importIndicators(tx: Tx, ctx: DemoCtx, versionId: number, version: number, sheet: { rows: IndicatorSheetRow[]; errors: ImportCellError[] }, file: { name: string; sha256: string }): Promise<IndicatorImportOutcome> {
  const draft = await editableDraft(tx, ctx.ability, versionId, version);
  const errors = [...sheet.errors];
  const parsed = parseIndicatorRows(sheet.rows, errors);
  if (errors.length > 0) return { errors: errors.sort((a, b) => a.row - b.row) };
  const parents = new Set(parsed.map((n) => n.parent).filter((p): p is string => p !== null));
  await tx.deleteFrom('indicator_nodes').where('version_id', '=', draft.id).execute();
  const place = columnsOf(placeOf(draft));
  const idOf = new Map<string, number>();
  for (const level of [1, 2, 3]) {
    const rows = parsed.filter((n) => n.level === level);
    if (rows.length === 0) continue;
    const inserted = await tx
      .insertInto('indicator_nodes')
      .values(
        rows.map((n) => {
          const leaf = !parents.has(n.code);
          return { ...place, version_id: draft.id, parent_id: n.parent === null ? null : idOf.get(n.parent)!, level: n.level, code: n.code, name: n.name, max_score: leaf ? n.maxScore : null, guidance: n.guidance, evidence: n.evidence, veto: leaf && n.veto, sort_order: n.row * 10 };
        }),
      )
      .returning(['id', 'code'])
      .execute();
    for (const r of inserted) idOf.set(r.code, r.id);
  }
  const touched = await touchVersion(tx, draft);
  await ctx.audit(tx, { action: 'indicatorSystem.import', subjectType: 'IndicatorSystem', subjectId: draft.id, jurisdiction: placeOf(draft), after: { file: file.name, sha256: file.sha256, indicators: parsed.length } });
  return { imported: parsed.length, version: touched.version };
}

import { TRPCError } from '@trpc/server';
import { AppError, EXCEL_MESSAGES, ITEM_IMPORT_COLUMNS, RECTIFICATION_MESSAGES, categoryFromLabel, deadlineFromCell, itemCreateInput, jurisdictionIdSchema } from '@fz/domain';
import type { ImportCellError, ItemCreateInput, ItemImportKey } from '@fz/domain';
import type { Tx } from '@fz/db';
import { refreshInspectionStatus } from '../../inspections/queries.js';
import { checkNewItem, insertItem } from '../create.js';
import type { CheckedItem, IssuingInspection } from '../create.js';
import type { ItemCtx } from '../events.js';
import type { TargetUnit } from './access.js';
import { issuableInspection, targetDirectory } from './access.js';
import type { CellInput, SheetContent, SheetRow } from './read-sheet.js';

export type ImportOutcome = { imported: number } | { errors: ImportCellError[] };

export interface ImportedFile {
  name: string;
  sha256: string;
}

const COLUMN_NAME = Object.fromEntries(ITEM_IMPORT_COLUMNS.map((c) => [c.key, c.name])) as Record<ItemImportKey, string>;
const COLUMN_ORDER = new Map<string, number>(ITEM_IMPORT_COLUMNS.map((c, i) => [c.name, i]));

/** Which column a field of items.create's input is read from. */
const FIELD_COLUMN: Record<keyof ItemCreateInput, ItemImportKey> = {
  inspectionId: 'target',
  targetId: 'target',
  number: 'number',
  problem: 'problem',
  category: 'category',
  requirement: 'requirement',
  responsibleUnitId: 'unit',
  deadline: 'deadline',
};

const UNIT_MESSAGES = new Set<string>([RECTIFICATION_MESSAGES.unitNotInJurisdiction, RECTIFICATION_MESSAGES.unitInactive]);

const asText = (v: CellInput) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();

/** What a file's rows are resolved against: the targets the caller may issue to, by code and name, and their units. */
interface Lookups {
  inspection: IssuingInspection;
  targetByName: Map<string, number>;
  issuable: Set<number>;
  units: TargetUnit[];
}

function unitOf(name: string, jurisdictionId: number, units: TargetUnit[]): number | string {
  const here = units.filter((u) => u.jurisdictionId === jurisdictionId);
  const full = here.find((u) => u.name === name);
  if (full) return full.id;
  const short = here.filter((u) => u.shortName === name);
  const active = short.filter((u) => u.isActive);
  const pick = active.length > 0 ? active : short;
  if (pick.length === 1) return pick[0]!.id;
  return pick.length === 0 ? EXCEL_MESSAGES.unknownUnit(name) : EXCEL_MESSAGES.ambiguousUnit(name);
}

/**
 * One row as items.create's input, through the same zod schema; the labels of the template
 * (category, target, unit) are resolved first. Problems come back per cell.
 */
function rowInput(r: SheetRow, look: Lookups, unreadable: ReadonlySet<string>): { input: ItemCreateInput | null; errors: ImportCellError[] } {
  const errors: ImportCellError[] = [];
  // One message per cell: an unreadable cell was reported already and reads as empty here.
  const flagged = new Set(unreadable);
  const bad = (key: ItemImportKey, message: string) => {
    if (flagged.has(COLUMN_NAME[key])) return;
    flagged.add(COLUMN_NAME[key]);
    errors.push({ row: r.row, column: COLUMN_NAME[key], message });
  };
  const cell = (key: ItemImportKey) => r.cells[key];
  const text = (key: ItemImportKey) => {
    const v = cell(key);
    return v === undefined ? '' : asText(v);
  };

  let targetId: number | undefined;
  const target = text('target');
  if (target === '') bad('target', EXCEL_MESSAGES.required);
  else if (/^\d+$/.test(target) && jurisdictionIdSchema.safeParse(Number(target)).success) targetId = Number(target);
  else if (look.targetByName.has(target)) targetId = look.targetByName.get(target);
  else bad('target', EXCEL_MESSAGES.badTarget);

  const category = text('category') === '' ? null : categoryFromLabel(text('category'));
  if (category === null) bad('category', text('category') === '' ? EXCEL_MESSAGES.required : EXCEL_MESSAGES.badCategory);

  let deadline: string | undefined;
  const due = cell('deadline');
  if (due === undefined) bad('deadline', EXCEL_MESSAGES.required);
  // What is not a date goes on as written, for the schema to refuse with its own message.
  else deadline = deadlineFromCell(due) ?? asText(due);

  let responsibleUnitId: number | null = null;
  const unit = text('unit');
  if (unit !== '' && targetId !== undefined && look.issuable.has(targetId)) {
    const found = unitOf(unit, targetId, look.units);
    if (typeof found === 'number') responsibleUnitId = found;
    else bad('unit', found);
  }

  const parsed = itemCreateInput.safeParse({
    inspectionId: look.inspection.id,
    targetId,
    number: text('number'),
    problem: text('problem'),
    category: category ?? undefined,
    requirement: text('requirement'),
    responsibleUnitId,
    deadline,
  });
  if (parsed.success) return { input: flagged.size === 0 ? parsed.data : null, errors };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    bad(typeof field === 'string' && field in FIELD_COLUMN ? FIELD_COLUMN[field as keyof ItemCreateInput] : 'number', issue.message);
  }
  return { input: null, errors };
}

/** The service rules of items.create for one row, as a cell error instead of a thrown one. */
async function serviceCheck(tx: Tx, ctx: ItemCtx, inspection: IssuingInspection, r: SheetRow, input: ItemCreateInput): Promise<CheckedItem | ImportCellError> {
  try {
    return await checkNewItem(tx, ctx.ability, inspection, input);
  } catch (e) {
    if (!(e instanceof AppError || e instanceof TRPCError)) throw e;
    return { row: r.row, column: UNIT_MESSAGES.has(e.message) ? COLUMN_NAME.unit : COLUMN_NAME.target, message: e.message };
  }
}

async function existingNumbers(tx: Tx, inspectionId: number, numbers: string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await tx.selectFrom('rectification_items').select('number').where('inspection_id', '=', inspectionId).where('number', 'in', numbers).execute();
  return new Set(rows.map((r) => r.number));
}

const byPosition = (a: ImportCellError, b: ImportCellError) => a.row - b.row || (COLUMN_ORDER.get(a.column) ?? 0) - (COLUMN_ORDER.get(b.column) ?? 0);

/**
 * All or nothing: every row is resolved and checked exactly as items.create checks one
 * finding, a 问题编号 may appear once in the file and not yet in the inspection (so the same
 * file uploaded twice imports nothing the second time). Any problem: nothing is written and
 * every bad cell is reported. Otherwise every item is inserted with its timeline entry and
 * audit row, in the caller's one transaction.
 */
export async function importItems(tx: Tx, ctx: ItemCtx, inspectionId: number, sheet: SheetContent, file: ImportedFile): Promise<ImportOutcome> {
  const { inspection, targets } = await issuableInspection(tx, ctx.ability, inspectionId);
  const directory = await targetDirectory(tx, targets);
  const look: Lookups = {
    inspection,
    targetByName: new Map(targets.flatMap((t) => {
      const name = directory.names.get(t.jurisdictionId);
      return name ? [[name, t.jurisdictionId] as const] : [];
    })),
    issuable: new Set(targets.map((t) => t.jurisdictionId)),
    units: directory.units,
  };
  const errors = [...sheet.errors];
  const unreadable = new Map<number, Set<string>>();
  for (const e of sheet.errors) unreadable.set(e.row, (unreadable.get(e.row) ?? new Set()).add(e.column));
  const numberOf = (r: SheetRow) => (r.cells.number === undefined ? '' : asText(r.cells.number));
  const existing = await existingNumbers(tx, inspection.id, [...new Set(sheet.rows.map(numberOf).filter((n) => n !== ''))]);
  const firstRowOf = new Map<string, number>();
  const checked: CheckedItem[] = [];

  for (const r of sheet.rows) {
    const { input, errors: rowErrors } = rowInput(r, look, unreadable.get(r.row) ?? new Set());
    errors.push(...rowErrors);
    const number = numberOf(r);
    let duplicate = false;
    if (number !== '' && !rowErrors.some((e) => e.column === COLUMN_NAME.number)) {
      const first = firstRowOf.get(number);
      const message = existing.has(number) ? RECTIFICATION_MESSAGES.duplicateNumber : first !== undefined ? EXCEL_MESSAGES.duplicateInFile(first) : null;
      if (message) errors.push({ row: r.row, column: COLUMN_NAME.number, message });
      duplicate = message !== null;
      if (first === undefined) firstRowOf.set(number, r.row);
    }
    if (!input || duplicate) continue;
    const result = await serviceCheck(tx, ctx, inspection, r, input);
    if ('row' in result) errors.push(result);
    else checked.push(result);
  }
  if (errors.length > 0) return { errors: errors.sort(byPosition) };

  const ids: number[] = [];
  for (const item of checked) ids.push((await insertItem(tx, ctx, item)).id);
  await refreshInspectionStatus(tx, inspection.id);
  const own = ctx.principal.jurisdiction;
  await ctx.audit(tx, {
    action: 'item.import',
    subjectType: 'Inspection',
    subjectId: inspection.id,
    jurisdiction: { ...own, jurisdictionId: own.id },
    unitId: ctx.principal.unitId,
    after: { fileName: file.name, sha256: file.sha256, imported: ids.length, itemIds: ids },
  });
  return { imported: ids.length };
}

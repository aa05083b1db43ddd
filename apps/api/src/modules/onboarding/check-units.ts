import { MESSAGES, ONBOARDING_MESSAGES, UNITS_SHEET, UNIT_IMPORT_COLUMNS, unitCreateInput, unitKindFromLabel } from '@fz/domain';
import type { OnboardingRowError, UnitImportKey, UnitKind } from '@fz/domain';
import type { SheetRowOf } from '../items/excel/read-sheet.js';
import type { Lookups, Place } from './lookups.js';
import type { Importer } from './place.js';
import { checkPlace } from './place.js';
import { cellText } from './sheets.js';

export interface PlannedUnit {
  row: number;
  place: Place;
  name: string;
  shortName: string;
  kind: UnitKind;
  sortOrder: number;
}

const COLUMN = Object.fromEntries(UNIT_IMPORT_COLUMNS.map((c) => [c.key, c.name])) as Record<UnitImportKey, string>;
const DEFAULT_SORT_ORDER = 100;

/** Where each field of units.create's input is read from. */
const FIELD_COLUMN: Record<string, UnitImportKey> = { jurisdictionId: 'code', name: 'name', shortName: 'shortName', kind: 'kind', sortOrder: 'sortOrder' };

/** 排序号: empty means 100; otherwise a whole number (text or number cell). */
function sortOrderOf(text: string): number | null {
  if (text === '') return DEFAULT_SORT_ORDER;
  return /^\d{1,4}$/.test(text) ? Number(text) : null;
}

/** Key of a unit by jurisdiction and full name: one such unit per place, in the file and in the database. */
export const unitKey = (jurisdictionId: number, name: string) => `${jurisdictionId}\u0000${name}`;

/**
 * The 单位 sheet's rows, one at a time, with the checks of units.create (same zod schema) plus
 * the import's own: the place (area, existence, ability), a name not yet used at that place in
 * the file or the database. Problems are pushed per cell; a good row comes back planned.
 */
export class UnitRowChecker {
  private readonly firstRow = new Map<string, number>();

  constructor(
    private readonly importer: Importer,
    private readonly look: Lookups,
    private readonly errors: OnboardingRowError[],
  ) {}

  check(r: SheetRowOf<UnitImportKey>): PlannedUnit | null {
    const flagged = new Set<UnitImportKey>();
    const bad = (key: UnitImportKey, message: string) => {
      if (flagged.has(key)) return;
      flagged.add(key);
      this.errors.push({ sheet: UNITS_SHEET, row: r.row, column: COLUMN[key], message });
    };
    const text = (key: UnitImportKey) => cellText(r.cells[key]);

    const place = checkPlace(text('code'), 'Unit', this.importer, this.look);
    if (typeof place === 'string') bad('code', place);
    else if (text('region') !== '' && text('region') !== place.name) bad('region', ONBOARDING_MESSAGES.regionMismatch(place.name));

    const kind = unitKindFromLabel(text('kind'));
    if (kind === null) bad('kind', ONBOARDING_MESSAGES.badKind);
    const sortOrder = sortOrderOf(text('sortOrder'));
    if (sortOrder === null) bad('sortOrder', ONBOARDING_MESSAGES.badSortOrder);

    const parsed = unitCreateInput.safeParse({ jurisdictionId: typeof place === 'string' ? 11 : place.id, name: text('name'), shortName: text('shortName'), kind: kind ?? 'department', sortOrder: sortOrder ?? DEFAULT_SORT_ORDER });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) bad(FIELD_COLUMN[String(issue.path[0])] ?? 'name', issue.message);
      return null;
    }
    const name = parsed.data.name;
    if (typeof place !== 'string') {
      const key = unitKey(place.id, name);
      const first = this.firstRow.get(key);
      if (first !== undefined) bad('name', ONBOARDING_MESSAGES.duplicateUnitInFile(first));
      else {
        this.firstRow.set(key, r.row);
        if ((this.look.units.get(place.id) ?? []).some((u) => u.name === name)) bad('name', MESSAGES.duplicateUnit);
      }
    }
    if (flagged.size > 0 || typeof place === 'string' || kind === null) return null;
    return { row: r.row, place, name, shortName: parsed.data.shortName, kind, sortOrder: parsed.data.sortOrder };
  }
}

import { UNITS_SHEET, USERS_SHEET, compareRowErrors, usernameSchema } from '@fz/domain';
import type { OnboardingRowError } from '@fz/domain';
import type { Lookups } from './lookups.js';
import type { Importer } from './place.js';
import { codeInArea } from './place.js';
import type { OnboardingSheets } from './sheets.js';
import { cellText } from './sheets.js';
import { UnitRowChecker } from './check-units.js';
import type { PlannedUnit } from './check-units.js';
import { UserRowChecker, sheetUnitsByPlace } from './check-users.js';
import type { PlannedUser } from './check-users.js';

export interface ImportPlan {
  units: PlannedUnit[];
  users: PlannedUser[];
}

export type Validation = { plan: ImportPlan } | { errors: OnboardingRowError[] };

/** How often (rows) the job reports validation progress. */
const PROGRESS_EVERY = 1_000;

/** What the lookups need from a file: the codes inside the importer's area and the well-formed usernames. */
export function fileKeys(sheets: OnboardingSheets, importer: Importer): { placeIds: number[]; usernames: string[] } {
  const places = new Set<number>();
  for (const r of [...sheets.units, ...sheets.users]) {
    const id = codeInArea(cellText(r.cells.code), importer);
    if (id !== null) places.add(id);
  }
  const usernames = new Set<string>();
  for (const r of sheets.users) {
    const parsed = usernameSchema.safeParse(cellText(r.cells.username));
    if (parsed.success) usernames.add(parsed.data);
  }
  return { placeIds: [...places], usernames: [...usernames] };
}

/**
 * Every row of both sheets checked (units first: users may join the file's new units). Any
 * problem anywhere: the sorted list of every bad cell, and nothing is planned. `progress` is
 * awaited with the number of rows checked so far, every thousand rows and at the end.
 */
export async function validateRows(sheets: OnboardingSheets, importer: Importer, look: Lookups, progress: (checked: number) => Promise<void>): Promise<Validation> {
  const errors: OnboardingRowError[] = [...sheets.errors];
  // A cell that could not be read was reported already; its row is not planned either.
  const unreadable = new Set(sheets.errors.map((e) => `${e.sheet}\u0000${e.row}`));
  const units = new UnitRowChecker(importer, look, errors);
  const users = new UserRowChecker(importer, look, sheetUnitsByPlace(sheets.units, importer), errors);
  const plan: ImportPlan = { units: [], users: [] };
  let checked = 0;
  const tick = async () => {
    checked += 1;
    if (checked % PROGRESS_EVERY === 0) await progress(checked);
  };
  for (const r of sheets.units) {
    const unit = units.check(r);
    if (unit && !unreadable.has(`${UNITS_SHEET}\u0000${r.row}`)) plan.units.push(unit);
    await tick();
  }
  for (const r of sheets.users) {
    const user = users.check(r);
    if (user && !unreadable.has(`${USERS_SHEET}\u0000${r.row}`)) plan.users.push(user);
    await tick();
  }
  await progress(checked);
  if (errors.length > 0) return { errors: dedupe(errors).sort(compareRowErrors) };
  return { plan };
}

/** One message per cell: an unreadable cell also reads as empty to the row checks. */
function dedupe(errors: OnboardingRowError[]): OnboardingRowError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.sheet}\u0000${e.row}\u0000${e.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

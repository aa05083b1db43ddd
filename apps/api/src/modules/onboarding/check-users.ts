import { MESSAGES, ONBOARDING_MESSAGES, ROLE_LABEL_LIST, USERS_SHEET, USER_IMPORT_COLUMNS, rolesFromCell, userCreateInput } from '@fz/domain';
import type { OnboardingRowError, Role, UnitImportKey, UserImportKey } from '@fz/domain';
import type { SheetRowOf } from '../items/excel/read-sheet.js';
import type { Lookups, Place } from './lookups.js';
import type { Importer } from './place.js';
import { checkPlace, codeInArea } from './place.js';
import { cellText } from './sheets.js';
import { unitKey } from './check-units.js';

/** The unit a user joins: one that exists (its id) or one of the file (its key, created first). */
export type UnitRef = { existingId: number; name: string } | { newKey: string; name: string };

export interface PlannedUser {
  row: number;
  place: Place;
  username: string;
  displayName: string;
  unit: UnitRef;
  roles: Role[];
}

export interface Candidate {
  ref: UnitRef;
  shortName: string;
  isActive: boolean;
}

const COLUMN = Object.fromEntries(USER_IMPORT_COLUMNS.map((c) => [c.key, c.name])) as Record<UserImportKey, string>;
const identity = userCreateInput.pick({ username: true, displayName: true });

/** The 单位 sheet's units by place, as users may name them (even rows with other problems: those fail the file anyway). */
export function sheetUnitsByPlace(rows: ReadonlyArray<SheetRowOf<UnitImportKey>>, importer: Importer): Map<number, Candidate[]> {
  const byPlace = new Map<number, Candidate[]>();
  for (const r of rows) {
    const id = codeInArea(cellText(r.cells.code), importer);
    const name = cellText(r.cells.name);
    if (id === null || name === '') continue;
    const list = byPlace.get(id) ?? [];
    list.push({ ref: { newKey: unitKey(id, name), name }, shortName: cellText(r.cells.shortName), isActive: true });
    byPlace.set(id, list);
  }
  return byPlace;
}

/**
 * The 用户 sheet's rows, one at a time: the checks of users.create (same zod schema for the
 * username and name), the place, the unit by full name (or an unambiguous short name) among the
 * place's units and the file's, the roles by label, and a username used once in the file and
 * nowhere in the database.
 */
export class UserRowChecker {
  private readonly firstRow = new Map<string, number>();

  constructor(
    private readonly importer: Importer,
    private readonly look: Lookups,
    private readonly sheetUnits: Map<number, Candidate[]>,
    private readonly errors: OnboardingRowError[],
  ) {}

  private unitOf(name: string, placeId: number): UnitRef | string {
    const existing = (this.look.units.get(placeId) ?? []).map((u): Candidate => ({ ref: { existingId: u.id, name: u.name }, shortName: u.shortName, isActive: u.isActive }));
    const all = [...(this.sheetUnits.get(placeId) ?? []), ...existing];
    const full = all.find((c) => c.ref.name === name);
    if (full) return full.isActive ? full.ref : MESSAGES.inactiveUnit;
    const short = all.filter((c) => c.isActive && c.shortName === name);
    if (short.length === 1) return short[0]!.ref;
    return short.length === 0 ? ONBOARDING_MESSAGES.unknownUnit(name) : ONBOARDING_MESSAGES.ambiguousUnit(name);
  }

  check(r: SheetRowOf<UserImportKey>): PlannedUser | null {
    const flagged = new Set<UserImportKey>();
    const bad = (key: UserImportKey, message: string) => {
      if (flagged.has(key)) return;
      flagged.add(key);
      this.errors.push({ sheet: USERS_SHEET, row: r.row, column: COLUMN[key], message });
    };
    const text = (key: UserImportKey) => cellText(r.cells[key]);

    const parsed = identity.safeParse({ username: text('username'), displayName: text('displayName') });
    if (!parsed.success) for (const issue of parsed.error.issues) bad(issue.path[0] === 'displayName' ? 'displayName' : 'username', issue.message);
    const username = parsed.success ? parsed.data.username : null;
    if (username !== null) {
      const first = this.firstRow.get(username);
      if (first !== undefined) bad('username', ONBOARDING_MESSAGES.duplicateUsernameInFile(first));
      else {
        this.firstRow.set(username, r.row);
        if (this.look.taken.has(username)) bad('username', MESSAGES.duplicateUsername);
      }
    }

    const place = checkPlace(text('code'), 'User', this.importer, this.look);
    if (typeof place === 'string') bad('code', place);
    let unit: UnitRef | null = null;
    if (text('unit') === '') bad('unit', ONBOARDING_MESSAGES.required);
    else if (typeof place !== 'string') {
      const found = this.unitOf(text('unit'), place.id);
      if (typeof found === 'string') bad('unit', found);
      else unit = found;
    }

    const { roles, unknown } = rolesFromCell(text('roles'));
    if (unknown.length > 0) bad('roles', ONBOARDING_MESSAGES.unknownRoles(unknown.join('、'), ROLE_LABEL_LIST));
    else if (roles.length === 0) bad('roles', ONBOARDING_MESSAGES.required);

    if (flagged.size > 0 || !parsed.success || typeof place === 'string' || unit === null) return null;
    return { row: r.row, place, username: parsed.data.username, displayName: parsed.data.displayName, unit, roles };
  }
}

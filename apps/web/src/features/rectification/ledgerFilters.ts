import { ITEM_CATEGORIES, ITEM_SORTS, ITEM_STATUSES, LIGHTS, isCalendarDate } from '@fz/domain';
import type { ItemCategory, ItemSort, ItemStatus, Light } from '@fz/domain';

/** The ledger's filters as they live in the URL (?status=issued,closed&light=red …), so a filtered view can be linked and survives reload. */
export interface LedgerFilters {
  status: ItemStatus[];
  light: Light[];
  category?: ItemCategory;
  unitId?: number;
  inspectionId?: number;
  deadlineFrom?: string;
  deadlineTo?: string;
  flagged?: boolean;
  keyword?: string;
  sort: ItemSort;
}

function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  return raw.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[]): T | undefined {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n > 0 && n <= 2_147_483_647 ? n : undefined;
}

const date = (raw: string | null) => (raw !== null && isCalendarDate(raw) ? raw : undefined);

/** Unknown or malformed parameters are dropped rather than sent to the server. */
export function parseLedgerFilters(params: URLSearchParams): LedgerFilters {
  const keyword = params.get('q')?.trim().slice(0, 50);
  return {
    status: listOf(params.get('status'), ITEM_STATUSES),
    light: listOf(params.get('light'), LIGHTS),
    category: oneOf(params.get('category'), ITEM_CATEGORIES),
    unitId: positiveInt(params.get('unit')),
    inspectionId: positiveInt(params.get('inspection')),
    deadlineFrom: date(params.get('from')),
    deadlineTo: date(params.get('to')),
    flagged: params.get('flagged') === '1' ? true : undefined,
    keyword: keyword || undefined,
    sort: oneOf(params.get('sort'), ITEM_SORTS) ?? 'deadline',
  };
}

export function ledgerSearchParams(f: LedgerFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.light.length) p.set('light', f.light.join(','));
  if (f.category) p.set('category', f.category);
  if (f.unitId) p.set('unit', String(f.unitId));
  if (f.inspectionId) p.set('inspection', String(f.inspectionId));
  if (f.deadlineFrom) p.set('from', f.deadlineFrom);
  if (f.deadlineTo) p.set('to', f.deadlineTo);
  if (f.flagged) p.set('flagged', '1');
  if (f.keyword) p.set('q', f.keyword);
  if (f.sort !== 'deadline') p.set('sort', f.sort);
  return p;
}

/** The `items.list` input for these filters under node `jurisdictionId` (without paging). */
export function ledgerQueryInput(f: LedgerFilters, jurisdictionId?: number) {
  return {
    jurisdictionId,
    status: f.status.length ? f.status : undefined,
    light: f.light.length ? f.light : undefined,
    category: f.category,
    unitId: f.unitId,
    inspectionId: f.inspectionId,
    deadlineFrom: f.deadlineFrom,
    deadlineTo: f.deadlineTo,
    flagged: f.flagged,
    keyword: f.keyword,
    sort: f.sort,
  };
}

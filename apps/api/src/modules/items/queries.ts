import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { AppError, MESSAGES } from '@fz/domain';
import type { Action, AppAbility, ItemFacts, ScopedRecord } from '@fz/domain';
import { PREPARED } from '@fz/db';
import type { RectificationItemTable, RectificationItemUpdate, Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';

export const itemColumns = [
  'i.id',
  'i.inspection_id',
  'i.target_jurisdiction_id',
  'i.number',
  'i.problem',
  'i.category',
  'i.requirement',
  'i.jurisdiction_id',
  'i.province_id',
  'i.city_id',
  'i.county_id',
  'i.township_id',
  'i.supervising_jurisdiction_id',
  'i.unit_id',
  'i.deadline',
  'i.original_deadline',
  'i.measures',
  'i.status',
  'i.flagged',
  'i.flagged_at',
  'i.flag_reason',
  'i.overdue_since',
  'i.pending_extension_deadline',
  'i.pending_extension_reason',
  'i.pending_extension_note',
  'i.pending_extension_requested_at',
  'i.closed_at',
  'i.version',
  'i.created_at',
  'i.updated_at',
] as const;

type Unqualified<T extends string> = T extends `i.${infer C}` ? C : never;
export type ItemRow = Pick<Selectable<RectificationItemTable>, Unqualified<(typeof itemColumns)[number]>>;

export const returningColumns = itemColumns.map((c) => c.slice(2) as Unqualified<typeof c>);

/** What abilities judge an item by. */
export function itemRecord(r: ItemRow): ScopedRecord & { jurisdictionId: number } {
  return {
    id: r.id,
    jurisdictionId: r.jurisdiction_id,
    provinceId: r.province_id,
    cityId: r.city_id,
    countyId: r.county_id,
    townshipId: r.township_id,
    unitId: r.unit_id,
    supervisingJurisdictionId: r.supervising_jurisdiction_id,
  };
}

/**
 * An item the caller may `action`: NOT_FOUND when RLS hides it, FORBIDDEN when only the ability
 * refuses it. Reading is checked first, so an invisible item never answers FORBIDDEN.
 */
export async function visibleItem(tx: Tx, ability: AppAbility, id: number, action: Action = 'read'): Promise<ItemRow> {
  const row = await tx.selectFrom('rectification_items as i').select(itemColumns).where('i.id', '=', id).modifyEnd(sql.raw(PREPARED)).executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'RectificationItem', itemRecord(row));
  if (action !== 'read') assertCan(ability, action, 'RectificationItem', itemRecord(row));
  return row;
}

export function assertVersion(row: ItemRow, version: number | undefined): void {
  if (version !== undefined && row.version !== version) throw new AppError('CONFLICT', MESSAGES.conflict);
}

export async function evidenceCount(tx: Tx, itemId: number): Promise<number> {
  const r = await tx.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).where('item_id', '=', itemId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function itemFacts(r: ItemRow, evidence: number): ItemFacts {
  return { status: r.status, deadline: r.deadline, measures: r.measures, evidenceCount: evidence, pendingExtension: r.pending_extension_deadline !== null };
}

/** Applies `changes` when the row still has `version`; CONFLICT otherwise (never a silent overwrite). */
export async function updateItem(tx: Tx, id: number, version: number, changes: RectificationItemUpdate): Promise<ItemRow> {
  const row = await tx
    .updateTable('rectification_items')
    .set((eb) => ({ ...changes, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(returningColumns)
    // Every item mutation runs it (one text per set of changed columns): planned once per connection.
    .modifyEnd(sql.raw(PREPARED))
    .executeTakeFirst();
  if (!row) throw new AppError('CONFLICT', MESSAGES.conflict);
  return row;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function itemDto(r: ItemRow) {
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    targetJurisdictionId: r.target_jurisdiction_id,
    number: r.number,
    problem: r.problem,
    category: r.category,
    requirement: r.requirement,
    jurisdictionId: r.jurisdiction_id,
    supervisingJurisdictionId: r.supervising_jurisdiction_id,
    responsibleUnitId: r.unit_id,
    deadline: r.deadline,
    originalDeadline: r.original_deadline,
    measures: r.measures,
    status: r.status,
    flagged: r.flagged,
    flaggedAt: iso(r.flagged_at),
    flagReason: r.flag_reason,
    overdueSince: r.overdue_since,
    pendingExtension:
      r.pending_extension_deadline === null
        ? null
        : { newDeadline: r.pending_extension_deadline, reason: r.pending_extension_reason, note: r.pending_extension_note, requestedAt: iso(r.pending_extension_requested_at) },
    closedAt: iso(r.closed_at),
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
export type ItemDto = ReturnType<typeof itemDto>;

/** The fields an audit row keeps before and after a change. */
export function itemSnapshot(r: ItemRow) {
  return {
    number: r.number,
    status: r.status,
    deadline: r.deadline,
    jurisdictionId: r.jurisdiction_id,
    unitId: r.unit_id,
    problem: r.problem,
    requirement: r.requirement,
    category: r.category,
    measures: r.measures,
    flagged: r.flagged,
    flagReason: r.flag_reason,
    pendingExtension: r.pending_extension_deadline,
    version: r.version,
  };
}

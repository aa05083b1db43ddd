import type { Selectable } from 'kysely';
import { ITEM_STATUSES, OPEN_STATUSES } from '@fz/domain';
import type { RectificationItemTable } from '@fz/db';

/** What the sweep and the reminders need of an item. */
export const sweptColumns = [
  'i.id',
  'i.number',
  'i.jurisdiction_id',
  'i.province_id',
  'i.city_id',
  'i.county_id',
  'i.township_id',
  'i.unit_id',
  'i.supervising_jurisdiction_id',
  'i.deadline',
  'i.overdue_since',
] as const;

type Unqualified<T extends string> = T extends `i.${infer C}` ? C : never;
export type SweptItem = Pick<Selectable<RectificationItemTable>, Unqualified<(typeof sweptColumns)[number]>>;
export const sweptReturning = sweptColumns.map((c) => c.slice(2) as Unqualified<typeof c>);

/**
 * Statuses without a running deadline (the complement of OPEN_STATUSES: today only closed). The
 * sweep's partial index says `status <> 'closed'`; a new closed-like status must join both.
 */
export const NOT_OPEN = ITEM_STATUSES.filter((s) => !OPEN_STATUSES.includes(s));

import type { Selectable } from 'kysely';
import { figureOf, targetHit } from '@fz/domain';
import type { AppAbility, ScopedRecord } from '@fz/domain';
import type { MetricValueTable, Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';
import type { MetricRow } from './queries.js';
import { decimalText, metricShape } from './queries.js';

export const valueColumns = [
  'v.id',
  'v.metric_id',
  'v.owner_jurisdiction_id',
  'v.jurisdiction_id',
  'v.province_id',
  'v.city_id',
  'v.county_id',
  'v.township_id',
  'v.level',
  'v.period',
  'v.numerator',
  'v.denominator',
  'v.note',
  'v.reported_by_name',
  'v.version',
  'v.updated_at',
] as const;

type Unqualified<T extends string> = T extends `v.${infer C}` ? C : never;
export type ValueRow = Pick<Selectable<MetricValueTable>, Unqualified<(typeof valueColumns)[number]>>;
export const valueReturning = valueColumns.map((c) => c.slice(2) as Unqualified<typeof c>);

/** A reported value is judged by the reporting jurisdiction's place. */
export function valueRecord(r: Pick<ValueRow, 'id' | 'jurisdiction_id' | 'province_id' | 'city_id' | 'county_id' | 'township_id'>): ScopedRecord & { jurisdictionId: number } {
  return { id: r.id, jurisdictionId: r.jurisdiction_id, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id };
}

export function valueDto(v: ValueRow, m: MetricRow) {
  const sums = { numerator: decimalText(v.numerator)!, denominator: decimalText(v.denominator) };
  return {
    id: v.id,
    metricId: v.metric_id,
    jurisdictionId: v.jurisdiction_id,
    level: v.level,
    period: v.period,
    numerator: sums.numerator,
    denominator: sums.denominator,
    figure: figureOf(metricShape(m), sums),
    hit: targetHit(metricShape(m), sums),
    note: v.note,
    reportedByName: v.reported_by_name,
    version: v.version,
    updatedAt: new Date(v.updated_at).toISOString(),
  };
}
export type ValueDto = ReturnType<typeof valueDto>;

/** A reported value the caller may read: NOT_FOUND outside RLS, FORBIDDEN when only the ability refuses. */
export async function visibleValue(tx: Tx, ability: AppAbility, id: number): Promise<ValueRow> {
  const row = await tx.selectFrom('metric_values as v').select(valueColumns).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'MetricValue', valueRecord(row));
  return row;
}

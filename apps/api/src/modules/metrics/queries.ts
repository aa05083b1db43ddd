import type { Selectable } from 'kysely';
import { AppError, MESSAGES, fromHundredths, levelOfCode, subjectOf, targetText, toHundredths } from '@fz/domain';
import type { Action, AppAbility, Level, MetricShape, ScopedRecord } from '@fz/domain';
import type { MetricTable, Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';

export const metricColumns = [
  'm.id',
  'm.jurisdiction_id',
  'm.province_id',
  'm.city_id',
  'm.county_id',
  'm.township_id',
  'm.owner_name',
  'm.code',
  'm.name',
  'm.unit',
  'm.kind',
  'm.direction',
  'm.target_op',
  'm.target_value',
  'm.cycle',
  'm.reporting_levels',
  'm.numerator_label',
  'm.denominator_label',
  'm.description',
  'm.group_name',
  'm.sort_order',
  'm.status',
  'm.published_at',
  'm.version',
  'm.created_at',
  'm.updated_at',
] as const;

type Unqualified<T extends string> = T extends `m.${infer C}` ? C : never;
export type MetricRow = Pick<Selectable<MetricTable>, Unqualified<(typeof metricColumns)[number]>>;
export const metricReturning = metricColumns.map((c) => c.slice(2) as Unqualified<typeof c>);

/** What abilities judge a metric by: the owner's place and whether it is published. */
export function metricRecord(r: Pick<MetricRow, 'id' | 'jurisdiction_id' | 'province_id' | 'city_id' | 'county_id' | 'township_id' | 'status'>): ScopedRecord & { jurisdictionId: number } {
  return { id: r.id, jurisdictionId: r.jurisdiction_id, provinceId: r.province_id, cityId: r.city_id, countyId: r.county_id, townshipId: r.township_id, status: r.status };
}

/** The owner's level, from its division code. */
export const ownerLevel = (r: Pick<MetricRow, 'jurisdiction_id'>): Level => levelOfCode(String(r.jurisdiction_id))!;

/** A stored decimal ("97.00") as figures are written ("97"). */
export const decimalText = (d: string | null): string | null => (d === null ? null : fromHundredths(toHundredths(d)));

export function metricShape(r: MetricRow): MetricShape {
  return { kind: r.kind, unit: r.unit, direction: r.direction, cycle: r.cycle, targetOp: r.target_op, targetValue: decimalText(r.target_value) };
}

/**
 * A metric the caller may `action`: NOT_FOUND when RLS hides it, FORBIDDEN when only the ability
 * refuses. A change reads the row again FOR UPDATE, which PostgreSQL filters by the UPDATE
 * policies too: a published metric of an ancestor (readable, never writable) is NOT_FOUND to a
 * writer even when the ability alone would let it through.
 */
export async function visibleMetric(tx: Tx, ability: AppAbility, id: number, action: Action = 'read'): Promise<MetricRow> {
  const select = () => tx.selectFrom('metrics as m').select(metricColumns).where('m.id', '=', id);
  const row = await select().executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'Metric', metricRecord(row));
  if (action === 'read') return row;
  assertCan(ability, action, 'Metric', metricRecord(row));
  const locked = await select().forUpdate().executeTakeFirst();
  if (!locked) throw notFound();
  return locked;
}

export function assertVersion(row: { version: number }, version: number): void {
  if (row.version !== version) throw new AppError('CONFLICT', MESSAGES.conflict);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function metricDto(r: MetricRow) {
  const shape = metricShape(r);
  return {
    id: r.id,
    jurisdictionId: r.jurisdiction_id,
    ownerName: r.owner_name,
    code: r.code,
    name: r.name,
    unit: r.unit,
    kind: r.kind,
    direction: r.direction,
    target: r.target_op === null || shape.targetValue === null ? null : { op: r.target_op, value: shape.targetValue },
    targetText: targetText(shape),
    cycle: r.cycle,
    reportingLevels: r.reporting_levels,
    numeratorLabel: r.numerator_label,
    denominatorLabel: r.denominator_label,
    description: r.description,
    groupName: r.group_name,
    sortOrder: r.sort_order,
    status: r.status,
    publishedAt: iso(r.published_at),
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
export type MetricDto = ReturnType<typeof metricDto>;

/** The metric with what the caller may do to it. */
export function metricWithAllowed(ability: AppAbility, r: MetricRow) {
  const rec = subjectOf('Metric', metricRecord(r));
  return { ...metricDto(r), allowed: { update: ability.can('update', rec), publish: r.status === 'draft' && ability.can('publish', rec) } };
}

/** The fields an audit row keeps about a metric. */
export function metricSnapshot(r: MetricRow) {
  const d = metricDto(r);
  return { code: d.code, name: d.name, unit: d.unit, kind: d.kind, direction: d.direction, target: d.target, cycle: d.cycle, reportingLevels: d.reportingLevels, status: d.status, version: d.version };
}

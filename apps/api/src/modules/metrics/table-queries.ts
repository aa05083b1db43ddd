import { sql } from 'kysely';
import { sourceLevelFor } from '@fz/domain';
import type { AppAbility, Level, MetricCycle } from '@fz/domain';
import type { Tx } from '@fz/db';
import { allowedWhere } from '../../sql/ability-where.js';
import type { JurisdictionRecord } from '../jurisdictions/queries.js';
import { ancestorColumn } from '../jurisdictions/queries.js';
import { metricColumns } from './queries.js';
import type { MetricRow } from './queries.js';

export interface ChildNode {
  id: number;
  name: string;
  level: Level;
}

export type AncestorColumn = ReturnType<typeof ancestorColumn>;

/** Published metrics of the node and the levels above it, of one cycle, that some level at or below the node reports. */
export async function applicableMetrics(tx: Tx, ability: AppAbility, node: JurisdictionRecord, cycle: MetricCycle): Promise<MetricRow[]> {
  const chain = [node.provinceId, node.cityId, node.countyId, node.townshipId].filter((id): id is number => id !== null);
  const rows = await tx
    .selectFrom('metrics as m')
    .select(metricColumns)
    .where('m.jurisdiction_id', 'in', chain)
    .where('m.status', '=', 'published')
    .where('m.cycle', '=', cycle)
    .where(allowedWhere(ability, 'read', 'Metric', 'm'))
    .orderBy('m.jurisdiction_id')
    .orderBy('m.sort_order')
    .orderBy('m.code')
    .execute();
  return rows.filter((m) => sourceLevelFor(m.reporting_levels, node.level) !== null);
}

/** The node's children as the tree shows them: a placeholder pseudo-city (市辖区) is replaced by its own children. */
export async function childrenOf(tx: Tx, nodeId: number): Promise<ChildNode[]> {
  const { rows } = await sql<{ id: number; name: string; level: Level }>`
    select j.id, j.name, j.level from jurisdictions j where j.parent_id = ${nodeId} and j.kind <> 'placeholder'
    union all
    select j.id, j.name, j.level from jurisdictions p join jurisdictions j on j.parent_id = p.id
    where p.parent_id = ${nodeId} and p.kind = 'placeholder' and j.kind <> 'placeholder'
    order by id`.execute(tx);
  return rows;
}

/** Sums of one group of reports: a metric, a period, the reporters' level and (for drill-down) their ancestor columns. */
export interface SumRow {
  metric_id: number;
  period: string;
  level: Level;
  n: string;
  d: string | null;
  c: number;
  /** The reporters' ancestor at each child level asked for (by column). */
  keys: Partial<Record<AncestorColumn, number | null>>;
}

/**
 * Every report in the node's subtree for these metrics and periods, summed by metric, period and
 * reporter level, and by the ancestor columns of the children's levels when given: one grouped
 * statement on the (level column, period) index, numerators and denominators summed exactly
 * (numeric), never the rates.
 */
export async function sumsBelow(tx: Tx, ability: AppAbility, node: JurisdictionRecord, metricIds: number[], periods: string[], childColumns: AncestorColumn[]): Promise<SumRow[]> {
  if (metricIds.length === 0) return [];
  const keys = childColumns.map((c) => sql.ref(`v.${c}`));
  const { rows } = await sql<Omit<SumRow, 'keys'> & Record<string, number | null>>`
    select v.metric_id, v.period, v.level, sum(v.numerator)::text as n, sum(v.denominator)::text as d, count(*)::int as c
      ${keys.length ? sql`, ${sql.join(keys)}` : sql``}
    from metric_values v
    where ${sql.ref(`v.${ancestorColumn(node.level)}`)} = ${node.id}
      and v.period in (${sql.join(periods)}) and v.metric_id in (${sql.join(metricIds)})
      and ${allowedWhere(ability, 'read', 'MetricValue', 'v')}
    group by v.metric_id, v.period, v.level ${keys.length ? sql`, ${sql.join(keys)}` : sql``}`.execute(tx);
  return rows.map((r) => ({ metric_id: r.metric_id, period: r.period, level: r.level, n: r.n, d: r.d, c: r.c, keys: Object.fromEntries(childColumns.map((c) => [c, r[c] ?? null])) }));
}

export interface CountRow {
  level: Level;
  c: number;
  keys: Partial<Record<AncestorColumn, number | null>>;
}

/** How many jurisdictions of each level (placeholders aside) lie in the node's subtree, by the children's columns: who should report. */
export async function jurisdictionCounts(tx: Tx, node: JurisdictionRecord, levels: Level[], childColumns: AncestorColumn[]): Promise<CountRow[]> {
  if (levels.length === 0) return [];
  const keys = childColumns.map((c) => sql.ref(`j.${c}`));
  const { rows } = await sql<{ level: Level; c: number } & Record<string, number | null>>`
    select j.level, count(*)::int as c ${keys.length ? sql`, ${sql.join(keys)}` : sql``}
    from jurisdictions j
    where ${sql.ref(`j.${ancestorColumn(node.level)}`)} = ${node.id} and j.level in (${sql.join(levels)}) and j.kind <> 'placeholder'
    group by j.level ${keys.length ? sql`, ${sql.join(keys)}` : sql``}`.execute(tx);
  return rows.map((r) => ({ level: r.level, c: r.c, keys: Object.fromEntries(childColumns.map((c) => [c, r[c] ?? null])) }));
}

/** The node's own reports for the period (its figures at a reporting level), with their file counts. */
export async function ownValues(tx: Tx, ability: AppAbility, nodeId: number, metricIds: number[], period: string) {
  if (metricIds.length === 0) return [];
  return tx
    .selectFrom('metric_values as v')
    .select((eb) => [
      'v.id',
      'v.metric_id',
      'v.note',
      'v.version',
      'v.reported_by_name',
      'v.updated_at',
      eb.selectFrom('metric_value_files as f').select((e) => e.fn.countAll<number>().as('n')).whereRef('f.value_id', '=', 'v.id').as('file_count'),
    ])
    .where('v.jurisdiction_id', '=', nodeId)
    .where('v.period', '=', period)
    .where('v.metric_id', 'in', metricIds)
    .where(allowedWhere(ability, 'read', 'MetricValue', 'v'))
    .execute();
}

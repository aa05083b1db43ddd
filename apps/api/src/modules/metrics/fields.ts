import { AppError, METRIC_MESSAGES, levelDepth } from '@fz/domain';
import type { Level, MetricCreateInput } from '@fz/domain';
import type { MetricRow } from './queries.js';
import { decimalText } from './queries.js';

type Fields = Omit<MetricCreateInput, 'jurisdictionId'>;

/** The columns a definition's fields are stored in (a rate's unit is always %). */
export function metricColumnsOf(f: Fields) {
  return {
    code: f.code,
    name: f.name,
    unit: f.kind === 'rate' ? '%' : f.unit,
    kind: f.kind,
    direction: f.direction,
    target_op: f.target?.op ?? null,
    target_value: f.target?.value ?? null,
    cycle: f.cycle,
    reporting_levels: f.reportingLevels,
    numerator_label: f.numeratorLabel || null,
    denominator_label: f.kind === 'count' ? null : f.denominatorLabel || null,
    description: f.description,
    group_name: f.groupName,
    sort_order: f.sortOrder,
  };
}
export type MetricColumns = ReturnType<typeof metricColumnsOf>;

/** The figures are reported at the owner's level or below it (a city may report its own). */
export function assertLevelsBelow(owner: Level, levels: readonly Level[]): void {
  if (levels.some((l) => levelDepth(l) < levelDepth(owner))) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.levelsNotBelow);
}

/** Whether a stored definition already says what `c` says (an identical resend changes nothing). */
export function sameDefinition(r: MetricRow, c: MetricColumns): boolean {
  return (
    r.code === c.code &&
    r.name === c.name &&
    r.unit === c.unit &&
    r.kind === c.kind &&
    r.direction === c.direction &&
    r.target_op === c.target_op &&
    decimalText(r.target_value) === c.target_value &&
    r.cycle === c.cycle &&
    r.reporting_levels.join() === c.reporting_levels.join() &&
    r.numerator_label === c.numerator_label &&
    r.denominator_label === c.denominator_label &&
    r.description === c.description &&
    r.group_name === c.group_name &&
    r.sort_order === c.sort_order
  );
}

/** Whether `c` changes what reported figures mean (refused once the metric is published). */
export function changesMeaning(r: MetricRow, c: MetricColumns): boolean {
  return r.code !== c.code || r.kind !== c.kind || r.unit !== c.unit || r.cycle !== c.cycle || r.reporting_levels.join() !== c.reporting_levels.join();
}

import { AppError, MESSAGES, METRIC_MESSAGES, cycleOfPeriod, isInSubtree, metricPeriodRange, metricReportInput, toHundredths } from '@fz/domain';
import type { MetricReportInput } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, authorized } from '../../trpc/init.js';
import type { JurisdictionRecord } from '../jurisdictions/queries.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import type { MetricRow } from './queries.js';
import { ownerLevel, visibleMetric } from './queries.js';
import type { ValueRow } from './values.js';
import { valueColumns, valueDto, valueRecord, valueReturning } from './values.js';

/** Why this jurisdiction may not report this figure for this period (BAD_REQUEST), checked after who may. */
function assertReportable(m: MetricRow, j: JurisdictionRecord, input: MetricReportInput, today: string): void {
  if (m.status !== 'published') throw new AppError('BAD_REQUEST', METRIC_MESSAGES.notPublished);
  if (j.kind === 'placeholder') throw new AppError('BAD_REQUEST', METRIC_MESSAGES.placeholder);
  if (!isInSubtree({ level: ownerLevel(m), id: m.jurisdiction_id }, j)) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.notUnderOwner);
  if (!m.reporting_levels.includes(j.level)) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.levelNotReporting);
  if (cycleOfPeriod(input.period) !== m.cycle) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.badPeriod);
  if (metricPeriodRange(input.period)!.start > today) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.futurePeriod);
  if (m.kind === 'count') {
    if (input.denominator !== null) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.denominatorNotAllowed);
    return;
  }
  if (input.denominator === null) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.denominatorRequired);
  if (m.kind === 'rate' && toHundredths(input.numerator) > toHundredths(input.denominator)) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.rateAboveDenominator);
}

const sameDecimal = (a: string | null, b: string | null) => (a === null || b === null ? a === b : toHundredths(a) === toHundredths(b));
const unchanged = (v: ValueRow, input: MetricReportInput) => sameDecimal(v.numerator, input.numerator) && sameDecimal(v.denominator, input.denominator) && v.note === input.note;

const selectValue = (tx: Tx, metricId: number, jurisdictionId: number, period: string) =>
  tx.selectFrom('metric_values as v').select(valueColumns).where('v.metric_id', '=', metricId).where('v.jurisdiction_id', '=', jurisdictionId).where('v.period', '=', period).forUpdate().executeTakeFirst();

/**
 * 填报: a jurisdiction's figure for one period (numerator, and the denominator of a rate or an
 * average), with a note; evidence goes to POST /api/metric-values/:id/files. Changing an earlier
 * report needs the version the client saw; sending the same report again changes nothing.
 */
export const reportMetric = authorized('update', 'MetricValue')
  .input(metricReportInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const m = await visibleMetric(tx, ctx.ability, input.metricId);
      const j = await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
      assertCan(ctx.ability, 'update', 'MetricValue', j);
      assertReportable(m, j, input, ctx.services.today());
      let existing = await selectValue(tx, m.id, j.id, input.period);
      if (!existing) {
        const created = await tx
          .insertInto('metric_values')
          .values({
            metric_id: m.id,
            owner_jurisdiction_id: m.jurisdiction_id,
            jurisdiction_id: j.id,
            province_id: j.provinceId,
            city_id: j.cityId,
            county_id: j.countyId,
            township_id: j.townshipId,
            level: j.level,
            period: input.period,
            numerator: input.numerator,
            denominator: input.denominator,
            note: input.note,
            reported_by: ctx.principal.userId,
            reported_by_name: ctx.session.displayName,
          })
          .onConflict((oc) => oc.columns(['metric_id', 'jurisdiction_id', 'period']).doNothing())
          .returning(valueReturning)
          .executeTakeFirst();
        if (created) {
          const dto = valueDto(created, m);
          await ctx.audit(tx, { action: 'metric.report', subjectType: 'MetricValue', subjectId: created.id, jurisdiction: valueRecord(created), unitId: ctx.principal.unitId, after: { ...dto, metricCode: m.code } });
          return dto;
        }
        // Another request reported the period a moment ago: judge this one against it.
        existing = await selectValue(tx, m.id, j.id, input.period);
        if (!existing) throw new AppError('CONFLICT', MESSAGES.conflict);
      }
      if (unchanged(existing, input)) return valueDto(existing, m);
      if (input.version !== existing.version) throw new AppError('CONFLICT', MESSAGES.conflict);
      const updated = await tx
        .updateTable('metric_values')
        .set((eb) => ({ numerator: input.numerator, denominator: input.denominator, note: input.note, reported_by: ctx.principal.userId, reported_by_name: ctx.session.displayName, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .returning(valueReturning)
        .executeTakeFirst();
      if (!updated) throw new AppError('CONFLICT', MESSAGES.conflict);
      const dto = valueDto(updated, m);
      await ctx.audit(tx, { action: 'metric.report.update', subjectType: 'MetricValue', subjectId: updated.id, jurisdiction: valueRecord(updated), unitId: ctx.principal.unitId, before: valueDto(existing, m), after: dto });
      return dto;
    }),
  );

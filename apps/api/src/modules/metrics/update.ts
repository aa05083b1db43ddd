import { AppError, METRIC_MESSAGES, metricPublishInput, metricUpdateInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { assertLevelsBelow, changesMeaning, metricColumnsOf, sameDefinition } from './fields.js';
import { assertVersion, metricRecord, metricReturning, metricSnapshot, metricWithAllowed, ownerLevel, visibleMetric } from './queries.js';

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && 'code' in e && e.code === '23505';

/**
 * Replaces a definition's fields. A published metric keeps what its figures mean (code, kind,
 * unit, cycle, reporting levels); its name, labels, direction, target and grouping may change.
 * Sending what is stored changes nothing.
 */
export const updateMetric = authorized('update', 'Metric')
  .input(metricUpdateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleMetric(tx, ctx.ability, input.id, 'update');
      const columns = metricColumnsOf(input);
      if (sameDefinition(before, columns)) return metricWithAllowed(ctx.ability, before);
      assertVersion(before, input.version);
      if (before.status === 'published' && changesMeaning(before, columns)) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.frozen);
      assertLevelsBelow(ownerLevel(before), columns.reporting_levels);
      const after = await tx
        .updateTable('metrics')
        .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', before.id)
        .returning(metricReturning)
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => {
          throw isUniqueViolation(e) ? new AppError('BAD_REQUEST', METRIC_MESSAGES.duplicateCode) : e;
        });
      await ctx.audit(tx, { action: 'metric.update', subjectType: 'Metric', subjectId: after.id, jurisdiction: metricRecord(after), unitId: ctx.principal.unitId, before: metricSnapshot(before), after: metricSnapshot(after) });
      return metricWithAllowed(ctx.ability, after);
    }),
  );

/** 印发: the levels below may read and report it from now on. Publishing again answers the same. */
export const publishMetric = authorized('publish', 'Metric')
  .input(metricPublishInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleMetric(tx, ctx.ability, input.id, 'publish');
      if (before.status === 'published') return metricWithAllowed(ctx.ability, before);
      assertVersion(before, input.version);
      const after = await tx
        .updateTable('metrics')
        .set((eb) => ({ status: 'published', published_at: new Date(), version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', before.id)
        .returning(metricReturning)
        .executeTakeFirstOrThrow();
      await ctx.audit(tx, { action: 'metric.publish', subjectType: 'Metric', subjectId: after.id, jurisdiction: metricRecord(after), unitId: ctx.principal.unitId, before: metricSnapshot(before), after: metricSnapshot(after) });
      return metricWithAllowed(ctx.ability, after);
    }),
  );

import { AppError, METRICS_PER_OWNER_MAX, METRIC_MESSAGES, metricCreateInput } from '@fz/domain';
import { authorized, assertCan } from '../../trpc/init.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { assertLevelsBelow, metricColumnsOf, sameDefinition } from './fields.js';
import { metricColumns, metricRecord, metricReturning, metricSnapshot, metricWithAllowed } from './queries.js';

/**
 * A new draft metric of the caller's jurisdiction, for the levels at or below it. The code is
 * unique per owner: sending the same definition again returns the first one (a client may
 * resend); a different definition under a taken code is refused.
 */
export const createMetric = authorized('create', 'Metric')
  .input(metricCreateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const owner = await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
      assertCan(ctx.ability, 'create', 'Metric', { ...owner, status: 'draft' });
      assertLevelsBelow(owner.level, input.reportingLevels);
      const columns = metricColumnsOf(input);
      const existing = await tx.selectFrom('metrics as m').select(metricColumns).where('m.jurisdiction_id', '=', owner.id).where('m.code', '=', columns.code).executeTakeFirst();
      if (existing) {
        if (sameDefinition(existing, columns)) return metricWithAllowed(ctx.ability, existing);
        throw new AppError('BAD_REQUEST', METRIC_MESSAGES.duplicateCode);
      }
      const { n } = await tx.selectFrom('metrics').select((eb) => eb.fn.countAll<number>().as('n')).where('jurisdiction_id', '=', owner.id).executeTakeFirstOrThrow();
      if (Number(n) >= METRICS_PER_OWNER_MAX) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.tooMany);
      const row = await tx
        .insertInto('metrics')
        .values({ ...columns, jurisdiction_id: owner.id, province_id: owner.provinceId, city_id: owner.cityId, county_id: owner.countyId, township_id: owner.townshipId, owner_name: owner.name, published_at: null, created_by: ctx.principal.userId })
        .onConflict((oc) => oc.columns(['jurisdiction_id', 'code']).doNothing())
        .returning(metricReturning)
        .executeTakeFirst();
      // Another request took the code a moment ago.
      if (!row) throw new AppError('BAD_REQUEST', METRIC_MESSAGES.duplicateCode);
      await ctx.audit(tx, { action: 'metric.create', subjectType: 'Metric', subjectId: row.id, jurisdiction: metricRecord(row), unitId: ctx.principal.unitId, after: metricSnapshot(row) });
      return metricWithAllowed(ctx.ability, row);
    }),
  );

import { metricValueGetInput, subjectOf } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { valueFiles } from './files.js';
import { metricDto, visibleMetric } from './queries.js';
import { valueDto, valueRecord, visibleValue } from './values.js';

/** One reported value with its metric and evidence files, and whether the caller may change it. */
export const getValue = authorized('read', 'MetricValue')
  .input(metricValueGetInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const v = await visibleValue(tx, ctx.ability, input.id);
      const m = await visibleMetric(tx, ctx.ability, v.metric_id);
      return {
        ...valueDto(v, m),
        metric: metricDto(m),
        files: await valueFiles(tx, v.id),
        allowed: { update: m.status === 'published' && ctx.ability.can('update', subjectOf('MetricValue', valueRecord(v))) },
      };
    }),
  );

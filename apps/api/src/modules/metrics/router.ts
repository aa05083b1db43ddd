import { router } from '../../trpc/init.js';
import { createMetric } from './create.js';
import { getValue } from './get-value.js';
import { listMetrics } from './list.js';
import { reportMetric } from './report.js';
import { metricTable } from './table.js';
import { publishMetric, updateMetric } from './update.js';

/** Metrics (统计指标): definitions, reported figures and the indicator table; one procedure per file, composed here. */
export const metricsRouter = router({
  list: listMetrics,
  create: createMetric,
  update: updateMetric,
  publish: publishMetric,
  report: reportMetric,
  getValue,
  table: metricTable,
});

import { annualReportGetInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { reportDetail, visibleReport } from './queries.js';

/** One report with its text, timeline and the caller's buttons. */
export const getReport = authorized('read', 'AnnualReport')
  .input(annualReportGetInput)
  .query(({ ctx, input }) => ctx.tx(async (tx) => reportDetail(tx, ctx.ability, await visibleReport(tx, ctx.ability, input.id))));

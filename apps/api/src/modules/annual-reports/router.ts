import { router } from '../../trpc/init.js';
import { createReport } from './create.js';
import { previewFigures } from './figures.js';
import { getReport } from './get.js';
import { listReports } from './list.js';
import { transitionReport } from './transition.js';
import { refreshFigures, updateReport } from './update.js';

/** Annual reports (法治政府建设年度报告): editor, figures, review and publication; export is GET /api/annual-reports/:id/export.docx. */
export const annualReportsRouter = router({
  create: createReport,
  get: getReport,
  list: listReports,
  update: updateReport,
  figures: previewFigures,
  refreshFigures,
  transition: transitionReport,
});

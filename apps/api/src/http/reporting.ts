import type { FastifyInstance } from 'fastify';
import { MESSAGES } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { attachValueFile, readableValueFile, valueForUpload } from '../modules/metrics/files.js';
import { annualReportDocx } from '../modules/annual-reports/docx.js';
import { reportRecord, visibleReport } from '../modules/annual-reports/queries.js';
import { ensureMultipart, fileDownloadRoute, fileUploadRoute } from './file-route.js';
import { HttpFailure, callerOf, idParam, sendError, sendFile } from './session-route.js';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Files of metrics and annual reports, outside tRPC because they carry files; each behaves like a
 * procedure (session, CSRF on uploads, ability, RLS scope, audit, zh-CN errors).
 * POST /api/metric-values/:id/files (one file ≤ 20 MB, the evidence types): 佐证材料 of a figure.
 * GET  /api/metric-value-files/:id: RLS-scoped download.
 * GET  /api/annual-reports/:id/export.docx: the report as a Word document (audited).
 */
export async function registerReportingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await ensureMultipart(app);

  fileUploadRoute(app, services, { path: '/api/metric-values/:id/files', params: idParam, target: valueForUpload, attach: attachValueFile });
  fileDownloadRoute(app, services, { path: '/api/metric-value-files/:id', find: readableValueFile });

  app.get('/api/annual-reports/:id/export.docx', async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, false);
      if (!ctx.ability.can('read', 'AnnualReport')) throw new HttpFailure(403, MESSAGES.forbidden);
      const row = await services.runScoped(scope, async (tx) => {
        const r = await visibleReport(tx, ctx.ability, id);
        await ctx.audit(tx, { action: 'annualReport.export', subjectType: 'AnnualReport', subjectId: r.id, jurisdiction: reportRecord(r), unitId: ctx.principal.unitId, after: { status: r.status, version: r.version } });
        return r;
      });
      const file = await annualReportDocx(row, services.today());
      return sendFile(reply, { ...file, mime: DOCX_MIME });
    } catch (e) {
      return sendError(req, reply, e, MESSAGES.badInput);
    }
  });
}

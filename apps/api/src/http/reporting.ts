import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MESSAGES, EVIDENCE_TYPES, MESSAGES } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { storeEvidence } from '../modules/attachments/service.js';
import { attachValueFile, readableValueFile, valueForUpload } from '../modules/metrics/files.js';
import { annualReportDocx } from '../modules/annual-reports/docx.js';
import { reportRecord, visibleReport } from '../modules/annual-reports/queries.js';
import { HttpFailure, callerOf, disposition, idParam, sendError } from './session-route.js';

const LIMITS = { files: 1, fields: 2, parts: 3, headerPairs: 50 };
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Files of metrics and annual reports, outside tRPC because they carry files; each behaves like a
 * procedure (session, CSRF on uploads, ability, RLS scope, audit, zh-CN errors).
 * POST /api/metric-values/:id/files (one file ≤ 20 MB, the evidence types): 佐证材料 of a figure.
 * GET  /api/metric-value-files/:id: RLS-scoped download.
 * GET  /api/annual-reports/:id/export.docx: the report as a Word document (audited).
 */
export async function registerReportingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  if (!app.hasRequestDecorator('isMultipart')) await app.register(fastifyMultipart);

  app.post('/api/metric-values/:id/files', { bodyLimit: EVIDENCE_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, true);
      // Refuse before reading the body: a caller who may not change the figure uploads nothing.
      await services.runScoped(scope, (tx) => valueForUpload(tx, ctx.ability, id));
      if (!req.isMultipart()) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const part = await req.file({ limits: { ...LIMITS, fileSize: EVIDENCE_MAX_BYTES } });
      if (!part) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const stored = await storeEvidence(services.storage, await part.toBuffer(), part.filename);
      const dto = await services.runScoped(scope, (tx) => attachValueFile(tx, ctx, id, stored));
      return reply.code(dto.duplicate ? 200 : 201).send(dto);
    } catch (e) {
      return sendError(req, reply, e, EVIDENCE_MESSAGES.tooLarge);
    }
  });

  app.get('/api/metric-value-files/:id', async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, false);
      const row = await services.runScoped(scope, (tx) => readableValueFile(tx, ctx.ability, id));
      const data = await services.storage.get(row.storage_key);
      if (!data) {
        req.log.error({ fileId: row.id, key: row.storage_key }, 'metric file missing from storage');
        throw new HttpFailure(404, MESSAGES.notFound);
      }
      const inline = Object.values(EVIDENCE_TYPES).some((t) => t.mime === row.mime && t.inline);
      return reply
        .header('content-type', row.mime)
        .header('content-disposition', disposition(inline ? 'inline' : 'attachment', row.original_name))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(data);
    } catch (e) {
      return sendError(req, reply, e, EVIDENCE_MESSAGES.tooLarge);
    }
  });

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
      return reply
        .header('content-type', DOCX_MIME)
        .header('content-disposition', disposition('attachment', file.fileName))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.buffer);
    } catch (e) {
      return sendError(req, reply, e, MESSAGES.badInput);
    }
  });
}

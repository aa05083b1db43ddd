import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MESSAGES, PLAN_FILE_MAX_BYTES, PLAN_MESSAGES, extensionOf, jurisdictionIdSchema, sniffEvidence } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { attachReportFile, readableReportFile, reportForUpload } from '../modules/assignments/files.js';
import { docxText, plainText } from '../modules/plans/docx.js';
import { issuingJurisdiction, planImportPreview } from '../modules/plans/preview.js';
import { ensureMultipart, fileDownloadRoute, fileUploadRoute, uploadedFile } from './file-route.js';
import { HttpFailure, callerOf, idParam, sendError } from './session-route.js';

function jurisdictionParam(req: FastifyRequest): number {
  const parsed = jurisdictionIdSchema.safeParse(Number((req.query as { jurisdictionId?: string }).jurisdictionId));
  if (!parsed.success) throw new HttpFailure(400, MESSAGES.badInput);
  return parsed.data;
}

/** The text of an uploaded plan document: a .docx (checked by its content) or a .txt. */
function documentText(data: Buffer, fileName: string): string {
  const ext = extensionOf(fileName);
  if (ext === 'txt') return plainText(data);
  const kind = sniffEvidence(data, fileName);
  if (kind === 'docx') return docxText(data);
  if (kind === 'doc') throw new HttpFailure(400, PLAN_MESSAGES.unreadableDocx);
  throw new HttpFailure(400, PLAN_MESSAGES.badFile);
}

/**
 * Plan files, outside tRPC because they carry files; each behaves like a procedure (session,
 * CSRF on uploads, ability, RLS scope, audit, zh-CN errors).
 * POST /api/plans/import-preview?jurisdictionId=… (one .docx or .txt ≤ 4 MB): the same answer
 *   as plans.importPreview, nothing stored.
 * POST /api/plan-reports/:id/files (one file ≤ 20 MB, the evidence types): a 佐证材料 of a report.
 * GET  /api/plan-report-files/:id: RLS-scoped download.
 */
export async function registerPlanFileRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await ensureMultipart(app);

  app.post('/api/plans/import-preview', { bodyLimit: PLAN_FILE_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const jurisdictionId = jurisdictionParam(req);
      const { ctx, scope } = await callerOf(services, req, true);
      // Refuse before reading the body: a caller who may not issue plans here uploads nothing.
      await services.runScoped(scope, (tx) => issuingJurisdiction(tx, ctx.ability, jurisdictionId));
      const { data, filename } = await uploadedFile(req, PLAN_FILE_MAX_BYTES);
      const name = filename.trim().slice(0, 200);
      const text = documentText(data, name);
      const preview = await services.runScoped(scope, (tx) => planImportPreview(tx, ctx.ability, { jurisdictionId, text, sourceName: name }, services.today()));
      return reply.send(preview);
    } catch (e) {
      return sendError(req, reply, e, PLAN_MESSAGES.fileTooLarge);
    }
  });

  fileUploadRoute(app, services, { path: '/api/plan-reports/:id/files', params: idParam, target: reportForUpload, attach: attachReportFile });
  fileDownloadRoute(app, services, { path: '/api/plan-report-files/:id', find: readableReportFile });
}

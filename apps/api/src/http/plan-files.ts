import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MESSAGES, EVIDENCE_TYPES, MESSAGES, PLAN_FILE_MAX_BYTES, PLAN_MESSAGES, extensionOf, jurisdictionIdSchema, sniffEvidence } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { storeEvidence } from '../modules/attachments/service.js';
import { attachReportFile, readableReportFile, reportForUpload } from '../modules/assignments/files.js';
import { docxText, plainText } from '../modules/plans/docx.js';
import { issuingJurisdiction, planImportPreview } from '../modules/plans/preview.js';
import { HttpFailure, callerOf, disposition, idParam, sendError } from './session-route.js';

const LIMITS = { files: 1, fields: 2, parts: 3, headerPairs: 50 };

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
  if (!app.hasRequestDecorator('isMultipart')) await app.register(fastifyMultipart);

  app.post('/api/plans/import-preview', { bodyLimit: PLAN_FILE_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const jurisdictionId = jurisdictionParam(req);
      const { ctx, scope } = await callerOf(services, req, true);
      // Refuse before reading the body: a caller who may not issue plans here uploads nothing.
      await services.runScoped(scope, (tx) => issuingJurisdiction(tx, ctx.ability, jurisdictionId));
      if (!req.isMultipart()) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const part = await req.file({ limits: { ...LIMITS, fileSize: PLAN_FILE_MAX_BYTES } });
      if (!part) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const data = await part.toBuffer();
      const name = part.filename.trim().slice(0, 200);
      const text = documentText(data, name);
      const preview = await services.runScoped(scope, (tx) => planImportPreview(tx, ctx.ability, { jurisdictionId, text, sourceName: name }, services.today()));
      return reply.send(preview);
    } catch (e) {
      return sendError(req, reply, e, PLAN_MESSAGES.fileTooLarge);
    }
  });

  app.post('/api/plan-reports/:id/files', { bodyLimit: EVIDENCE_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, true);
      await services.runScoped(scope, (tx) => reportForUpload(tx, ctx.ability, id));
      if (!req.isMultipart()) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const part = await req.file({ limits: { ...LIMITS, fileSize: EVIDENCE_MAX_BYTES } });
      if (!part) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const stored = await storeEvidence(services.storage, await part.toBuffer(), part.filename);
      const dto = await services.runScoped(scope, (tx) => attachReportFile(tx, ctx, id, stored));
      return reply.code(dto.duplicate ? 200 : 201).send(dto);
    } catch (e) {
      return sendError(req, reply, e, EVIDENCE_MESSAGES.tooLarge);
    }
  });

  app.get('/api/plan-report-files/:id', async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, false);
      const row = await services.runScoped(scope, (tx) => readableReportFile(tx, ctx.ability, id));
      const data = await services.storage.get(row.storage_key);
      if (!data) {
        req.log.error({ fileId: row.id, key: row.storage_key }, 'report file missing from storage');
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
}

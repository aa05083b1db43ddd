import { createHash } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MESSAGES, EXCEL_MESSAGES, INDICATOR_EXCEL_MESSAGES, INDICATOR_IMPORT_MAX_BYTES, MESSAGES, idSchema, sniffEvidence, versionSchema } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { storeEvidence } from '../modules/attachments/service.js';
import { loadWorkbook } from '../modules/items/excel/read-sheet.js';
import { attachAssessmentEvidence, attachReportFile, evidenceTarget, readableFile, reportTarget } from '../modules/demonstration/applications/files.js';
import { exportVersion } from '../modules/demonstration/systems/excel-export.js';
import { importIndicators, readIndicatorSheet } from '../modules/demonstration/systems/excel-import.js';
import { visibleVersion } from '../modules/demonstration/systems/queries.js';
import { HttpFailure, callerOf, disposition, sendXlsx, idParam, sendError } from './session-route.js';

const INLINE_MIME = new Set(['application/pdf', 'image/png', 'image/jpeg']);
const FILE_LIMITS = { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 2, parts: 3, headerPairs: 50 };

function numberParam(req: FastifyRequest, name: string, schema = idSchema): number {
  const raw = (req.params as Record<string, string | undefined>)[name] ?? (req.query as Record<string, string | undefined>)[name];
  const parsed = schema.safeParse(raw === undefined || raw === '' ? Number.NaN : Number(raw));
  if (!parsed.success) throw new HttpFailure(400, MESSAGES.badInput);
  return parsed.data;
}

/** The one file of a multipart upload, read whole (the size limit is multipart's). */
async function uploadedFile(req: FastifyRequest, limits = FILE_LIMITS): Promise<{ data: Buffer; filename: string }> {
  if (!req.isMultipart()) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
  const part = await req.file({ limits });
  if (!part) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
  return { data: await part.toBuffer(), filename: part.filename };
}

/**
 * Files of demonstration creation, outside tRPC because they carry files; each behaves like a
 * procedure (session, CSRF on uploads, ability, RLS scope, audit, zh-CN errors):
 * POST /api/demonstration/applications/:id/indicators/:indicatorId/evidence  (佐证材料, one file ≤ 20 MB)
 * POST /api/demonstration/reports/:id/files                                  (a progress report's file)
 * GET  /api/demonstration/files/:id                                          (download; PDF and images inline)
 * GET  /api/demonstration/versions/:id/export.xlsx                           (an indicator system version)
 * POST /api/demonstration/versions/:id/import?version=<draft's version>      (replaces a draft's indicators, all or nothing)
 */
export async function registerDemonstrationRoutes(app: FastifyInstance, services: Services): Promise<void> {
  if (!app.hasRequestDecorator('isMultipart')) await app.register(fastifyMultipart);

  app.post('/api/demonstration/applications/:id/indicators/:indicatorId/evidence', { bodyLimit: EVIDENCE_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const id = idParam(req);
      const indicatorId = numberParam(req, 'indicatorId');
      const { ctx, scope } = await callerOf(services, req, true);
      // Refuse before reading the body: no file is stored for a caller who may not attach.
      await services.runScoped(scope, (tx) => evidenceTarget(tx, ctx.ability, id, indicatorId));
      const { data, filename } = await uploadedFile(req);
      const stored = await storeEvidence(services.storage, data, filename);
      const dto = await services.runScoped(scope, (tx) => attachAssessmentEvidence(tx, ctx, id, indicatorId, stored, services.today()));
      return reply.code(dto.duplicate ? 200 : 201).send(dto);
    } catch (e) {
      return sendError(req, reply, e, EVIDENCE_MESSAGES.tooLarge);
    }
  });

  app.post('/api/demonstration/reports/:id/files', { bodyLimit: EVIDENCE_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, true);
      await services.runScoped(scope, (tx) => reportTarget(tx, ctx.ability, id));
      const { data, filename } = await uploadedFile(req);
      const stored = await storeEvidence(services.storage, data, filename);
      const dto = await services.runScoped(scope, (tx) => attachReportFile(tx, ctx, id, stored));
      return reply.code(dto.duplicate ? 200 : 201).send(dto);
    } catch (e) {
      return sendError(req, reply, e, EVIDENCE_MESSAGES.tooLarge);
    }
  });

  app.get('/api/demonstration/files/:id', async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, false);
      const row = await services.runScoped(scope, (tx) => readableFile(tx, ctx.ability, id));
      const data = await services.storage.get(row.storage_key);
      if (!data) {
        req.log.error({ fileId: row.id, key: row.storage_key }, 'demonstration file missing from storage');
        throw new HttpFailure(404, MESSAGES.notFound);
      }
      return reply
        .header('content-type', row.mime)
        .header('content-disposition', disposition(INLINE_MIME.has(row.mime) ? 'inline' : 'attachment', row.original_name))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(data);
    } catch (e) {
      return sendError(req, reply, e, MESSAGES.badInput);
    }
  });

  app.get('/api/demonstration/versions/:id/export.xlsx', async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, false);
      return sendXlsx(reply, await services.runScoped(scope, (tx) => exportVersion(tx, ctx, id)));
    } catch (e) {
      return sendError(req, reply, e, MESSAGES.badInput);
    }
  });

  app.post('/api/demonstration/versions/:id/import', { bodyLimit: INDICATOR_IMPORT_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const id = idParam(req);
      const version = numberParam(req, 'version', versionSchema);
      const { ctx, scope } = await callerOf(services, req, true);
      // Refuse before parsing anything for a caller who may not edit this draft.
      await services.runScoped(scope, (tx) => visibleVersion(tx, ctx.ability, id, 'update'));
      const { data, filename } = await uploadedFile(req, { ...FILE_LIMITS, fileSize: INDICATOR_IMPORT_MAX_BYTES });
      if (sniffEvidence(data, filename) !== 'xlsx') throw new HttpFailure(400, EXCEL_MESSAGES.notXlsx);
      const sheet = readIndicatorSheet(await loadWorkbook(data));
      const file = { name: filename.slice(0, 200), sha256: createHash('sha256').update(data).digest('hex') };
      const outcome = await services.runScoped(scope, (tx) => importIndicators(tx, ctx, id, version, sheet, file));
      if ('imported' in outcome) return reply.code(201).send(outcome);
      const [first] = outcome.errors;
      const message = first ? INDICATOR_EXCEL_MESSAGES.failed(first.row, first.column, first.message, outcome.errors.length - 1) : MESSAGES.badInput;
      return reply.code(400).send({ error: { message }, message, errors: outcome.errors });
    } catch (e) {
      return sendError(req, reply, e, INDICATOR_EXCEL_MESSAGES.tooLarge);
    }
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { INDICATOR_EXCEL_MESSAGES, INDICATOR_IMPORT_MAX_BYTES, MESSAGES, idSchema, versionSchema } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { loadWorkbook } from '../modules/items/excel/read-sheet.js';
import { attachAssessmentEvidence, attachReportFile, evidenceTarget, readableFile, reportTarget } from '../modules/demonstration/applications/files.js';
import { exportVersion } from '../modules/demonstration/systems/excel-export.js';
import { importIndicators, readIndicatorSheet } from '../modules/demonstration/systems/excel-import.js';
import { visibleVersion } from '../modules/demonstration/systems/queries.js';
import { ensureMultipart, fileDownloadRoute, fileUploadRoute, uploadedXlsx } from './file-route.js';
import { HttpFailure, callerOf, idParam, sendError, sendXlsx } from './session-route.js';

function numberParam(req: FastifyRequest, name: string, schema = idSchema): number {
  const raw = (req.params as Record<string, string | undefined>)[name] ?? (req.query as Record<string, string | undefined>)[name];
  const parsed = schema.safeParse(raw === undefined || raw === '' ? Number.NaN : Number(raw));
  if (!parsed.success) throw new HttpFailure(400, MESSAGES.badInput);
  return parsed.data;
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
  await ensureMultipart(app);

  fileUploadRoute(app, services, {
    path: '/api/demonstration/applications/:id/indicators/:indicatorId/evidence',
    params: (req) => ({ id: idParam(req), indicatorId: numberParam(req, 'indicatorId') }),
    target: (tx, ability, p) => evidenceTarget(tx, ability, p.id, p.indicatorId),
    attach: (tx, ctx, p, stored) => attachAssessmentEvidence(tx, ctx, p.id, p.indicatorId, stored, services.today()),
  });
  fileUploadRoute(app, services, { path: '/api/demonstration/reports/:id/files', params: idParam, target: reportTarget, attach: attachReportFile });
  fileDownloadRoute(app, services, { path: '/api/demonstration/files/:id', find: readableFile });

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
      const { data, name, sha256 } = await uploadedXlsx(req, INDICATOR_IMPORT_MAX_BYTES);
      const sheet = readIndicatorSheet(await loadWorkbook(data));
      const file = { name, sha256 };
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

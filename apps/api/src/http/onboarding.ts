import { createHash } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { EVIDENCE_MESSAGES, EXCEL_MESSAGES, ONBOARDING_MAX_BYTES, ONBOARDING_MAX_UNZIPPED_BYTES, ONBOARDING_MESSAGES, sniffEvidence, zipDeclaredSize } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { onboardingTemplate } from '../modules/onboarding/template.js';
import { errorsWorkbook, takeCredentials } from '../modules/onboarding/result-files.js';
import { acceptUpload, assertMayUpload } from '../modules/onboarding/upload.js';
import { HttpFailure, callerOf, sendXlsx, idParam, sendError } from './session-route.js';

/**
 * Onboarding (批量导入单位和用户) files, beside the onboarding.* procedures:
 * GET  /api/onboarding/template.xlsx                 the template (admins, for their own area)
 * POST /api/onboarding/imports                       multipart, one .xlsx ≤ 20 MB, x-fz-csrf: 1 → 202 { id, existing }
 * GET  /api/onboarding/imports/:id/errors.xlsx       the row errors of a failed import
 * POST /api/onboarding/imports/:id/credentials.xlsx  the initial passwords, once, for the uploader (x-fz-csrf: 1)
 */
export async function registerOnboardingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  if (!app.hasRequestDecorator('isMultipart')) await app.register(fastifyMultipart);

  app.get('/api/onboarding/template.xlsx', async (req, reply) => {
    try {
      const { ctx, scope } = await callerOf(services, req, false);
      assertMayUpload(ctx);
      return sendXlsx(reply, await services.runScoped(scope, (tx) => onboardingTemplate(tx, ctx.principal)));
    } catch (e) {
      return sendError(req, reply, e, ONBOARDING_MESSAGES.tooLarge);
    }
  });

  app.post('/api/onboarding/imports', { bodyLimit: ONBOARDING_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const { ctx, scope } = await callerOf(services, req, true);
      // Refuse a caller who may not upload before reading any of the body.
      assertMayUpload(ctx);
      if (!req.isMultipart()) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const part = await req.file({ limits: { fileSize: ONBOARDING_MAX_BYTES, files: 1, fields: 2, parts: 3, headerPairs: 50 } });
      if (!part) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const data = await part.toBuffer();
      if (sniffEvidence(data, part.filename) !== 'xlsx') throw new HttpFailure(400, EXCEL_MESSAGES.notXlsx);
      const declared = zipDeclaredSize(data);
      if (declared === null) throw new HttpFailure(400, EXCEL_MESSAGES.unreadable);
      if (declared > ONBOARDING_MAX_UNZIPPED_BYTES) throw new HttpFailure(400, EXCEL_MESSAGES.unzippedTooLarge);
      const file = { name: part.filename.slice(0, 200), sha256: createHash('sha256').update(data).digest('hex'), data };
      const accepted = await acceptUpload(services, scope, ctx, file, String(req.id));
      return reply.code(accepted.existing ? 200 : 202).send({ ...accepted, ...(accepted.existing ? { message: ONBOARDING_MESSAGES.alreadyImported } : {}) });
    } catch (e) {
      return sendError(req, reply, e, ONBOARDING_MESSAGES.tooLarge);
    }
  });

  app.get('/api/onboarding/imports/:id/errors.xlsx', async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, false);
      return sendXlsx(reply, await services.runScoped(scope, (tx) => errorsWorkbook(tx, ctx.ability, id)));
    } catch (e) {
      return sendError(req, reply, e, ONBOARDING_MESSAGES.tooLarge);
    }
  });

  app.post('/api/onboarding/imports/:id/credentials.xlsx', async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, true);
      return sendXlsx(reply, await services.runScoped(scope, (tx) => takeCredentials(tx, ctx, id, services.today())));
    } catch (e) {
      return sendError(req, reply, e, ONBOARDING_MESSAGES.tooLarge);
    }
  });
}

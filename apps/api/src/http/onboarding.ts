import type { FastifyInstance } from 'fastify';
import { EXCEL_MESSAGES, ONBOARDING_MAX_BYTES, ONBOARDING_MAX_UNZIPPED_BYTES, ONBOARDING_MESSAGES, zipDeclaredSize } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { onboardingTemplate } from '../modules/onboarding/template.js';
import { errorsWorkbook, takeCredentials } from '../modules/onboarding/result-files.js';
import { acceptUpload, assertMayUpload } from '../modules/onboarding/upload.js';
import { ensureMultipart, uploadedXlsx } from './file-route.js';
import { HttpFailure, callerOf, sendXlsx, idParam, sendError } from './session-route.js';

/**
 * Onboarding (批量导入单位和用户) files, beside the onboarding.* procedures:
 * GET  /api/onboarding/template.xlsx                 the template (admins, for their own area)
 * POST /api/onboarding/imports                       multipart, one .xlsx ≤ 20 MB, x-fz-csrf: 1 → 202 { id, existing }
 * GET  /api/onboarding/imports/:id/errors.xlsx       the row errors of a failed import
 * POST /api/onboarding/imports/:id/credentials.xlsx  the initial passwords, once, for the uploader (x-fz-csrf: 1)
 */
export async function registerOnboardingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await ensureMultipart(app);

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
      const { data, name, sha256 } = await uploadedXlsx(req, ONBOARDING_MAX_BYTES);
      const declared = zipDeclaredSize(data);
      if (declared === null) throw new HttpFailure(400, EXCEL_MESSAGES.unreadable);
      if (declared > ONBOARDING_MAX_UNZIPPED_BYTES) throw new HttpFailure(400, EXCEL_MESSAGES.unzippedTooLarge);
      const file = { name, sha256, data };
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

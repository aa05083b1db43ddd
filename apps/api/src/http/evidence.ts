import type { FastifyInstance } from 'fastify';
import type { Services } from '../trpc/context.js';
import { attachEvidence, evidenceTarget, readableAttachment } from '../modules/attachments/service.js';
import { ensureMultipart, fileDownloadRoute, fileUploadRoute } from './file-route.js';
import { idParam } from './session-route.js';

/**
 * Evidence upload and download, outside tRPC because they carry files.
 * POST /api/items/:id/evidence (multipart, one file ≤ 20 MB, session cookie + x-fz-csrf): the
 * item is checked first, the content is sniffed, written to storage under its sha256, and
 * only then recorded in a transaction (deduplicated per item).
 * GET /api/attachments/:id: RLS-scoped lookup; images and PDFs inline, others as downloads.
 */
export async function registerEvidenceRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await ensureMultipart(app);
  fileUploadRoute(app, services, { path: '/api/items/:id/evidence', params: idParam, target: evidenceTarget, attach: attachEvidence });
  fileDownloadRoute(app, services, { path: '/api/attachments/:id', find: readableAttachment });
}

import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TRPCError } from '@trpc/server';
import { AppError, EVIDENCE_MAX_BYTES, EVIDENCE_MESSAGES, MESSAGES, idSchema } from '@fz/domain';
import type { ErrorCode } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { SESSION_COOKIE } from '../trpc/context.js';
import { auditWriter } from '../trpc/audit.js';
import { scopeOf } from '../trpc/init.js';
import { resolveSession } from '../modules/auth/session.js';
import { attachEvidence, evidenceTarget, readableAttachment, storeEvidence } from '../modules/attachments/service.js';
import type { ItemCtx } from '../modules/items/events.js';
import { CSRF_HEADER } from './context.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The `code` of a PostgreSQL or Fastify error. */
function pgCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** The same rule as the tRPC error formatter: known errors keep their zh-CN message, others become a generic one. */
function sendError(req: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply {
  let status = 500;
  let message: string = MESSAGES.internal;
  if (e instanceof HttpFailure) [status, message] = [e.status, e.message];
  else if (e instanceof AppError) [status, message] = [STATUS[e.code], e.message];
  else if (e instanceof TRPCError && e.code in STATUS) [status, message] = [STATUS[e.code as ErrorCode], e.message];
  else if (pgCode(e) === 'FST_REQ_FILE_TOO_LARGE') [status, message] = [413, EVIDENCE_MESSAGES.tooLarge];
  else if (['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_INVALID_MULTIPART_CONTENT_TYPE'].includes(pgCode(e) ?? '')) [status, message] = [400, MESSAGES.badInput];
  else if (pgCode(e) === '42501') [status, message] = [403, MESSAGES.forbidden];
  else req.log.error({ err: e }, 'evidence route failed');
  return reply.code(status).send({ error: { message } });
}

/** The signed-in caller, as sessionProcedure builds it for tRPC. */
async function callerOf(services: Services, req: FastifyRequest, mutation: boolean) {
  const token = req.cookies[SESSION_COOKIE];
  const session = token ? await resolveSession(services.db, token) : null;
  if (!session) throw new HttpFailure(401, MESSAGES.unauthenticated);
  if (mutation && req.headers[CSRF_HEADER] !== '1') throw new HttpFailure(403, MESSAGES.csrf);
  const principal = session.principal;
  const ability = services.abilityFor(principal);
  const ctx: ItemCtx = { session, principal, ability, audit: auditWriter(principal, session.username, { requestId: String(req.id), ip: req.ip ?? null }) };
  return { ctx, scope: scopeOf(principal) };
}

function idParam(req: FastifyRequest): number {
  const parsed = idSchema.safeParse(Number((req.params as { id?: string }).id));
  if (!parsed.success) throw new HttpFailure(400, MESSAGES.badInput);
  return parsed.data;
}

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name (Chinese file names). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const INLINE_MIME = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/**
 * Evidence upload and download, outside tRPC because they carry files.
 * POST /api/items/:id/evidence (multipart, one file ≤ 20 MB, session cookie + x-fz-csrf): the
 * item is checked first, the content is sniffed, written to storage under its sha256, and
 * only then recorded in a transaction (deduplicated per item).
 * GET /api/attachments/:id: RLS-scoped lookup; images and PDFs inline, others as downloads.
 */
export async function registerEvidenceRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(fastifyMultipart, { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 2, parts: 3, headerPairs: 50 } });

  app.post('/api/items/:id/evidence', { bodyLimit: EVIDENCE_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, true);
      // Refuse before reading the body: no file is stored for a caller who may not attach.
      await services.runScoped(scope, (tx) => evidenceTarget(tx, ctx.ability, id));
      if (!req.isMultipart()) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const part = await req.file();
      if (!part) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
      const data = await part.toBuffer();
      const stored = await storeEvidence(services.storage, data, part.filename);
      const dto = await services.runScoped(scope, (tx) => attachEvidence(tx, ctx, id, stored));
      return reply.code(dto.duplicate ? 200 : 201).send(dto);
    } catch (e) {
      return sendError(req, reply, e);
    }
  });

  app.get('/api/attachments/:id', async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, false);
      const row = await services.runScoped(scope, (tx) => readableAttachment(tx, ctx.ability, id));
      const data = await services.storage.get(row.storage_key);
      if (!data) {
        req.log.error({ attachmentId: row.id, key: row.storage_key }, 'attachment file missing from storage');
        throw new HttpFailure(404, MESSAGES.notFound);
      }
      return reply
        .header('content-type', row.mime)
        .header('content-disposition', disposition(INLINE_MIME.has(row.mime) ? 'inline' : 'attachment', row.original_name))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(data);
    } catch (e) {
      return sendError(req, reply, e);
    }
  });
}

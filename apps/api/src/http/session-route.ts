import type { FastifyReply, FastifyRequest } from 'fastify';
import { TRPCError } from '@trpc/server';
import { AppError, MESSAGES, XLSX_MIME, idSchema } from '@fz/domain';
import type { ErrorCode } from '@fz/domain';
import type { Scope, Services } from '../trpc/context.js';
import { SESSION_COOKIE } from '../trpc/context.js';
import { auditWriter } from '../trpc/audit.js';
import { scopeOf } from '../trpc/init.js';
import { resolveSession } from '../modules/auth/session.js';
import type { ItemCtx } from '../modules/items/events.js';
import { CSRF_HEADER } from './context.js';
import { isConnectionError } from '../trpc/errors.js';

/**
 * What a plain Fastify route (files in or out, outside tRPC) needs to behave like a procedure:
 * the session, the anti-CSRF header for writes, the ability, RLS scope, audit, and the same
 * error rule (zh-CN messages, never SQL or stacks).
 */

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The `code` of a PostgreSQL or Fastify error. */
function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

const MULTIPART_INPUT_ERRORS = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_INVALID_MULTIPART_CONTENT_TYPE']);

/** Known errors keep their zh-CN message; anything else is logged and answered generically. */
export function sendError(req: FastifyRequest, reply: FastifyReply, e: unknown, tooLargeMessage: string): FastifyReply {
  let status = 500;
  let message: string = MESSAGES.internal;
  const code = codeOf(e);
  if (e instanceof HttpFailure) [status, message] = [e.status, e.message];
  else if (e instanceof AppError) [status, message] = [STATUS[e.code], e.message];
  else if (e instanceof TRPCError && e.code in STATUS) [status, message] = [STATUS[e.code as ErrorCode], e.message];
  else if (code === 'FST_REQ_FILE_TOO_LARGE') [status, message] = [413, tooLargeMessage];
  else if (code !== undefined && MULTIPART_INPUT_ERRORS.has(code)) [status, message] = [400, MESSAGES.badInput];
  else if (isConnectionError(e)) [status, message] = [503, MESSAGES.dbUnavailable];
  else if (code === '40001' || code === '40P01') [status, message] = [409, MESSAGES.conflict];
  else if (code === '42501') [status, message] = [403, MESSAGES.forbidden];
  else req.log.error({ err: e }, 'file route failed');
  return reply.code(status).send({ error: { message } });
}

/** The signed-in caller, as sessionProcedure builds it for tRPC; writes need the CSRF header. */
export async function callerOf(services: Services, req: FastifyRequest, mutation: boolean): Promise<{ ctx: ItemCtx; scope: Scope }> {
  const token = req.cookies[SESSION_COOKIE];
  const session = token ? await resolveSession(services.db, token) : null;
  if (!session) throw new HttpFailure(401, MESSAGES.unauthenticated);
  if (mutation && req.headers[CSRF_HEADER] !== '1') throw new HttpFailure(403, MESSAGES.csrf);
  const principal = session.principal;
  const ability = services.abilityFor(principal);
  const ctx: ItemCtx = { session, principal, ability, audit: auditWriter(principal, session.username, { requestId: String(req.id), ip: req.ip ?? null }) };
  return { ctx, scope: scopeOf(principal) };
}

export function idParam(req: FastifyRequest): number {
  const parsed = idSchema.safeParse(Number((req.params as { id?: string }).id));
  if (!parsed.success) throw new HttpFailure(400, MESSAGES.badInput);
  return parsed.data;
}

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name (Chinese file names). */
export function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * as they are; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A download: never cached, never sniffed; inline only where the browser may preview it. */
export function sendFile(reply: FastifyReply, file: { buffer: Buffer; fileName: string; mime: string; inline?: boolean }): FastifyReply {
  return reply
    .header('content-type', file.mime)
    .header('content-disposition', disposition(file.inline === true ? 'inline' : 'attachment', file.fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.buffer);
}

/** An .xlsx download, as an attachment. */
export function sendXlsx(reply: FastifyReply, file: { buffer: Buffer; fileName: string }): FastifyReply {
  return sendFile(reply, { ...file, mime: XLSX_MIME });
}

import { TRPCError } from '@trpc/server';
import { AppError, MESSAGES } from '@fz/domain';
import { ZodError } from 'zod';
import type { Logger } from './context.js';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

/** node-postgres reports a connection lost mid-query or a connect timeout without a code. */
const CONNECTION_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|terminating connection/i;

export function isConnectionError(e: unknown): boolean {
  const code = pgCode(e);
  if (code && CONNECTION_CODES.has(code)) return true;
  return e instanceof Error && CONNECTION_MESSAGES.test(e.message);
}

function pgCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

/**
 * The one place errors become what a user sees. Known domain errors keep their zh-CN message;
 * unknown ones (SQL errors, bugs) are logged and replaced by a generic message, because tRPC
 * would otherwise pass their text (SQL included) to the client.
 */
export function toPublicError(error: TRPCError, log: Logger, path: string | undefined): TRPCError {
  const cause = error.cause;
  if (cause instanceof AppError) return new TRPCError({ code: cause.code, message: cause.message, cause });
  if (cause instanceof ZodError || error.code === 'BAD_REQUEST' || error.code === 'PARSE_ERROR') {
    const first = cause instanceof ZodError ? cause.issues[0] : undefined;
    const detail = first ? `${first.path.join('.') || '输入'}: ${first.message}` : undefined;
    return new TRPCError({ code: 'BAD_REQUEST', message: detail ? `${MESSAGES.badInput}(${detail})` : MESSAGES.badInput, cause });
  }
  if (error.code !== 'INTERNAL_SERVER_ERROR') return error;
  const code = pgCode(cause);
  if (isConnectionError(cause)) {
    log.warn({ path, code }, 'database unavailable');
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: MESSAGES.dbUnavailable });
  }
  if (code === '40001' || code === '40P01') {
    return new TRPCError({ code: 'CONFLICT', message: MESSAGES.conflict });
  }
  if (code === '42501') {
    // Row-level security or a missing grant refused the statement: the CASL layer should have
    // caught this first, so log it loudly, and answer as if the record did not exist.
    log.error({ path, err: cause }, 'database refused a statement (RLS/grant)');
    return new TRPCError({ code: 'FORBIDDEN', message: MESSAGES.forbidden });
  }
  log.error({ path, err: cause ?? error }, 'unhandled error');
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: MESSAGES.internal });
}

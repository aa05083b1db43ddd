import { isTRPCClientError } from '@trpc/client';

/** The tRPC error code (UNAUTHORIZED, CONFLICT …) of a failed call, if the server answered. */
export function errorCode(error: unknown): string | undefined {
  if (!isTRPCClientError(error)) return undefined;
  const data: unknown = error.data;
  if (typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string') return data.code;
  return undefined;
}

export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED';
}

/**
 * What to show for a failed call: the server's message (already zh-CN and safe) when the server
 * answered with a tRPC error, `fallback` for network failures and anything unexpected.
 */
export function errorMessage(error: unknown, fallback: string): string {
  if (errorCode(error) !== undefined && isTRPCClientError(error) && error.message) return error.message;
  return fallback;
}

import type { FastifyBaseLogger } from 'fastify';

interface Rebindable {
  setBindings(bindings: Record<string, string | number>): void;
}

const rebindable = (log: object): log is Rebindable => typeof (log as Partial<Rebindable>).setBindings === 'function';

/**
 * Adds fields to every later line of a request's logger (pino's setBindings; Fastify's logger
 * type does not declare it). It appends: call it once per key and request.
 */
export function bindRequestLog(log: FastifyBaseLogger, fields: Record<string, string | number>): void {
  if (rebindable(log)) log.setBindings(fields);
}

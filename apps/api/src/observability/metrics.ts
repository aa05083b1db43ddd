import { MetricsRegistry } from './registry.js';

/**
 * The process's metrics, served at /metrics (API and worker). Series names are listed in
 * docs/deploy.md; label values are bounded (route patterns, procedure paths, error codes,
 * queue names, province codes), never ids or user input.
 */
export const metrics = new MetricsRegistry();

export const httpRequestSeconds = metrics.histogram(
  'fz_http_request_duration_seconds',
  'HTTP requests by route pattern, method and status code',
  ['route', 'method', 'status'],
);

/** Per procedure: a batched HTTP request carries several, each timed on its own. */
export const procedureSeconds = metrics.histogram(
  'fz_trpc_procedure_duration_seconds',
  'tRPC procedure calls by path, type and outcome (ok or the tRPC error code)',
  ['procedure', 'type', 'outcome'],
);

import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { instrumentRequests } from '../observability/http-hooks.js';
import { registerMetricsRoute } from '../observability/metrics-route.js';
import { metrics } from '../observability/metrics.js';

export interface HealthServerOptions {
  /** The database answers. */
  ping: () => Promise<boolean>;
  /** The process has finished starting (the queue polls). */
  started: () => boolean;
  metricsToken?: string;
  logLevel?: string;
}

/**
 * The job worker's only HTTP surface: /healthz (the process is alive), /readyz (started and the
 * database answers) and, with a token, /metrics. No application routes.
 */
export function buildHealthServer(opts: HealthServerOptions): FastifyInstance {
  const app = Fastify({ logger: { level: opts.logLevel ?? 'info' } });
  instrumentRequests(app);
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (_req, reply) => {
    if (!opts.started()) return reply.code(503).send({ status: 'starting' });
    const ok = await opts.ping().catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unavailable' });
  });
  if (opts.metricsToken) registerMetricsRoute(app, { token: opts.metricsToken, registry: metrics });
  return app;
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from './registry.js';
import { watchProcess } from './process-metrics.js';

export interface MetricsRouteOptions {
  /** Required bearer token (Prometheus `authorization: { credentials: … }`). */
  token: string;
  registry: MetricsRegistry;
}

// Hashing both sides gives equal lengths, so the comparison time says nothing about the token.
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics in the Prometheus text format, only with `Authorization: Bearer <token>`: the
 * port also serves the public app, and the series reveal load and overdue counts.
 */
export function registerMetricsRoute(app: FastifyInstance, opts: MetricsRouteOptions): void {
  watchProcess(opts.registry);
  const expected = digest(opts.token);
  // Scrapes every 15 s would drown the request log.
  app.get('/metrics', { logLevel: 'warn' }, async (req, reply) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!timingSafeEqual(digest(given), expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ error: { message: '未授权' } });
    }
    const text = await opts.registry.render();
    return reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').header('cache-control', 'no-store').send(text);
  });
}

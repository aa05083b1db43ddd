import type { FastifyInstance } from 'fastify';
import { httpRequestSeconds } from './metrics.js';
import { bindRequestLog } from './log-bindings.js';

const OWN_ROUTES = ['/healthz', '/readyz', '/metrics'];

/** The route pattern as a label: '/trpc/:path', '/api/items/:id/evidence'; the web app's files are one 'static'. */
function routeLabel(url: string | undefined): string {
  if (url === undefined) return 'unmatched';
  if (url.startsWith('/trpc') || url.startsWith('/api/') || OWN_ROUTES.includes(url)) return url;
  return 'static';
}

/** The procedure paths of a tRPC URL ('/trpc/items.list,items.get?batch=1' → 'items.list,items.get'). */
export function proceduresOf(url: string): string | undefined {
  if (!url.startsWith('/trpc/')) return undefined;
  const path = url.slice('/trpc/'.length).split('?')[0] ?? '';
  return path.slice(0, 200) || undefined;
}

/**
 * Request logs and latency: each request's log lines (pino, JSON, with Fastify's reqId) also
 * carry the tRPC procedures it called, and the tenant once the session is known (see
 * http/context.ts); every response is timed into fz_http_request_duration_seconds.
 */
export function instrumentRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const procedures = proceduresOf(req.url);
    if (procedures) bindRequestLog(req.log, { procedures });
  });
  app.addHook('onResponse', async (req, reply) => {
    httpRequestSeconds.observe({ route: routeLabel(req.routeOptions.url), method: req.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

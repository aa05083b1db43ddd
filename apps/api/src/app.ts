import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { appRouter } from './router.js';
import type { AppRouter } from './router.js';
import type { Services } from './trpc/context.js';
import { fastifyContextFactory } from './http/context.js';
import { registerWeb } from './http/web.js';
import { registerEvidenceRoutes } from './http/evidence.js';
import { registerItemExcelRoutes } from './http/items-excel.js';
import { registerDemonstrationRoutes } from './http/demonstration.js';
import { instrumentRequests } from './observability/http-hooks.js';
import { registerMetricsRoute } from './observability/metrics-route.js';
import { metrics } from './observability/metrics.js';
import { registerPlanFileRoutes } from './http/plan-files.js';
import { registerDashboardExcelRoutes } from './http/dashboard-excel.js';
import { registerReportingRoutes } from './http/reporting.js';
import { registerOnboardingRoutes } from './http/onboarding.js';

export interface BuildAppOptions {
  services: Services;
  ping: () => Promise<boolean>;
  webDist: string | null;
  logLevel?: string;
  /** Serve /metrics to this bearer token; without it there is no /metrics. */
  metricsToken?: string;
  /** Where the JSON log lines go (default stdout); tests read them. */
  logStream?: { write(line: string): void };
}

export const BODY_LIMIT = 1024 * 1024;
export const MAX_BATCH = 20;

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'info', ...(opts.logStream ? { stream: opts.logStream } : {}) },
    bodyLimit: BODY_LIMIT,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 5000 },
    trustProxy: true,
  });
  instrumentRequests(app);
  if (opts.metricsToken) registerMetricsRoute(app, { token: opts.metricsToken, registry: metrics });
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects CSS-in-JS <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ok = await opts.ping().catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unavailable' });
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: fastifyContextFactory(opts.services),
      maxBatchSize: MAX_BATCH,
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ path, err: error.cause ?? error }, 'procedure failed');
      },
    },
  } satisfies FastifyTRPCPluginOptions<AppRouter>);

  await registerEvidenceRoutes(app, opts.services);
  await registerItemExcelRoutes(app, opts.services);
  await registerDemonstrationRoutes(app, opts.services);
  await registerPlanFileRoutes(app, opts.services);
  await registerReportingRoutes(app, opts.services);
  await registerOnboardingRoutes(app, opts.services);
  registerDashboardExcelRoutes(app, opts.services);
  if (opts.webDist) await registerWeb(app, opts.webDist);
  return app;
}

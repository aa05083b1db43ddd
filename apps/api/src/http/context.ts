import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { Context, RequestInfo, Services } from '../trpc/context.js';
import { SESSION_COOKIE } from '../trpc/context.js';
import { bindRequestLog } from '../observability/log-bindings.js';

export const CSRF_HEADER = 'x-fz-csrf';

/** Adapts a Fastify request to the transport-free context the procedures use. */
export function fastifyContextFactory(services: Services) {
  return ({ req, res }: CreateFastifyContextOptions): Context => {
    const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: services.cookieSecure, path: '/' };
    // pino's setBindings appends: a batch resolves the session once per call, bind once.
    let logBound = false;
    const info: RequestInfo = {
      requestId: String(req.id),
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      sessionToken: req.cookies[SESSION_COOKIE] ?? null,
      csrfOk: req.headers[CSRF_HEADER] === '1',
      setSessionCookie(token, opts) {
        res.setCookie(SESSION_COOKIE, token, { ...cookie, maxAge: opts.maxAgeSeconds });
      },
      clearSessionCookie() {
        res.clearCookie(SESSION_COOKIE, cookie);
      },
      bindLog(fields) {
        if (logBound) return;
        logBound = true;
        bindRequestLog(req.log, { ...fields });
      },
    };
    return { services, req: info };
  };
}

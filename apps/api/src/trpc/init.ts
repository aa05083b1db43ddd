import { initTRPC, TRPCError } from '@trpc/server';
import { MESSAGES } from '@fz/domain';
import type { AppAbility, Principal, ScopedRecord, SubjectType, Action } from '@fz/domain';
import { subjectOf } from '@fz/domain';
import type { Tx } from '@fz/db';
import { auditWriter } from './audit.js';
import type { Context, Scope } from './context.js';
import type { Meta } from './meta.js';
import { toPublicError } from './errors.js';
import { resolveSession } from '../modules/auth/session.js';
import { procedureSeconds } from '../observability/metrics.js';
import type { SessionUser } from '../modules/auth/session.js';

export type { AuditInput } from './audit.js';

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    isDev: false,
    errorFormatter({ shape }) {
      // Never send stacks; the message was already made safe by `toPublicError`.
      const { stack: _stack, ...data } = shape.data;
      return { ...shape, data };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps every failure to a public error, rejects cross-site mutations and times every call. */
const base = t.procedure.use(async ({ ctx, next, type, path }) => {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  if (type === 'mutation' && !ctx.req.csrfOk) {
    procedureSeconds.observe({ procedure: path, type, outcome: 'FORBIDDEN' }, seconds());
    throw new TRPCError({ code: 'FORBIDDEN', message: MESSAGES.csrf });
  }
  const result = await next();
  if (!result.ok) {
    const error = toPublicError(result.error, ctx.services.log, path);
    procedureSeconds.observe({ procedure: path, type, outcome: error.code }, seconds());
    throw error;
  }
  procedureSeconds.observe({ procedure: path, type, outcome: 'ok' }, seconds());
  return result;
});

export const publicProcedure = base.meta({ authz: 'public' });

async function requireSession(ctx: Context): Promise<SessionUser> {
  const token = ctx.req.sessionToken;
  const session = token ? await resolveSession(ctx.services.db, token) : null;
  if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: MESSAGES.unauthenticated });
  return session;
}

export function scopeOf(p: Principal): Scope {
  return { userId: p.userId, level: p.jurisdiction.level, jurisdictionId: p.jurisdiction.id };
}

/**
 * A signed-in user. Adds the session, the principal, the CASL ability, a scoped transaction
 * runner (RLS) and an audit writer to the context, once per request.
 */
export const sessionProcedure = base.meta({ authz: 'session' }).use(async ({ ctx, next }) => {
  const session = await requireSession(ctx);
  const principal = session.principal;
  ctx.req.bindLog?.({ userId: principal.userId, tenant: String(principal.jurisdiction.id) });
  const ability = ctx.services.abilityFor(principal);
  const scope = scopeOf(principal);
  const tx = <T>(fn: (tx: Tx) => Promise<T>) => ctx.services.runScoped(scope, fn);
  // Read-only and allowed to lag a moment: the read replica when one is configured.
  const readTx = <T>(fn: (tx: Tx) => Promise<T>) => ctx.services.runScopedRead(scope, fn);
  const audit = auditWriter(principal, session.username, ctx.req);
  return next({ ctx: { session, principal, ability, tx, readTx, audit } });
});

export function forbidden(): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message: MESSAGES.forbidden });
}
export function notFound(): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: MESSAGES.notFound });
}

/** Throws FORBIDDEN unless `ability` allows `action` on this record. */
export function assertCan(ability: AppAbility, action: Action, type: SubjectType, record: ScopedRecord): void {
  if (!ability.can(action, subjectOf(type, record))) throw forbidden();
}

/**
 * A procedure that needs `action` on `subject`. The coarse check (may this user ever do it?)
 * runs here; resolvers then check the concrete record with `assertCan`.
 */
export function authorized(action: Action | readonly Action[], subject: SubjectType) {
  const actions: readonly Action[] = typeof action === 'string' ? [action] : action;
  return sessionProcedure.meta({ authz: { action, subject } }).use(({ ctx, next }) => {
    if (!actions.some((a) => ctx.ability.can(a, subject))) throw forbidden();
    return next();
  });
}

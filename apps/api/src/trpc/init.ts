import { initTRPC, TRPCError } from '@trpc/server';
import { MESSAGES } from '@fz/domain';
import type { AppAbility, Principal, ScopedRecord, SubjectType, Action } from '@fz/domain';
import { subjectOf } from '@fz/domain';
import type { NewAuditLogRow, Tx } from '@fz/db';
import { writeAudit } from '@fz/db';
import type { Context, Scope } from './context.js';
import type { Meta } from './meta.js';
import { toPublicError } from './errors.js';
import { resolveSession } from '../modules/auth/session.js';
import type { SessionUser } from '../modules/auth/session.js';

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

/** Maps every failure to a public error and rejects cross-site mutations. */
const base = t.procedure.use(async ({ ctx, next, type, path }) => {
  if (type === 'mutation' && !ctx.req.csrfOk) {
    throw new TRPCError({ code: 'FORBIDDEN', message: MESSAGES.csrf });
  }
  const result = await next();
  if (!result.ok) throw toPublicError(result.error, ctx.services.log, path);
  return result;
});

export const publicProcedure = base.meta({ authz: 'public' });

async function requireSession(ctx: Context): Promise<SessionUser> {
  const token = ctx.req.sessionToken;
  const session = token ? await resolveSession(ctx.services.db, token) : null;
  if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: MESSAGES.unauthenticated });
  return session;
}

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string | number | null;
  /** The record's jurisdiction (with ancestors): audit rows live in the tenant of the record. */
  jurisdiction: ScopedRecord & { jurisdictionId: number };
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

function scopeOf(p: Principal): Scope {
  return { userId: p.userId, level: p.jurisdiction.level, jurisdictionId: p.jurisdiction.id };
}

/**
 * A signed-in user. Adds the session, the principal, the CASL ability, a scoped transaction
 * runner (RLS) and an audit writer to the context, once per request.
 */
export const sessionProcedure = base.meta({ authz: 'session' }).use(async ({ ctx, next }) => {
  const session = await requireSession(ctx);
  const principal = session.principal;
  const ability = ctx.services.abilityFor(principal);
  const scope = scopeOf(principal);
  const tx = <T>(fn: (tx: Tx) => Promise<T>) => ctx.services.runScoped(scope, fn);
  const audit = (trx: Tx, a: AuditInput) => {
    const row: NewAuditLogRow = {
      actor_user_id: principal.userId,
      actor_username: session.username,
      jurisdiction_id: a.jurisdiction.jurisdictionId,
      province_id: a.jurisdiction.provinceId,
      city_id: a.jurisdiction.cityId,
      county_id: a.jurisdiction.countyId,
      township_id: a.jurisdiction.townshipId,
      unit_id: a.unitId ?? null,
      action: a.action,
      subject_type: a.subjectType,
      subject_id: a.subjectId === null ? null : String(a.subjectId),
      before: a.before === undefined ? null : JSON.stringify(a.before),
      after: a.after === undefined ? null : JSON.stringify(a.after),
      request_id: ctx.req.requestId,
      ip: ctx.req.ip,
    };
    return writeAudit(trx, row);
  };
  return next({ ctx: { session, principal, ability, tx, audit } });
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
export function authorized(action: Action, subject: SubjectType) {
  return sessionProcedure.meta({ authz: { action, subject } }).use(({ ctx, next }) => {
    if (!ctx.ability.can(action, subject)) throw forbidden();
    return next();
  });
}

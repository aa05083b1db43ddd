import { TRPCError } from '@trpc/server';
import { AppError, MESSAGES, changePasswordInput, loginInput, SESSION_ABSOLUTE_HOURS, ancestorIdsOfCode } from '@fz/domain';
import { withSystem, writeAudit } from '@fz/db';
import { publicProcedure, router, sessionProcedure } from '../../trpc/init.js';
import { buildMe } from './me.js';
import { addressKey, clearFailures, isLocked, recordFailure } from './lockout.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { createSession, resolveSession, revokeSession, revokeUserSessions, sessionIdOf } from './session.js';

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const { db } = ctx.services;
    const address = ctx.req.ip ? addressKey(ctx.req.ip) : null;
    if (address && (await isLocked(db, address))) throw new AppError('TOO_MANY_REQUESTS', MESSAGES.loginThrottled);
    if (await isLocked(db, input.username)) throw new AppError('TOO_MANY_REQUESTS', MESSAGES.loginLocked);
    const user = await db
      .selectFrom('users as u')
      .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .select(['u.id', 'u.password_hash', 'u.unit_id', 'j.code'])
      .where('u.username', '=', input.username)
      .where('u.is_active', '=', true)
      .executeTakeFirst();
    const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
    if (!user || !ok) {
      // The address's count is never cleared by a success: it runs out with its window.
      if (address) await recordFailure(db, address);
      const locked = await recordFailure(db, input.username);
      throw new AppError(locked ? 'TOO_MANY_REQUESTS' : 'UNAUTHORIZED', locked ? MESSAGES.loginLocked : MESSAGES.loginFailed);
    }
    await clearFailures(db, input.username);
    const a = ancestorIdsOfCode(user.code);
    const created = await withSystem(db, async (tx) => {
      // Rotate: whatever session the browser had is ended, a new token is issued.
      if (ctx.req.sessionToken) await revokeSession(tx, sessionIdOf(ctx.req.sessionToken));
      const s = await createSession(tx, user.id, { ip: ctx.req.ip, userAgent: ctx.req.userAgent });
      await writeAudit(tx, {
        actor_user_id: user.id,
        actor_username: input.username,
        jurisdiction_id: Number(user.code),
        province_id: a.provinceId,
        city_id: a.cityId,
        county_id: a.countyId,
        township_id: a.townshipId,
        unit_id: user.unit_id,
        action: 'auth.login',
        subject_type: 'User',
        subject_id: String(user.id),
        before: null,
        after: null,
        request_id: ctx.req.requestId,
        ip: ctx.req.ip,
      });
      return s;
    });
    ctx.req.setSessionCookie(created.token, { maxAgeSeconds: SESSION_ABSOLUTE_HOURS * 3600 });
    const session = await resolveSession(db, created.token);
    if (!session) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR' });
    return buildMe(db, session);
  }),

  logout: sessionProcedure.mutation(async ({ ctx }) => {
    await withSystem(ctx.services.db, (tx) => revokeSession(tx, ctx.session.sessionId));
    ctx.req.clearSessionCookie();
    return { ok: true as const };
  }),

  me: sessionProcedure.query(({ ctx }) => buildMe(ctx.services.db, ctx.session)),

  changePassword: sessionProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const { db } = ctx.services;
    const row = await db.selectFrom('users').select(['password_hash']).where('id', '=', ctx.principal.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(row.password_hash, input.oldPassword))) throw new AppError('BAD_REQUEST', MESSAGES.wrongPassword);
    if (input.oldPassword === input.newPassword) throw new AppError('BAD_REQUEST', MESSAGES.samePassword);
    const hashed = await hashPassword(input.newPassword);
    const j = ctx.principal.jurisdiction;
    await ctx.tx(async (tx) => {
      await tx
        .updateTable('users')
        .set((eb) => ({ password_hash: hashed, must_change_password: false, password_changed_at: new Date(), updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', ctx.principal.userId)
        .execute();
      await ctx.audit(tx, {
        action: 'auth.changePassword',
        subjectType: 'User',
        subjectId: ctx.principal.userId,
        jurisdiction: { ...j, jurisdictionId: j.id },
        unitId: ctx.principal.unitId,
      });
    });
    // Other devices signed in with the old password are signed out.
    await withSystem(db, (tx) => revokeUserSessions(tx, ctx.principal.userId, ctx.session.sessionId));
    return { ok: true as const };
  }),
});

import { AppError, MESSAGES, userCreateInput, userDeactivateInput, userListInput, userResetPasswordInput } from '@fz/domain';
import { withSystem } from '@fz/db';
import { assertCan, authorized, router } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, likeEscape, numberAt } from '../../sql/cursor.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { isUniqueViolation, unitRecord, visibleUnit } from '../units/queries.js';
import { hashPassword, temporaryPassword } from '../auth/password.js';
import { revokeUserSessions } from '../auth/session.js';
import { rolesOf, userColumns, userDto, userRecord, visibleUser } from './queries.js';

export const usersRouter = router({
  list: authorized('read', 'User')
    .input(userListInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
        const after = decodeCursor(input.cursor);
        let q = tx
          .selectFrom('users as u')
          .innerJoin('units as un', 'un.id', 'u.unit_id')
          .select([...userColumns, 'un.name as unit_name'])
          .where('u.jurisdiction_id', '=', input.jurisdictionId)
          .where(allowedWhere(ctx.ability, 'read', 'User', 'u'))
          .orderBy('u.id')
          .limit(input.limit + 1);
        if (!input.includeInactive) q = q.where('u.is_active', '=', true);
        if (input.q) {
          const p = `%${likeEscape(input.q)}%`;
          q = q.where((eb) => eb.or([eb('u.username', 'like', p), eb('u.display_name', 'like', p)]));
        }
        if (after) q = q.where('u.id', '>', numberAt(after, 0));
        const rows = await q.execute();
        const page = rows.slice(0, input.limit);
        const roles = await rolesOf(tx, page.map((r) => r.id));
        const last = page.at(-1);
        return {
          items: page.map((r) => userDto(r, r.unit_name, roles.get(r.id) ?? [])),
          nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
        };
      }),
    ),

  create: authorized('create', 'User')
    .input(userCreateInput)
    .mutation(async ({ ctx, input }) => {
      const initialPassword = temporaryPassword();
      const passwordHash = await hashPassword(initialPassword);
      return ctx.tx(async (tx) => {
        const unit = await visibleUnit(tx, input.unitId);
        const target = unitRecord(unit);
        assertCan(ctx.ability, 'create', 'User', { ...target, unitId: unit.id });
        if (!unit.is_active) throw new AppError('BAD_REQUEST', MESSAGES.inactiveUnit);
        const anc = { province_id: unit.province_id, city_id: unit.city_id, county_id: unit.county_id, township_id: unit.township_id };
        const row = await tx
          .insertInto('users')
          .values({ ...anc, username: input.username, display_name: input.displayName, unit_id: unit.id, jurisdiction_id: unit.jurisdiction_id, password_hash: passwordHash, must_change_password: true })
          .returning(['id', 'username', 'display_name', 'unit_id', 'jurisdiction_id', 'is_active', 'is_demo', 'version', 'province_id', 'city_id', 'county_id', 'township_id'])
          .executeTakeFirstOrThrow()
          .catch((e: unknown) => {
            throw isUniqueViolation(e) ? new AppError('CONFLICT', MESSAGES.duplicateUsername) : e;
          });
        const roles = [...new Set(input.roles)].sort();
        await tx
          .insertInto('role_memberships')
          .values(roles.map((role) => ({ ...anc, user_id: row.id, role, jurisdiction_id: unit.jurisdiction_id })))
          .execute();
        const user = userDto(row, unit.name, roles);
        await ctx.audit(tx, { action: 'user.create', subjectType: 'User', subjectId: row.id, jurisdiction: userRecord(row), unitId: unit.id, after: user });
        return { user, initialPassword };
      });
    }),

  deactivate: authorized('deactivate', 'User')
    .input(userDeactivateInput)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.tx(async (tx) => {
        const before = await visibleUser(tx, input.id);
        assertCan(ctx.ability, 'deactivate', 'User', userRecord(before));
        if (before.id === ctx.principal.userId) throw new AppError('BAD_REQUEST', '不能停用自己的账号');
        const row = await tx
          .updateTable('users')
          .set((eb) => ({ is_active: false, updated_at: new Date(), version: eb('version', '+', 1) }))
          .where('id', '=', input.id)
          .where('version', '=', input.version)
          .returning('id')
          .executeTakeFirst();
        if (!row) throw new AppError('CONFLICT', MESSAGES.conflict);
        const roles = (await rolesOf(tx, [before.id])).get(before.id) ?? [];
        const after = userDto({ ...before, is_active: false, version: before.version + 1 }, before.unit_name, roles);
        await ctx.audit(tx, { action: 'user.deactivate', subjectType: 'User', subjectId: before.id, jurisdiction: userRecord(before), unitId: before.unit_id, before: userDto(before, before.unit_name, roles), after });
        return after;
      });
      await withSystem(ctx.services.db, (tx) => revokeUserSessions(tx, input.id));
      return result;
    }),

  resetPassword: authorized('resetPassword', 'User')
    .input(userResetPasswordInput)
    .mutation(async ({ ctx, input }) => {
      const temporary = temporaryPassword();
      const passwordHash = await hashPassword(temporary);
      await ctx.tx(async (tx) => {
        const target = await visibleUser(tx, input.id);
        assertCan(ctx.ability, 'resetPassword', 'User', userRecord(target));
        await tx
          .updateTable('users')
          .set((eb) => ({ password_hash: passwordHash, must_change_password: true, password_changed_at: new Date(), updated_at: new Date(), version: eb('version', '+', 1) }))
          .where('id', '=', input.id)
          .execute();
        await ctx.audit(tx, { action: 'user.resetPassword', subjectType: 'User', subjectId: target.id, jurisdiction: userRecord(target), unitId: target.unit_id });
      });
      await withSystem(ctx.services.db, (tx) => revokeUserSessions(tx, input.id));
      return { temporaryPassword: temporary };
    }),
});

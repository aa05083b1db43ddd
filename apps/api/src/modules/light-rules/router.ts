import { DEFAULT_LIGHT_RULE, lightRuleGetInput, lightRuleSetInput } from '@fz/domain';
import { assertCan, authorized, router } from '../../trpc/init.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';

/** The traffic-light threshold (yellow within N days) a supervising jurisdiction applies to the items it supervises. */
export const lightRulesRouter = router({
  get: authorized('read', 'LightRule')
    .input(lightRuleGetInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const j = await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
        assertCan(ctx.ability, 'read', 'LightRule', j);
        const row = await tx.selectFrom('light_rules').select(['yellow_within_days', 'version', 'updated_at']).where('jurisdiction_id', '=', j.id).executeTakeFirst();
        return {
          jurisdictionId: j.id,
          yellowWithinDays: row?.yellow_within_days ?? DEFAULT_LIGHT_RULE.yellowWithinDays,
          isDefault: row === undefined,
          version: row?.version ?? null,
          updatedAt: row ? new Date(row.updated_at).toISOString() : null,
        };
      }),
    ),

  set: authorized('update', 'LightRule')
    .input(lightRuleSetInput)
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const j = await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
        assertCan(ctx.ability, 'update', 'LightRule', j);
        const before = await tx.selectFrom('light_rules').select('yellow_within_days').where('jurisdiction_id', '=', j.id).executeTakeFirst();
        const row = await tx
          .insertInto('light_rules')
          .values({ jurisdiction_id: j.id, province_id: j.provinceId, city_id: j.cityId, county_id: j.countyId, township_id: j.townshipId, yellow_within_days: input.yellowWithinDays, updated_by: ctx.principal.userId })
          .onConflict((oc) =>
            oc.column('jurisdiction_id').doUpdateSet((eb) => ({ yellow_within_days: input.yellowWithinDays, updated_by: ctx.principal.userId, updated_at: new Date(), version: eb('light_rules.version', '+', 1) })),
          )
          .returning(['yellow_within_days', 'version', 'updated_at'])
          .executeTakeFirstOrThrow();
        await ctx.audit(tx, {
          action: 'lightRule.set',
          subjectType: 'LightRule',
          subjectId: j.id,
          jurisdiction: j,
          before: before ? { yellowWithinDays: before.yellow_within_days } : null,
          after: { yellowWithinDays: row.yellow_within_days },
        });
        return { jurisdictionId: j.id, yellowWithinDays: row.yellow_within_days, isDefault: false, version: row.version, updatedAt: new Date(row.updated_at).toISOString() };
      }),
    ),
});

import { AppError, CAMPAIGN_OWNER_LEVELS, DEMONSTRATION_MESSAGES, INDICATOR_MESSAGES, LEVEL_FIELD, campaignCreateInput, participantLevelsFor, subjectOf } from '@fz/domain';
import type { Level, ParticipantLevel } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, authorized, forbidden, notFound } from '../../../trpc/init.js';
import { ancestorColumn } from '../../jurisdictions/queries.js';
import { isUniqueViolation } from '../../units/queries.js';
import type { DemoCtx } from '../common.js';
import { ancestorIdsOf, columnsOf, ownPlace, tenthsOf, unitNameOf } from '../common.js';
import { visibleVersion } from '../systems/queries.js';
import { campaignDto, campaignReturning, campaignSnapshot } from './queries.js';

export const DUPLICATE_CAMPAIGN = '本级当年已有同名创建活动';

interface Participant {
  id: number;
  level: Level;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

/**
 * The selected participants, each readable (NOT_FOUND / FORBIDDEN) and strictly below the owner
 * (FORBIDDEN): checked before anything else about the campaign, so a caller learns nothing of
 * jurisdictions outside its reach.
 */
async function selectedParticipants(tx: Tx, ctx: DemoCtx, ids: readonly number[]): Promise<Participant[]> {
  const own = ctx.principal.jurisdiction;
  const rows = await tx.selectFrom('jurisdictions').select(['id', 'level', 'province_id', 'city_id', 'county_id', 'township_id']).where('id', 'in', ids).orderBy('id').execute();
  if (rows.length !== ids.length) throw notFound();
  for (const j of rows) {
    const rec = { jurisdictionId: j.id, provinceId: j.province_id, cityId: j.city_id, countyId: j.county_id, townshipId: j.township_id };
    assertCan(ctx.ability, 'read', 'Jurisdiction', rec);
    if (j.id === own.id || rec[LEVEL_FIELD[own.level]] !== own.id) throw forbidden();
  }
  return rows;
}

/** Every regular jurisdiction of `level` below the owner (development zones included, placeholders never). */
async function allParticipants(tx: Tx, ctx: DemoCtx, level: ParticipantLevel): Promise<Participant[]> {
  const own = ctx.principal.jurisdiction;
  return tx
    .selectFrom('jurisdictions')
    .select(['id', 'level', 'province_id', 'city_id', 'county_id', 'township_id'])
    .where('level', '=', level)
    .where('kind', '<>', 'placeholder')
    .where(ancestorColumn(own.level), '=', own.id)
    .orderBy('id')
    .execute();
}

/** The level right above a participant reviews it first: a township's county, a county's city. */
const reviewerOf = (p: Participant) => (p.township_id !== null ? p.county_id! : p.city_id!);

/**
 * A demonstration campaign (创建活动) of the caller's own city or county, on a published standard
 * of its own or of a level above, with one application per participant (status 未开始).
 */
export const createCampaign = authorized('create', 'Campaign')
  .input(campaignCreateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const own = ownPlace(ctx.principal);
      assertCan(ctx.ability, 'create', 'Campaign', own);
      const ownerLevel: Level = ctx.principal.jurisdiction.level;
      if (!(CAMPAIGN_OWNER_LEVELS as readonly Level[]).includes(ownerLevel)) throw forbidden();
      const version = await visibleVersion(tx, ctx.ability, input.versionId);
      const selected = input.participantIds === undefined ? null : await selectedParticipants(tx, ctx, input.participantIds);
      if (version.status !== 'published') throw new AppError('BAD_REQUEST', INDICATOR_MESSAGES.notPublished);
      if (version.jurisdiction_id !== own.jurisdictionId && !ancestorIdsOf(ctx.principal).includes(version.jurisdiction_id)) throw new AppError('BAD_REQUEST', DEMONSTRATION_MESSAGES.versionNotUsable);
      const level = version.participant_level;
      if (!participantLevelsFor(ownerLevel).includes(level)) throw new AppError('BAD_REQUEST', DEMONSTRATION_MESSAGES.levelNotAllowed);
      if (selected?.some((p) => p.level !== level)) throw new AppError('BAD_REQUEST', DEMONSTRATION_MESSAGES.participantNotBelow);
      const participants = selected ?? (await allParticipants(tx, ctx, level));
      if (participants.length === 0) throw new AppError('BAD_REQUEST', DEMONSTRATION_MESSAGES.noParticipants);
      const owner = await tx.selectFrom('jurisdictions').select('name').where('id', '=', own.jurisdictionId).executeTakeFirstOrThrow();

      const campaign = await tx
        .insertInto('campaigns')
        .values({
          ...columnsOf(own),
          owner_name: owner.name,
          name: input.name,
          year: input.year,
          version_id: version.id,
          participant_level: level,
          submit_deadline: input.submitDeadline,
          review_deadline: input.reviewDeadline,
          target_numerator: input.target.numerator,
          target_denominator: input.target.denominator,
          pass_line: input.passLine === undefined ? version.pass_line : tenthsOf(input.passLine),
          veto_fails: input.vetoFails,
          description: input.description ?? null,
          created_by: ctx.principal.userId,
        })
        .returning(campaignReturning)
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => {
          throw isUniqueViolation(e) ? new AppError('CONFLICT', DUPLICATE_CAMPAIGN) : e;
        });
      const apps = await tx
        .insertInto('applications')
        .values(
          participants.map((p) => ({
            campaign_id: campaign.id,
            jurisdiction_id: p.id,
            province_id: p.province_id,
            city_id: p.city_id,
            county_id: p.county_id,
            township_id: p.township_id,
            reviewer_jurisdiction_id: reviewerOf(p),
            owner_jurisdiction_id: own.jurisdictionId,
            version_id: version.id,
          })),
        )
        .returning(['id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id'])
        .execute();
      const unitName = await unitNameOf(tx, ctx);
      await tx
        .insertInto('application_events')
        .values(apps.map((a) => ({ application_id: a.id, jurisdiction_id: a.jurisdiction_id, province_id: a.province_id, city_id: a.city_id, county_id: a.county_id, township_id: a.township_id, actor_user_id: ctx.principal.userId, actor_name: ctx.session.displayName, actor_unit_name: unitName, event: 'create' as const, to_status: 'not_started' as const, payload: JSON.stringify({ campaignId: campaign.id, campaignName: campaign.name }) })))
        .execute();
      await ctx.audit(tx, { action: 'campaign.create', subjectType: 'Campaign', subjectId: campaign.id, jurisdiction: own, after: { ...campaignSnapshot(campaign), participants: apps.length } });
      return { ...campaignDto(campaign), participantCount: apps.length, mayUpdate: ctx.ability.can('update', subjectOf('Campaign', own)) };
    }),
  );

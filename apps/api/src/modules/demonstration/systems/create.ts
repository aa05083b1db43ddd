import { AppError, systemCreateInput } from '@fz/domain';
import { assertCan, authorized, forbidden } from '../../../trpc/init.js';
import { isUniqueViolation } from '../../units/queries.js';
import { columnsOf, ownPlace, tenthsOf } from '../common.js';
import { copyNodes, versionSnapshot, versionSummary, visibleVersion } from './queries.js';

export const DUPLICATE_SYSTEM = '本级已有同名指标体系';

/**
 * A new indicator system of the caller's own level, with version 1 as a draft: empty, or a copy
 * of a version the caller can read (a standard published above, to adapt).
 */
export const createSystem = authorized('create', 'IndicatorSystem')
  .input(systemCreateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const own = ownPlace(ctx.principal);
      assertCan(ctx.ability, 'create', 'IndicatorSystem', { ...own, status: 'draft' });
      // Standards are kept by a province, city or county, never by a township.
      if (ctx.principal.jurisdiction.level === 'township') throw forbidden();
      const source = input.fromVersionId === undefined ? null : await visibleVersion(tx, ctx.ability, input.fromVersionId);
      if (source && source.participant_level !== input.participantLevel) throw new AppError('BAD_REQUEST', '复制的指标体系适用层级与所选不一致');
      const place = columnsOf(own);
      const system = await tx
        .insertInto('indicator_systems')
        .values({ ...place, name: input.name, participant_level: input.participantLevel, description: input.description ?? null, created_by: ctx.principal.userId })
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => {
          throw isUniqueViolation(e) ? new AppError('CONFLICT', DUPLICATE_SYSTEM) : e;
        });
      const { id } = await tx
        .insertInto('indicator_versions')
        .values({ ...place, system_id: system.id, version_no: 1, pass_line: tenthsOf(input.passLine), satisfaction_pct: input.satisfactionPct, notes: null, created_by: ctx.principal.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      const copied = source ? await copyNodes(tx, source.id, { versionId: id, place }) : 0;
      const v = await visibleVersion(tx, ctx.ability, id);
      await ctx.audit(tx, {
        action: 'indicatorSystem.create',
        subjectType: 'IndicatorSystem',
        subjectId: v.id,
        jurisdiction: own,
        after: { ...versionSnapshot(v), name: input.name, fromVersionId: source?.id ?? null, copied },
      });
      return versionSummary(v);
    }),
  );

import { AppError, versionNewDraftInput } from '@fz/domain';
import { assertCan, authorized } from '../../../trpc/init.js';
import { isUniqueViolation } from '../../units/queries.js';
import { columnsOf, placeOf } from '../common.js';
import { copyNodes, versionRecord, versionSnapshot, versionSummary, visibleVersion } from './queries.js';

export const DRAFT_EXISTS = '该指标体系已有未发布的草稿版本,请先编辑或发布该草稿';

/**
 * The next version of a system the caller keeps: a draft copied from one of its versions (a
 * published version never changes, so changes start here). One draft at a time.
 */
export const newDraft = authorized('create', 'IndicatorSystem')
  .input(versionNewDraftInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const source = await visibleVersion(tx, ctx.ability, input.id, 'read');
      // The new draft belongs to the source's system, hence to its owner.
      const draftRecord = { ...versionRecord(source), status: 'draft' };
      assertCan(ctx.ability, 'create', 'IndicatorSystem', draftRecord);
      const existing = await tx.selectFrom('indicator_versions').select('id').where('system_id', '=', source.system_id).where('status', '=', 'draft').executeTakeFirst();
      if (existing) throw new AppError('CONFLICT', DRAFT_EXISTS);
      const last = await tx.selectFrom('indicator_versions').select((eb) => eb.fn.max('version_no').as('n')).where('system_id', '=', source.system_id).executeTakeFirstOrThrow();
      const place = placeOf(source);
      const columns = columnsOf(place);
      const { id } = await tx
        .insertInto('indicator_versions')
        .values({ ...columns, system_id: source.system_id, version_no: Number(last.n ?? 0) + 1, pass_line: source.pass_line, satisfaction_pct: source.satisfaction_pct, notes: null, created_by: ctx.principal.userId })
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => {
          // Two drafts started at once: the partial unique index lets one win.
          throw isUniqueViolation(e) ? new AppError('CONFLICT', DRAFT_EXISTS) : e;
        });
      const copied = await copyNodes(tx, source.id, { versionId: id, place: columns });
      const v = await visibleVersion(tx, ctx.ability, id);
      await ctx.audit(tx, { action: 'indicatorSystem.newDraft', subjectType: 'IndicatorSystem', subjectId: v.id, jurisdiction: place, after: { ...versionSnapshot(v), fromVersionId: source.id, copied } });
      return versionSummary(v);
    }),
  );

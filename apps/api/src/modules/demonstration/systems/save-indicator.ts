import { sql } from 'kysely';
import { AppError, INDICATOR_MESSAGES, indicatorDeleteInput, indicatorSaveInput } from '@fz/domain';
import type { IndicatorSaveInput } from '@fz/domain';
import type { Tx } from '@fz/db';
import { authorized } from '../../../trpc/init.js';
import { isUniqueViolation } from '../../units/queries.js';
import { columnsOf, placeOf, tenthsOf } from '../common.js';
import type { NodeRow, VersionRow } from './queries.js';
import { editableDraft, nodeColumns, nodeDto, nodeReturning, touchVersion } from './queries.js';

const LEVEL_OF_PARENTED = '有下级指标的指标不能调整层级,请先调整其下级指标';

async function nodeOf(tx: Tx, versionId: number, id: number): Promise<NodeRow> {
  const n = await tx.selectFrom('indicator_nodes as n').select(nodeColumns).where('n.id', '=', id).where('n.version_id', '=', versionId).executeTakeFirst();
  if (!n) throw new AppError('BAD_REQUEST', INDICATOR_MESSAGES.indicatorNotFound);
  return n;
}

async function hasChildren(tx: Tx, id: number): Promise<boolean> {
  return (await tx.selectFrom('indicator_nodes').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst()) !== undefined;
}

/** The parent an indicator goes under, and so its level; never the indicator itself or one of its descendants. */
async function placeUnder(tx: Tx, draft: VersionRow, input: IndicatorSaveInput): Promise<{ parent: NodeRow | null; level: number }> {
  if (input.parentId === null || input.parentId === undefined) return { parent: null, level: 1 };
  const parent = await tx.selectFrom('indicator_nodes as n').select(nodeColumns).where('n.id', '=', input.parentId).executeTakeFirst();
  if (!parent || parent.version_id !== draft.id) throw new AppError('BAD_REQUEST', INDICATOR_MESSAGES.parentInOtherVersion);
  if (parent.level >= 3) throw new AppError('BAD_REQUEST', INDICATOR_MESSAGES.tooDeep);
  if (input.id !== undefined) {
    for (let at: NodeRow | undefined = parent; at; at = at.parent_id === null ? undefined : await nodeOf(tx, draft.id, at.parent_id)) {
      if (at.id === input.id) throw new AppError('BAD_REQUEST', INDICATOR_MESSAGES.parentIsSelf);
    }
  }
  return { parent, level: parent.level + 1 };
}

/**
 * Adds an indicator to a draft, or changes one. Only leaves carry a maximum score and the veto
 * flag: a parent gaining its first child loses both. Every change moves the draft's version on.
 */
export const saveIndicator = authorized('update', 'IndicatorSystem')
  .input(indicatorSaveInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const draft = await editableDraft(tx, ctx.ability, input.versionId, input.version);
      const before = input.id === undefined ? null : await nodeOf(tx, draft.id, input.id);
      const { parent, level } = await placeUnder(tx, draft, input);
      const parented = before !== null && (await hasChildren(tx, before.id));
      if (parented && level !== before.level) throw new AppError('BAD_REQUEST', LEVEL_OF_PARENTED);
      const sortOrder =
        input.sortOrder ??
        before?.sort_order ??
        Number(
          (
            await tx
              .selectFrom('indicator_nodes')
              .select(sql<number>`coalesce(max(sort_order), 0) + 10`.as('next'))
              .where('version_id', '=', draft.id)
              .where((eb) => (parent ? eb('parent_id', '=', parent.id) : eb('parent_id', 'is', null)))
              .executeTakeFirstOrThrow()
          ).next,
        );
      const values = {
        parent_id: parent?.id ?? null,
        level,
        code: input.code,
        name: input.name,
        max_score: parented || input.maxScore === null || input.maxScore === undefined ? null : tenthsOf(input.maxScore),
        guidance: input.guidance ?? null,
        evidence: input.evidence ?? null,
        veto: parented ? false : input.veto,
        sort_order: sortOrder,
      };
      const duplicate = (e: unknown) => {
        throw isUniqueViolation(e) ? new AppError('BAD_REQUEST', INDICATOR_MESSAGES.duplicateCode(input.code)) : e;
      };
      const after = before
        ? await tx.updateTable('indicator_nodes').set(values).where('id', '=', before.id).returning(nodeReturning).executeTakeFirstOrThrow().catch(duplicate)
        : await tx
            .insertInto('indicator_nodes')
            .values({ ...columnsOf(placeOf(draft)), version_id: draft.id, ...values })
            .returning(nodeReturning)
            .executeTakeFirstOrThrow()
            .catch(duplicate);
      if (parent && (parent.max_score !== null || parent.veto)) await tx.updateTable('indicator_nodes').set({ max_score: null, veto: false }).where('id', '=', parent.id).execute();
      const touched = await touchVersion(tx, draft);
      await ctx.audit(tx, {
        action: before ? 'indicatorSystem.updateIndicator' : 'indicatorSystem.addIndicator',
        subjectType: 'IndicatorSystem',
        subjectId: draft.id,
        jurisdiction: placeOf(draft),
        before: before && nodeDto(before),
        after: nodeDto(after),
      });
      return { indicator: nodeDto(after), version: touched.version };
    }),
  );

/** Removes an indicator of a draft with everything below it. */
export const deleteIndicator = authorized('update', 'IndicatorSystem')
  .input(indicatorDeleteInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const draft = await editableDraft(tx, ctx.ability, input.versionId, input.version);
      const node = await nodeOf(tx, draft.id, input.id);
      const removed = await tx
        .selectFrom('indicator_nodes')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('version_id', '=', draft.id)
        .where((eb) => eb.or([eb('id', '=', node.id), eb('parent_id', '=', node.id), eb('parent_id', 'in', eb.selectFrom('indicator_nodes').select('id').where('parent_id', '=', node.id))]))
        .executeTakeFirstOrThrow();
      // The parent key cascades: children and grandchildren go with it.
      await tx.deleteFrom('indicator_nodes').where('id', '=', node.id).execute();
      const touched = await touchVersion(tx, draft);
      await ctx.audit(tx, { action: 'indicatorSystem.deleteIndicator', subjectType: 'IndicatorSystem', subjectId: draft.id, jurisdiction: placeOf(draft), before: { ...nodeDto(node), removed: Number(removed.n) } });
      return { removed: Number(removed.n), version: touched.version };
    }),
  );

import { auditListInput } from '@fz/domain';
import { authorized, router } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor } from '../../sql/cursor.js';
import { ancestorColumn, readableJurisdiction } from '../jurisdictions/queries.js';

export const auditRouter = router({
  /** Audit rows of a node's subtree that the caller may read, newest first. */
  list: authorized('read', 'AuditLog')
    .input(auditListInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const node = await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
        const after = decodeCursor(input.cursor);
        let q = tx
          .selectFrom('audit_log as a')
          .select(['a.id', 'a.at', 'a.actor_username', 'a.action', 'a.subject_type', 'a.subject_id', 'a.jurisdiction_id', 'a.before', 'a.after', 'a.request_id'])
          .where(`a.${ancestorColumn(node.level)}`, '=', node.id)
          .where(allowedWhere(ctx.ability, 'read', 'AuditLog', 'a'))
          .orderBy('a.id', 'desc')
          .limit(input.limit + 1);
        if (input.action) q = q.where('a.action', '=', input.action);
        if (input.subjectType) q = q.where('a.subject_type', '=', input.subjectType);
        if (after) {
          const id = after[0];
          if (typeof id === 'string' && /^\d+$/.test(id)) q = q.where('a.id', '<', id);
        }
        const rows = await q.execute();
        const page = rows.slice(0, input.limit);
        const last = page.at(-1);
        return {
          items: page.map((r) => ({
            id: r.id,
            at: new Date(r.at).toISOString(),
            actorUsername: r.actor_username,
            action: r.action,
            subjectType: r.subject_type,
            subjectId: r.subject_id,
            jurisdictionId: r.jurisdiction_id,
            before: r.before,
            after: r.after,
            requestId: r.request_id,
          })),
          nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
        };
      }),
    ),
});

import { sql } from 'kysely';
import { AppError, BACKGROUND_EXPORT_KEEP_DAYS, BACKGROUND_EXPORT_MAX_ROWS, LEDGER_EXPORT_MESSAGES, ledgerExportListInput, ledgerExportRequestInput } from '@fz/domain';
import { authorized, router } from '../../trpc/init.js';
import { decodeCursor, encodeCursor, numberAt } from '../../sql/cursor.js';
import { ownPlace } from '../../sql/place.js';
import { ledgerCount } from '../items/ledger.js';
import { exportColumns, exportDto, failExport } from './queries.js';

/**
 * Background ledger exports (后台导出): request one with the ledger's filters (checked, counted
 * and refused over BACKGROUND_EXPORT_MAX_ROWS now, not in the job), and list the caller's own,
 * which the page polls while one runs. The file is an HTTP route (`http/items-excel.ts`).
 */
export const ledgerExportsRouter = router({
  request: authorized('read', 'RectificationItem')
    .input(ledgerExportRequestInput)
    .mutation(async ({ ctx, input }) => {
      const p = ctx.principal;
      const created = await ctx.tx(async (tx) => {
        const mine = (q: typeof tx) => q.selectFrom('ledger_exports').select(exportColumns).where('requested_by', '=', p.userId).where('request_key', '=', input.requestKey);
        const again = await mine(tx).executeTakeFirst();
        if (again) return { row: again, fresh: false };
        // Refuses a node the caller may not read (NOT_FOUND), like the ledger itself.
        const total = await ledgerCount(tx, ctx, ctx.services.today(), input.filter);
        if (total > BACKGROUND_EXPORT_MAX_ROWS) throw new AppError('BAD_REQUEST', LEDGER_EXPORT_MESSAGES.tooManyRows(BACKGROUND_EXPORT_MAX_ROWS));
        const inserted = await tx
          .insertInto('ledger_exports')
          .values({
            ...ownPlace(p),
            requested_by: p.userId,
            requested_by_name: ctx.session.displayName,
            request_key: input.requestKey,
            filter: JSON.stringify(input.filter),
            total_rows: total,
            expires_at: sql<Date>`now() + make_interval(days => ${BACKGROUND_EXPORT_KEEP_DAYS})`,
          })
          .onConflict((oc) => oc.columns(['requested_by', 'request_key']).doNothing())
          .returning(exportColumns)
          .executeTakeFirst();
        // Two sends of one request at the same moment: the other one's row.
        if (!inserted) return { row: await mine(tx).executeTakeFirstOrThrow(), fresh: false };
        const j = p.jurisdiction;
        await ctx.audit(tx, { action: 'item.exportRequest', subjectType: 'LedgerExport', subjectId: inserted.id, jurisdiction: { ...j, jurisdictionId: j.id }, unitId: p.unitId, after: { filter: input.filter, totalRows: total } });
        return { row: inserted, fresh: true };
      });
      if (created.fresh) {
        try {
          if (!ctx.services.queue) throw new Error('no job queue in this process');
          await ctx.services.queue.sendLedgerExport({ exportId: created.row.id, requesterId: p.userId, jurisdictionId: p.jurisdiction.id });
        } catch (e) {
          ctx.services.log.error({ err: e, ledgerExport: created.row.id }, 'could not queue the ledger export');
          await ctx.tx((tx) => failExport(tx, created.row.id, LEDGER_EXPORT_MESSAGES.queueUnavailable));
          throw new AppError('SERVICE_UNAVAILABLE', LEDGER_EXPORT_MESSAGES.queueUnavailable);
        }
      }
      return exportDto(created.row);
    }),

  list: authorized('read', 'RectificationItem')
    .input(ledgerExportListInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const after = decodeCursor(input.cursor);
        let q = tx.selectFrom('ledger_exports').select(exportColumns).where('requested_by', '=', ctx.principal.userId).orderBy('id', 'desc').limit(input.limit + 1);
        if (after) q = q.where('id', '<', numberAt(after, 0));
        const rows = await q.execute();
        const page = rows.slice(0, input.limit);
        const last = page.at(-1);
        return { items: page.map((r) => exportDto(r)), nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null };
      }),
    ),
});

import { AppError, BACKGROUND_EXPORT_MAX_ROWS, BACKGROUND_EXPORT_PAGE_ROWS, LEDGER_EXPORT_MESSAGES, defineAbilityFor, itemExportInput, ledgerExportFileName, levelOfCode } from '@fz/domain';
import type { Principal } from '@fz/domain';
import type { Db, Tx } from '@fz/db';
import { withScope } from '@fz/db';
import type { Logger } from '../../trpc/context.js';
import { auditWriter } from '../../trpc/audit.js';
import { loadPrincipal } from '../auth/session.js';
import { auditExport, inspectionTitles, ledgerTitle, ledgerWorkbookStream } from '../items/excel/export.js';
import { ledgerItem, ledgerKey, ledgerRows } from '../items/ledger.js';
import { encodeCursor } from '../../sql/cursor.js';
import { claimExport, failExport, setExportProgress } from './queries.js';

/** What the queue carries: the export and who asked for it where (the job acts as that user). */
export interface LedgerExportPayload {
  exportId: number;
  requesterId: number;
  jurisdictionId: number;
}

export type LedgerExportRunResult = 'skipped' | 'succeeded' | 'failed';

class Failed extends Error {
  constructor(readonly failure: string) {
    super('ledger export failed');
  }
}

/** The requester as they are now: still active, in the same place, still allowed to read items. */
async function requesterOf(db: Db, p: LedgerExportPayload): Promise<Principal> {
  const principal = await loadPrincipal(db, p.requesterId);
  if (!principal || principal.jurisdiction.id !== p.jurisdictionId || !defineAbilityFor(principal).can('read', 'RectificationItem')) throw new Failed(LEDGER_EXPORT_MESSAGES.requesterGone);
  return principal;
}

/**
 * Writes one background ledger export as its requester, under the requester's RLS scope and
 * ability throughout: the ledger is read page by page in the ledger's order (each page its own
 * short transaction, which also records the progress) into a streamed workbook, which is then
 * audited and stored in one transaction. Pages are not one snapshot: an item changed meanwhile shows as
 * either moment. Safe to run again (a retry after a crash): a finished export is skipped.
 */
export async function runLedgerExport(db: Db, payload: LedgerExportPayload, today: string, log: Logger, limits: { pageRows?: number; maxRows?: number } = {}): Promise<LedgerExportRunResult> {
  const pageRows = limits.pageRows ?? BACKGROUND_EXPORT_PAGE_ROWS;
  const maxRows = limits.maxRows ?? BACKGROUND_EXPORT_MAX_ROWS;
  const level = levelOfCode(String(payload.jurisdictionId));
  if (!level) return 'skipped';
  const scoped = <T>(fn: (tx: Tx) => Promise<T>) => withScope(db, { userId: payload.requesterId, level, jurisdictionId: payload.jurisdictionId }, fn);
  const row = await scoped((tx) => claimExport(tx, payload.exportId));
  if (!row || row.requested_by !== payload.requesterId) return 'skipped';
  const id = row.id;
  try {
    const principal = await requesterOf(db, payload);
    const parsed = itemExportInput.safeParse(row.filter);
    if (!parsed.success) throw new Failed(LEDGER_EXPORT_MESSAGES.jobFailed);
    const filter = parsed.data;
    const who = { principal, ability: defineAbilityFor(principal) };
    // Each page goes straight into the streamed workbook: memory stays flat however long the ledger.
    const sheet = ledgerWorkbookStream(await scoped((tx) => ledgerTitle(tx, filter.jurisdictionId ?? principal.jurisdiction.id, today)));
    let read = 0;
    let cursor: string | null = null;
    for (;;) {
      // One short transaction a page: its lines, their inspections' titles, and the progress so far.
      const upTo = read;
      const { page, titles } = await scoped(async (tx) => {
        const rows = await ledgerRows(tx, who, today, filter, { limit: pageRows, cursor });
        if (upTo + rows.length > maxRows) throw new Failed(LEDGER_EXPORT_MESSAGES.tooManyRows(maxRows));
        await setExportProgress(tx, id, upTo + rows.length);
        return { page: rows, titles: await inspectionTitles(tx, rows.map((r) => r.inspection_id)) };
      });
      read += page.length;
      sheet.add(page.map(ledgerItem), titles);
      const last = page.at(-1);
      if (page.length < pageRows || !last) break;
      cursor = encodeCursor(ledgerKey(filter.sort, last));
    }
    const file = await sheet.finish();
    await scoped(async (tx) => {
      const current = await tx.selectFrom('ledger_exports').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
      if (current?.status !== 'running') throw new Failed(LEDGER_EXPORT_MESSAGES.jobFailed);
      const username = (await tx.selectFrom('users').select('username').where('id', '=', principal.userId).executeTakeFirstOrThrow()).username;
      await auditExport(tx, { principal, audit: auditWriter(principal, username, { requestId: `ledger-export:${id}`, ip: null }) }, filter, file.rowCount, { exportId: id, background: true });
      await tx
        .updateTable('ledger_exports')
        .set({ status: 'succeeded', processed_rows: file.rowCount, file_name: ledgerExportFileName(today), file_data: file.buffer, size_bytes: file.buffer.length, finished_at: new Date(), updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    });
    log.info({ ledgerExport: id, rows: read }, 'ledger export done');
    return 'succeeded';
  } catch (e) {
    const failure = e instanceof Failed ? e.failure : e instanceof AppError && (e.code === 'BAD_REQUEST' || e.code === 'NOT_FOUND') ? e.message : null;
    if (failure === null) log.error({ err: e, ledgerExport: id }, 'ledger export failed');
    await scoped((tx) => failExport(tx, id, failure ?? LEDGER_EXPORT_MESSAGES.jobFailed));
    return 'failed';
  }
}

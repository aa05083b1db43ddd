import { sql } from 'kysely';
import type { LedgerExportStatus } from '@fz/domain';
import type { Tx } from '@fz/db';

/** A running export records progress with every page; one silent this long has lost its worker. */
const STALE_MINUTES = 15;

export const exportColumns = ['id', 'status', 'total_rows', 'processed_rows', 'file_name', 'size_bytes', 'failure', 'created_at', 'finished_at', 'expires_at'] as const;

interface ExportListRow {
  id: number;
  status: LedgerExportStatus;
  total_rows: number;
  processed_rows: number;
  file_name: string | null;
  size_bytes: number | null;
  failure: string | null;
  created_at: Date;
  finished_at: Date | null;
  expires_at: Date;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Past its week: the file is refused (and the nightly clean-up deletes the row). */
export const isExpired = (r: { expires_at: Date }, now = new Date()) => new Date(r.expires_at).getTime() <= now.getTime();

/** An export as its requester's list shows it; the file only while it has not expired. */
export function exportDto(r: ExportListRow, now = new Date()) {
  const expired = isExpired(r, now);
  return {
    id: r.id,
    status: r.status,
    totalRows: r.total_rows,
    processedRows: Math.min(r.processed_rows, r.total_rows),
    fileName: r.file_name,
    sizeBytes: r.size_bytes,
    failure: r.failure,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
    expiresAt: iso(r.expires_at)!,
    downloadable: r.status === 'succeeded' && !expired,
    expired,
  };
}

/** Takes a queued export for this run, or one whose run died; null when finished or another run is at it. */
export async function claimExport(tx: Tx, id: number) {
  return tx
    .updateTable('ledger_exports')
    .set({ status: 'running', processed_rows: 0, started_at: sql<Date>`coalesce(started_at, now())`, updated_at: new Date() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('updated_at', '<', sql<Date>`now() - make_interval(mins => ${STALE_MINUTES})`)])]))
    .returning(['id', 'requested_by', 'filter'])
    .executeTakeFirst();
}

export async function setExportProgress(tx: Tx, id: number, processed: number): Promise<void> {
  await tx.updateTable('ledger_exports').set({ processed_rows: processed, updated_at: new Date() }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function failExport(tx: Tx, id: number, failure: string): Promise<void> {
  await tx
    .updateTable('ledger_exports')
    .set({ status: 'failed', failure, file_data: null, finished_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}


import type { Db } from '@fz/db';
import { withJobs } from '@fz/db';
import type { Storage, StoredObject } from '../storage/storage.js';
import { CONTENT_PREFIX } from '../storage/storage.js';

export const DEFAULT_ORPHAN_GRACE_MS = 24 * 3600_000;

export interface CleanOrphansOptions {
  /** Only objects not modified for this long are candidates (default 24 h): an upload writes its file before its row. */
  olderThanMs?: number;
  now?: Date;
  /** Objects checked against the database per query (default 500). */
  batchSize?: number;
}

export interface CleanOrphansResult {
  scanned: number;
  deleted: number;
  referenced: number;
  /** Too new to judge (inside the grace period). */
  fresh: number;
}

/** Which of `keys` some row still points at: item evidence, a plan progress report's file, a demonstration file (evidence, report file), or a metric value's evidence. */
async function referencedKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await withJobs(db, (tx) =>
    tx
      .selectFrom('attachments')
      .select('storage_key')
      .where('storage_key', 'in', keys)
      .union((eb) => eb.selectFrom('plan_report_files').select('storage_key').where('storage_key', 'in', keys))
      .union((eb) => eb.selectFrom('application_files').select('storage_key').where('storage_key', 'in', keys))
      .union((eb) => eb.selectFrom('metric_value_files').select('storage_key').where('storage_key', 'in', keys))
      .execute(),
  );
  return new Set(rows.map((r) => r.storage_key));
}

/**
 * Deletes stored files that no attachments, plan_report_files, application_files or metric_value_files row references and that are older than
 * the grace period. Uploads write the file, then the row; a re-upload of known content touches
 * the file (Storage.put). So before deleting, each candidate is looked at again: still old,
 * still unreferenced. Only content-addressed keys (sha256/…) are considered.
 */
export async function cleanOrphans(db: Db, storage: Storage, opts: CleanOrphansOptions = {}): Promise<CleanOrphansResult> {
  const cutoff = (opts.now ?? new Date()).getTime() - (opts.olderThanMs ?? DEFAULT_ORPHAN_GRACE_MS);
  const batchSize = opts.batchSize ?? 500;
  const result: CleanOrphansResult = { scanned: 0, deleted: 0, referenced: 0, fresh: 0 };
  const isOld = (o: StoredObject) => o.modifiedAt.getTime() < cutoff;

  const settle = async (batch: StoredObject[]) => {
    const inUse = await referencedKeys(
      db,
      batch.map((o) => o.key),
    );
    result.referenced += inUse.size;
    const candidates: string[] = [];
    for (const o of batch) {
      if (inUse.has(o.key)) continue;
      const now = await storage.stat(o.key);
      if (now === null) continue;
      if (isOld(now)) candidates.push(o.key);
      else result.fresh += 1;
    }
    const lateRows = await referencedKeys(db, candidates);
    result.referenced += lateRows.size;
    for (const key of candidates) {
      if (lateRows.has(key)) continue;
      await storage.delete(key);
      result.deleted += 1;
    }
  };

  let batch: StoredObject[] = [];
  for await (const o of storage.list(CONTENT_PREFIX)) {
    result.scanned += 1;
    if (!isOld(o)) {
      result.fresh += 1;
      continue;
    }
    batch.push(o);
    if (batch.length >= batchSize) {
      await settle(batch);
      batch = [];
    }
  }
  await settle(batch);
  return result;
}

import { createHash } from 'node:crypto';
import { AppError, EVIDENCE_MESSAGES, EVIDENCE_TYPES, editBlockedReason, sniffEvidence } from '@fz/domain';
import type { AppAbility, EvidenceKind } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';
import type { Storage } from '../../storage/storage.js';
import { contentKey } from '../../storage/storage.js';
import type { ItemCtx } from '../items/events.js';
import { recordEvent } from '../items/events.js';
import type { ItemRow } from '../items/queries.js';
import { itemRecord, visibleItem } from '../items/queries.js';
import { attachedFile, storedFileValues } from './file-rows.js';

export interface StoredFile {
  sha256: string;
  size: number;
  kind: EvidenceKind;
  mime: string;
  name: string;
  storageKey: string;
}

/** An item the caller may add evidence to now (NOT_FOUND / FORBIDDEN / BAD_REQUEST otherwise). */
export async function evidenceTarget(tx: Tx, ability: AppAbility, itemId: number): Promise<ItemRow> {
  const item = await visibleItem(tx, ability, itemId, 'uploadEvidence');
  const blocked = editBlockedReason(item.status, 'attach');
  if (blocked !== null) throw new AppError('BAD_REQUEST', blocked);
  return item;
}

/** Checks the content, then writes it to storage under its sha256 (before any row points at it). */
export async function storeEvidence(storage: Storage, data: Buffer, fileName: string): Promise<StoredFile> {
  const name = fileName.trim();
  if (name.length === 0 || name.length > 200) throw new AppError('BAD_REQUEST', EVIDENCE_MESSAGES.badName);
  const kind = sniffEvidence(data, name);
  if (kind === null) throw new AppError('BAD_REQUEST', EVIDENCE_MESSAGES.badType);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const storageKey = contentKey(sha256);
  await storage.put(storageKey, data);
  return { sha256, size: data.length, kind, mime: EVIDENCE_TYPES[kind].mime, name, storageKey };
}

/**
 * Records stored evidence on an item, once per content: the same file uploaded twice returns
 * the first row. A timeline entry and an audit row go with a new row; the item's version is
 * untouched (evidence does not conflict with edits of the item).
 */
export async function attachEvidence(tx: Tx, ctx: ItemCtx, itemId: number, file: StoredFile) {
  const item = await evidenceTarget(tx, ctx.ability, itemId);
  const inserted = await tx
    .insertInto('attachments')
    .values({ ...storedFileValues(item, ctx, file), item_id: item.id })
    .onConflict((oc) => oc.columns(['item_id', 'sha256']).doNothing())
    .returning(['id', 'created_at'])
    .executeTakeFirst();
  if (!inserted) {
    const existing = await tx.selectFrom('attachments').select(['id', 'original_name', 'created_at']).where('item_id', '=', item.id).where('sha256', '=', file.sha256).executeTakeFirstOrThrow();
    return attachedFile(file, existing.id, existing);
  }
  const dto = attachedFile(file, inserted.id);
  await recordEvent(tx, ctx, item, { event: 'attach', payload: { attachmentId: inserted.id, name: file.name, size: file.size, sha256: file.sha256 } });
  await ctx.audit(tx, { action: 'item.attach', subjectType: 'Attachment', subjectId: inserted.id, jurisdiction: itemRecord(item), unitId: item.unit_id, after: dto });
  return dto;
}

/** An attachment the caller may read (RLS-scoped lookup, then the ability on its item's place). */
export async function readableAttachment(tx: Tx, ability: AppAbility, id: number) {
  const row = await tx
    .selectFrom('attachments')
    .select(['id', 'item_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'mime', 'original_name', 'storage_key', 'size_bytes', 'sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'RectificationItem', {
    jurisdictionId: row.jurisdiction_id,
    provinceId: row.province_id,
    cityId: row.city_id,
    countyId: row.county_id,
    townshipId: row.township_id,
  });
  return row;
}

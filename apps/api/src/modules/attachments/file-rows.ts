import type { ItemCtx } from '../items/events.js';
import type { StoredFile } from './service.js';

/**
 * What every table of uploaded files (attachments, plan_report_files, metric_value_files,
 * application_files) shares: the place it is filed under (for RLS), the stored content and its
 * uploader; and the answer an upload gets, the new row or the first one with the same content.
 */

export interface PlacedRow {
  jurisdiction_id: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

/** The columns of a file row filed under `owner`'s place. */
export function storedFileValues(owner: PlacedRow, ctx: ItemCtx, file: StoredFile) {
  return {
    jurisdiction_id: owner.jurisdiction_id,
    province_id: owner.province_id,
    city_id: owner.city_id,
    county_id: owner.county_id,
    township_id: owner.township_id,
    sha256: file.sha256,
    size_bytes: file.size,
    mime: file.mime,
    original_name: file.name,
    storage_key: file.storageKey,
    uploaded_by: ctx.principal.userId,
    uploaded_by_name: ctx.session.displayName,
  };
}

/** An upload's answer: `existing` is the row already holding this content (the name it was first given stays). */
export function attachedFile(file: StoredFile, id: number, existing?: { original_name: string }) {
  return { id, sha256: file.sha256, size: file.size, mime: file.mime, name: existing ? existing.original_name : file.name, duplicate: existing !== undefined };
}

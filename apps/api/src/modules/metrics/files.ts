import type { AppAbility } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';
import type { StoredFile } from '../attachments/service.js';
import type { PlacedRow } from '../attachments/file-rows.js';
import { attachedFile, storedFileValues } from '../attachments/file-rows.js';
import type { ItemCtx } from '../items/events.js';

const place = (r: PlacedRow) => ({
  jurisdictionId: r.jurisdiction_id,
  provinceId: r.province_id,
  cityId: r.city_id,
  countyId: r.county_id,
  townshipId: r.township_id,
});

/** A reported value its jurisdiction may add evidence to: NOT_FOUND outside RLS, FORBIDDEN for other roles. */
export async function valueForUpload(tx: Tx, ability: AppAbility, valueId: number) {
  const v = await tx.selectFrom('metric_values').select(['id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id']).where('id', '=', valueId).executeTakeFirst();
  if (!v) throw notFound();
  assertCan(ability, 'read', 'MetricValue', place(v));
  assertCan(ability, 'update', 'MetricValue', place(v));
  return v;
}

/** Records a stored file on a value, once per content (a second upload returns the first row). */
export async function attachValueFile(tx: Tx, ctx: ItemCtx, valueId: number, file: StoredFile) {
  const v = await valueForUpload(tx, ctx.ability, valueId);
  const inserted = await tx
    .insertInto('metric_value_files')
    .values({ ...storedFileValues(v, ctx, file), value_id: v.id })
    .onConflict((oc) => oc.columns(['value_id', 'sha256']).doNothing())
    .returning(['id'])
    .executeTakeFirst();
  if (!inserted) {
    const first = await tx.selectFrom('metric_value_files').select(['id', 'original_name']).where('value_id', '=', v.id).where('sha256', '=', file.sha256).executeTakeFirstOrThrow();
    return attachedFile(file, first.id, first);
  }
  const dto = attachedFile(file, inserted.id);
  await ctx.audit(tx, { action: 'metric.report.attach', subjectType: 'MetricValueFile', subjectId: inserted.id, jurisdiction: place(v), unitId: ctx.principal.unitId, after: { ...dto, valueId: v.id } });
  return dto;
}

/** A value's file the caller may read (RLS-scoped lookup, then the ability on the reporter's place). */
export async function readableValueFile(tx: Tx, ability: AppAbility, id: number) {
  const f = await tx
    .selectFrom('metric_value_files')
    .select(['id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'mime', 'original_name', 'storage_key'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!f) throw notFound();
  assertCan(ability, 'read', 'MetricValue', place(f));
  return f;
}

/** The files of a value, oldest first. */
export async function valueFiles(tx: Tx, valueId: number) {
  const rows = await tx.selectFrom('metric_value_files').select(['id', 'original_name', 'mime', 'size_bytes', 'uploaded_by_name', 'created_at']).where('value_id', '=', valueId).orderBy('id').execute();
  return rows.map((f) => ({ id: f.id, name: f.original_name, mime: f.mime, size: f.size_bytes, uploadedByName: f.uploaded_by_name, createdAt: new Date(f.created_at).toISOString() }));
}

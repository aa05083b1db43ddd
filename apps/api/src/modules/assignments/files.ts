import type { AppAbility } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';
import type { StoredFile } from '../attachments/service.js';
import type { ItemCtx } from '../items/events.js';

const place = (r: { jurisdiction_id: number; province_id: number; city_id: number | null; county_id: number | null; township_id: number | null }) => ({
  jurisdictionId: r.jurisdiction_id,
  provinceId: r.province_id,
  cityId: r.city_id,
  countyId: r.county_id,
  townshipId: r.township_id,
});

/** A progress report its unit may add files to: NOT_FOUND outside RLS, FORBIDDEN for other units. */
export async function reportForUpload(tx: Tx, ability: AppAbility, reportId: number) {
  const r = await tx
    .selectFrom('plan_reports')
    .select(['id', 'assignment_id', 'unit_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id'])
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!r) throw notFound();
  const record = { id: r.assignment_id, ...place(r), unitId: r.unit_id };
  assertCan(ability, 'read', 'PlanAssignment', record);
  assertCan(ability, 'reportProgress', 'PlanAssignment', record);
  return r;
}

/** Records a stored file on a report, once per content (a second upload returns the first row). */
export async function attachReportFile(tx: Tx, ctx: ItemCtx, reportId: number, file: StoredFile) {
  const r = await reportForUpload(tx, ctx.ability, reportId);
  const inserted = await tx
    .insertInto('plan_report_files')
    .values({
      report_id: r.id,
      jurisdiction_id: r.jurisdiction_id,
      province_id: r.province_id,
      city_id: r.city_id,
      county_id: r.county_id,
      township_id: r.township_id,
      sha256: file.sha256,
      size_bytes: file.size,
      mime: file.mime,
      original_name: file.name,
      storage_key: file.storageKey,
      uploaded_by: ctx.principal.userId,
      uploaded_by_name: ctx.session.displayName,
    })
    .onConflict((oc) => oc.columns(['report_id', 'sha256']).doNothing())
    .returning(['id'])
    .executeTakeFirst();
  if (!inserted) {
    const first = await tx.selectFrom('plan_report_files').select(['id', 'original_name']).where('report_id', '=', r.id).where('sha256', '=', file.sha256).executeTakeFirstOrThrow();
    return { id: first.id, sha256: file.sha256, size: file.size, mime: file.mime, name: first.original_name, duplicate: true };
  }
  const dto = { id: inserted.id, sha256: file.sha256, size: file.size, mime: file.mime, name: file.name, duplicate: false };
  await ctx.audit(tx, { action: 'plan.report.attach', subjectType: 'PlanReportFile', subjectId: inserted.id, jurisdiction: place(r), unitId: r.unit_id, after: { ...dto, reportId: r.id } });
  return dto;
}

/** A report's file the caller may read (RLS-scoped lookup, then the ability on the assignee's place). */
export async function readableReportFile(tx: Tx, ability: AppAbility, id: number) {
  const f = await tx
    .selectFrom('plan_report_files')
    .select(['id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'mime', 'original_name', 'storage_key'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!f) throw notFound();
  assertCan(ability, 'read', 'PlanAssignment', place(f));
  return f;
}

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
    .values({ ...storedFileValues(r, ctx, file), report_id: r.id })
    .onConflict((oc) => oc.columns(['report_id', 'sha256']).doNothing())
    .returning(['id'])
    .executeTakeFirst();
  if (!inserted) {
    const first = await tx.selectFrom('plan_report_files').select(['id', 'original_name']).where('report_id', '=', r.id).where('sha256', '=', file.sha256).executeTakeFirstOrThrow();
    return attachedFile(file, first.id, first);
  }
  const dto = attachedFile(file, inserted.id);
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

import { AppError, MESSAGES } from '@fz/domain';
import type { AppAbility } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, notFound } from '../../../trpc/init.js';
import type { StoredFile } from '../../attachments/service.js';
import type { DemoCtx } from '../common.js';
import { placeOf } from '../common.js';
import { attachedFile, storedFileValues } from '../../attachments/file-rows.js';
import { assertEditable, assessmentOf, leafOf, startIfNeeded, writeAssessment } from './assess.js';
import type { ApplicationRow } from './queries.js';
import { visibleApplication } from './queries.js';

/** An indicator of an application the caller may add evidence to now (NOT_FOUND / FORBIDDEN / BAD_REQUEST otherwise). */
export async function evidenceTarget(tx: Tx, ability: AppAbility, applicationId: number, indicatorId: number, lock = false): Promise<ApplicationRow> {
  const app = await visibleApplication(tx, ability, applicationId, 'save', lock);
  assertEditable(app, 'assess');
  await leafOf(tx, app, indicatorId);
  return app;
}

/**
 * Records stored evidence (佐证材料) on one indicator's self-assessment, once per content: the same
 * file again returns the first row. The assessment is created when the indicator had none yet, and
 * the application starts (自评中) as with a first save. Audited; the assessment's version is untouched.
 */
export async function attachAssessmentEvidence(tx: Tx, ctx: DemoCtx, applicationId: number, indicatorId: number, file: StoredFile, today: string) {
  const app = await evidenceTarget(tx, ctx.ability, applicationId, indicatorId, true);
  const assessment = (await assessmentOf(tx, app.id, indicatorId)) ?? (await writeAssessment(tx, app, indicatorId, undefined, undefined, {}));
  const inserted = await tx
    .insertInto('application_files')
    .values({ ...storedFileValues(app, ctx, file), application_id: app.id, assessment_id: assessment.id })
    .onConflict((oc) => oc.columns(['assessment_id', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await tx.selectFrom('application_files').select(['id', 'original_name']).where('assessment_id', '=', assessment.id).where('sha256', '=', file.sha256).executeTakeFirstOrThrow();
    return { ...attachedFile(file, existing.id, existing), assessmentId: assessment.id };
  }
  await startIfNeeded(tx, ctx, app, today);
  const dto = { ...attachedFile(file, inserted.id), assessmentId: assessment.id };
  await ctx.audit(tx, { action: 'application.attach', subjectType: 'ApplicationFile', subjectId: inserted.id, jurisdiction: placeOf(app), after: { ...dto, applicationId: app.id, indicatorId } });
  return dto;
}

/** A progress report the caller may add files to: the participant's own, through `reportProgress`. */
export async function reportTarget(tx: Tx, ability: AppAbility, reportId: number) {
  const report = await tx.selectFrom('progress_reports').select(['id', 'application_id']).where('id', '=', reportId).executeTakeFirst();
  if (!report) throw notFound();
  const app = await visibleApplication(tx, ability, report.application_id, 'reportProgress');
  return { report, app };
}

/** Records a stored file on a progress report, once per content. */
export async function attachReportFile(tx: Tx, ctx: DemoCtx, reportId: number, file: StoredFile) {
  const { report, app } = await reportTarget(tx, ctx.ability, reportId);
  const inserted = await tx
    .insertInto('application_files')
    .values({ ...storedFileValues(app, ctx, file), application_id: app.id, report_id: report.id })
    .onConflict((oc) => oc.columns(['report_id', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await tx.selectFrom('application_files').select(['id', 'original_name']).where('report_id', '=', report.id).where('sha256', '=', file.sha256).executeTakeFirstOrThrow();
    return { ...attachedFile(file, existing.id, existing), reportId: report.id };
  }
  const dto = { ...attachedFile(file, inserted.id), reportId: report.id };
  await ctx.audit(tx, { action: 'application.reportFile', subjectType: 'ApplicationFile', subjectId: inserted.id, jurisdiction: placeOf(app), after: { ...dto, applicationId: app.id } });
  return dto;
}

export const fileColumns = ['id', 'application_id', 'assessment_id', 'report_id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'mime', 'original_name', 'storage_key', 'size_bytes', 'sha256'] as const;

/** A file the caller may read (RLS-scoped lookup, then the ability on the participant's place). */
export async function readableFile(tx: Tx, ability: AppAbility, id: number) {
  const row = await tx.selectFrom('application_files').select(fileColumns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'Application', placeOf(row));
  return row;
}

/** Removes an evidence file from a self-assessment still being filled in (the stored content stays for the orphan clean-up). */
export async function removeEvidenceFile(tx: Tx, ctx: DemoCtx, id: number) {
  const file = await readableFile(tx, ctx.ability, id);
  if (file.assessment_id === null) throw new AppError('BAD_REQUEST', '进展报送的材料不能删除');
  const app = await visibleApplication(tx, ctx.ability, file.application_id, 'save', true);
  assertEditable(app, 'assess');
  const deleted = await tx.deleteFrom('application_files').where('id', '=', file.id).executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw new AppError('CONFLICT', MESSAGES.conflict);
  await ctx.audit(tx, { action: 'application.removeEvidence', subjectType: 'ApplicationFile', subjectId: file.id, jurisdiction: placeOf(app), before: { applicationId: app.id, assessmentId: file.assessment_id, name: file.original_name, sha256: file.sha256, size: file.size_bytes } });
  return { id: file.id, applicationId: app.id, assessmentId: file.assessment_id };
}

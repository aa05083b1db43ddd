import { AppError, DEMONSTRATION_MESSAGES, MESSAGES, applicationEditBlockedReason, decideApplicationEvent, formatTenths } from '@fz/domain';
import type { ApplicationEdit } from '@fz/domain';
import type { Tx } from '@fz/db';
import type { DemoCtx } from '../common.js';
import { isUniqueViolation } from '../../units/queries.js';
import { nodeColumns } from '../systems/queries.js';
import type { NodeRow } from '../systems/queries.js';
import { changeApplication } from './events.js';
import type { ApplicationRow, AssessmentRow } from './queries.js';
import { applicationRecord, assessmentColumns, assessmentReturning, assessmentsOf } from './queries.js';
import { scoreApplication, scoringBasis } from './scoring.js';

export function assertEditable(app: ApplicationRow, edit: ApplicationEdit): void {
  const blocked = applicationEditBlockedReason(app.status, edit);
  if (blocked !== null) throw new AppError('BAD_REQUEST', blocked);
}

/** A leaf indicator of the application's standard (BAD_REQUEST otherwise). */
export async function leafOf(tx: Tx, app: ApplicationRow, indicatorId: number): Promise<NodeRow> {
  const node = await tx.selectFrom('indicator_nodes as n').select(nodeColumns).where('n.id', '=', indicatorId).executeTakeFirst();
  if (!node || node.version_id !== app.version_id) throw new AppError('BAD_REQUEST', DEMONSTRATION_MESSAGES.indicatorNotInCampaign);
  const child = await tx.selectFrom('indicator_nodes').select('id').where('parent_id', '=', node.id).limit(1).executeTakeFirst();
  if (child) throw new AppError('BAD_REQUEST', DEMONSTRATION_MESSAGES.notALeaf);
  return node;
}

export function assertWithinMax(node: NodeRow, tenths: number | null): void {
  if (tenths !== null && node.max_score !== null && tenths > node.max_score) throw new AppError('BAD_REQUEST', DEMONSTRATION_MESSAGES.scoreAboveMax(formatTenths(node.max_score)));
}

export async function assessmentOf(tx: Tx, applicationId: number, indicatorId: number): Promise<AssessmentRow | undefined> {
  return tx.selectFrom('assessments as x').select(assessmentColumns).where('x.application_id', '=', applicationId).where('x.indicator_id', '=', indicatorId).executeTakeFirst();
}

type AssessmentFields = Partial<Pick<AssessmentRow, 'self_score' | 'explanation' | 'reviewed_score' | 'review_comment' | 'veto_hit'>> & { assessed_at?: Date; assessed_by_name?: string; reviewed_at?: Date; reviewed_by_name?: string };

/**
 * Writes one indicator's assessment: inserted on first touch, otherwise updated at the version the
 * caller last read (CONFLICT when someone else saved in between).
 */
export async function writeAssessment(tx: Tx, app: ApplicationRow, indicatorId: number, existing: AssessmentRow | undefined, version: number | null | undefined, fields: AssessmentFields): Promise<AssessmentRow> {
  if (!existing) {
    return tx
      .insertInto('assessments')
      .values({ application_id: app.id, indicator_id: indicatorId, version_id: app.version_id, jurisdiction_id: app.jurisdiction_id, province_id: app.province_id, city_id: app.city_id, county_id: app.county_id, township_id: app.township_id, ...fields })
      .returning(assessmentReturning)
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? new AppError('CONFLICT', MESSAGES.conflict) : e;
      });
  }
  if (version !== existing.version) throw new AppError('CONFLICT', MESSAGES.conflict);
  const row = await tx
    .updateTable('assessments')
    .set((eb) => ({ ...fields, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', existing.id)
    .where('version', '=', existing.version)
    .returning(assessmentReturning)
    .executeTakeFirst();
  if (!row) throw new AppError('CONFLICT', MESSAGES.conflict);
  return row;
}

/**
 * The participant's first save (or first save after a return) starts the application: the `save`
 * event moves it to 自评中. Later saves leave the status alone (no version bump, no timeline noise).
 */
export async function startIfNeeded(tx: Tx, ctx: DemoCtx, app: ApplicationRow, today: string): Promise<ApplicationRow> {
  if (app.status === 'in_progress') return app;
  const basis = await scoringBasis(tx, app);
  const scored = scoreApplication(app, basis, await assessmentsOf(tx, app.id));
  const decision = decideApplicationEvent(ctx.ability, applicationRecord(app), scored.facts, 'save', {}, today);
  if (!decision.ok) throw new AppError(decision.code, decision.message);
  return changeApplication(tx, ctx, app, app.version, { status: decision.to }, { event: 'save', from: app.status, to: decision.to });
}

import { AppError, MESSAGES } from '@fz/domain';
import type { Action, AppAbility, ApplicationStatus, ScopedRecord } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, notFound } from '../../../trpc/init.js';
import { iso, placeOf, points } from '../common.js';

export const applicationColumns = [
  'a.id',
  'a.campaign_id',
  'a.jurisdiction_id',
  'a.province_id',
  'a.city_id',
  'a.county_id',
  'a.township_id',
  'a.reviewer_jurisdiction_id',
  'a.owner_jurisdiction_id',
  'a.version_id',
  'a.status',
  'a.satisfaction_score',
  'a.evaluation_comment',
  'a.evaluated_at',
  'a.submitted_at',
  'a.decided_at',
  'a.version',
  'a.created_at',
  'a.updated_at',
] as const;

type Unqualified<T extends string> = T extends `a.${infer C}` ? C : never;
export const applicationReturning = applicationColumns.map((c) => c.slice(2) as Unqualified<typeof c>);

export interface ApplicationRow {
  id: number;
  campaign_id: number;
  jurisdiction_id: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
  reviewer_jurisdiction_id: number;
  owner_jurisdiction_id: number;
  version_id: number;
  status: ApplicationStatus;
  satisfaction_score: number | null;
  evaluation_comment: string | null;
  evaluated_at: Date | null;
  submitted_at: Date | null;
  decided_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** What abilities judge an application by: the participant, its reviewer and the campaign's owner. */
export function applicationRecord(a: ApplicationRow): ScopedRecord & { jurisdictionId: number } {
  return { id: a.id, ...placeOf(a), reviewerJurisdictionId: a.reviewer_jurisdiction_id, ownerJurisdictionId: a.owner_jurisdiction_id };
}

/**
 * An application the caller may `action`: NOT_FOUND when RLS hides it, FORBIDDEN when only the
 * ability refuses. `lock` takes the row for the rest of the transaction, so a submission and an
 * edit of the same application never interleave.
 */
export async function visibleApplication(tx: Tx, ability: AppAbility, id: number, action: Action = 'read', lock = false): Promise<ApplicationRow> {
  let q = tx.selectFrom('applications as a').select(applicationColumns).where('a.id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'Application', applicationRecord(row));
  if (action !== 'read') assertCan(ability, action, 'Application', applicationRecord(row));
  return row;
}

export function assertApplicationVersion(row: ApplicationRow, version: number): void {
  if (row.version !== version) throw new AppError('CONFLICT', MESSAGES.conflict);
}

export type ApplicationChanges = Partial<Pick<ApplicationRow, 'status' | 'satisfaction_score' | 'evaluation_comment' | 'evaluated_at' | 'submitted_at' | 'decided_at'>>;

/** Applies `changes` when the row still has `version`; CONFLICT otherwise. */
export async function updateApplication(tx: Tx, id: number, version: number, changes: ApplicationChanges): Promise<ApplicationRow> {
  const row = await tx
    .updateTable('applications')
    .set((eb) => ({ ...changes, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(applicationReturning)
    .executeTakeFirst();
  if (!row) throw new AppError('CONFLICT', MESSAGES.conflict);
  return row;
}

export function applicationSummary(a: ApplicationRow) {
  return {
    id: a.id,
    campaignId: a.campaign_id,
    jurisdictionId: a.jurisdiction_id,
    reviewerJurisdictionId: a.reviewer_jurisdiction_id,
    ownerJurisdictionId: a.owner_jurisdiction_id,
    versionId: a.version_id,
    status: a.status,
    satisfactionScore: points(a.satisfaction_score),
    evaluationComment: a.evaluation_comment,
    evaluatedAt: iso(a.evaluated_at),
    submittedAt: iso(a.submitted_at),
    decidedAt: iso(a.decided_at),
    version: a.version,
    updatedAt: iso(a.updated_at)!,
  };
}

/** The fields an audit row keeps of an application. */
export function applicationSnapshot(a: ApplicationRow) {
  return { campaignId: a.campaign_id, jurisdictionId: a.jurisdiction_id, status: a.status, satisfactionScore: a.satisfaction_score, version: a.version };
}

export const assessmentColumns = [
  'x.id',
  'x.application_id',
  'x.indicator_id',
  'x.self_score',
  'x.explanation',
  'x.assessed_at',
  'x.assessed_by_name',
  'x.reviewed_score',
  'x.review_comment',
  'x.veto_hit',
  'x.reviewed_at',
  'x.reviewed_by_name',
  'x.version',
] as const;

type UnqualifiedX<T extends string> = T extends `x.${infer C}` ? C : never;
export const assessmentReturning = assessmentColumns.map((c) => c.slice(2) as UnqualifiedX<typeof c>);

export interface AssessmentRow {
  id: number;
  application_id: number;
  indicator_id: number;
  self_score: number | null;
  explanation: string | null;
  assessed_at: Date | null;
  assessed_by_name: string | null;
  reviewed_score: number | null;
  review_comment: string | null;
  veto_hit: boolean;
  reviewed_at: Date | null;
  reviewed_by_name: string | null;
  version: number;
}

export function assessmentDto(x: AssessmentRow) {
  return {
    id: x.id,
    indicatorId: x.indicator_id,
    selfScore: points(x.self_score),
    explanation: x.explanation,
    assessedAt: iso(x.assessed_at),
    assessedByName: x.assessed_by_name,
    reviewedScore: points(x.reviewed_score),
    reviewComment: x.review_comment,
    vetoHit: x.veto_hit,
    reviewedAt: iso(x.reviewed_at),
    reviewedByName: x.reviewed_by_name,
    version: x.version,
  };
}

export async function assessmentsOf(tx: Tx, applicationId: number): Promise<AssessmentRow[]> {
  return tx.selectFrom('assessments as x').select(assessmentColumns).where('x.application_id', '=', applicationId).orderBy('x.indicator_id').execute();
}

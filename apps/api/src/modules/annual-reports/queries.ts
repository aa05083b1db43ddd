import type { Selectable } from 'kysely';
import { AppError, ANNUAL_REPORT_SECTIONS, EDITABLE_ANNUAL_REPORT_STATUSES, MESSAGES, annualReportHeadings, availableAnnualReportEvents, subjectOf } from '@fz/domain';
import type { Action, AnnualReportFacts, AppAbility, ScopedRecord } from '@fz/domain';
import type { AnnualReportTable, Tx } from '@fz/db';
import { assertCan, notFound } from '../../trpc/init.js';

export const reportColumns = [
  'r.id',
  'r.jurisdiction_id',
  'r.province_id',
  'r.city_id',
  'r.county_id',
  'r.township_id',
  'r.level',
  'r.issuer_name',
  'r.reviewer_jurisdiction_id',
  'r.reviewer_name',
  'r.year',
  'r.title',
  'r.issuing_body',
  'r.issue_date',
  'r.intro',
  'r.measures',
  'r.first_responsible',
  'r.problems',
  'r.next_year',
  'r.figures',
  'r.figures_generated_at',
  'r.status',
  'r.return_reason',
  'r.submitted_at',
  'r.reviewed_at',
  'r.reviewed_by_name',
  'r.published_at',
  'r.version',
  'r.created_at',
  'r.updated_at',
] as const;

type Unqualified<T extends string> = T extends `r.${infer C}` ? C : never;
export type ReportRow = Pick<Selectable<AnnualReportTable>, Unqualified<(typeof reportColumns)[number]>>;
export const reportReturning = reportColumns.map((c) => c.slice(2) as Unqualified<typeof c>);

/** A report is judged by its author's place and the level that reviews it. */
export function reportRecord(r: Pick<ReportRow, 'id' | 'jurisdiction_id' | 'province_id' | 'city_id' | 'county_id' | 'township_id' | 'reviewer_jurisdiction_id'>): ScopedRecord & { jurisdictionId: number } {
  return {
    id: r.id,
    jurisdictionId: r.jurisdiction_id,
    provinceId: r.province_id,
    cityId: r.city_id,
    countyId: r.county_id,
    townshipId: r.township_id,
    ...(r.reviewer_jurisdiction_id !== null && { reviewerJurisdictionId: r.reviewer_jurisdiction_id }),
  };
}

/** The section texts by their domain keys. */
export function sectionsOf(r: Pick<ReportRow, 'measures' | 'first_responsible' | 'problems' | 'next_year'>) {
  return { measures: r.measures, firstResponsible: r.first_responsible, problems: r.problems, nextYear: r.next_year };
}

export function reportFacts(r: ReportRow): AnnualReportFacts {
  const sections = sectionsOf(r);
  return { status: r.status, hasReviewer: r.reviewer_jurisdiction_id !== null, sectionsComplete: ANNUAL_REPORT_SECTIONS.every((k) => sections[k].trim().length > 0) };
}

/**
 * A report the caller may `action`: NOT_FOUND when RLS hides it, FORBIDDEN when only the ability
 * refuses. A change reads the row again FOR UPDATE (the UPDATE policies filter it too), so edits
 * and lifecycle events of one report never interleave.
 */
export async function visibleReport(tx: Tx, ability: AppAbility, id: number, action: Action = 'read'): Promise<ReportRow> {
  const select = () => tx.selectFrom('annual_reports as r').select(reportColumns).where('r.id', '=', id);
  const row = await select().executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'AnnualReport', reportRecord(row));
  if (action === 'read') return row;
  assertCan(ability, action, 'AnnualReport', reportRecord(row));
  const locked = await select().forUpdate().executeTakeFirst();
  if (!locked) throw notFound();
  return locked;
}

export function assertReportVersion(r: ReportRow, version: number): void {
  if (r.version !== version) throw new AppError('CONFLICT', MESSAGES.conflict);
}

export function assertEditable(r: ReportRow): void {
  if (!EDITABLE_ANNUAL_REPORT_STATUSES.includes(r.status)) throw new AppError('BAD_REQUEST', '报告已报送或已审核,不能修改;被退回后方可修改');
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function reportSummary(r: ReportRow) {
  return {
    id: r.id,
    jurisdictionId: r.jurisdiction_id,
    level: r.level,
    issuerName: r.issuer_name,
    reviewerJurisdictionId: r.reviewer_jurisdiction_id,
    reviewerName: r.reviewer_name,
    year: r.year,
    title: r.title,
    status: r.status,
    returnReason: r.return_reason,
    submittedAt: iso(r.submitted_at),
    reviewedAt: iso(r.reviewed_at),
    publishedAt: iso(r.published_at),
    version: r.version,
    updatedAt: iso(r.updated_at)!,
  };
}

/** The report with its text, timeline and what the caller may do with it now. */
export async function reportDetail(tx: Tx, ability: AppAbility, r: ReportRow) {
  const events = await tx
    .selectFrom('annual_report_events')
    .select(['id', 'event', 'from_status', 'to_status', 'reason', 'actor_name', 'actor_unit_name', 'at'])
    .where('report_id', '=', r.id)
    .orderBy('id')
    .execute();
  const subject = subjectOf('AnnualReport', reportRecord(r));
  const editable = EDITABLE_ANNUAL_REPORT_STATUSES.includes(r.status) && ability.can('update', subject);
  return {
    ...reportSummary(r),
    issuingBody: r.issuing_body,
    issueDate: r.issue_date,
    intro: r.intro,
    sections: sectionsOf(r),
    figures: r.figures,
    figuresGeneratedAt: iso(r.figures_generated_at),
    reviewedByName: r.reviewed_by_name,
    createdAt: iso(r.created_at)!,
    headings: annualReportHeadings(r.year),
    events: events.map((e) => ({ id: e.id, event: e.event, fromStatus: e.from_status, toStatus: e.to_status, reason: e.reason, actorName: e.actor_name, actorUnitName: e.actor_unit_name, at: iso(e.at)! })),
    allowed: { update: editable, refreshFigures: editable, events: availableAnnualReportEvents(ability, reportRecord(r), reportFacts(r)) },
  };
}
export type ReportDetail = Awaited<ReturnType<typeof reportDetail>>;

/** What an audit row keeps about a report (the texts themselves are kept by the update's before/after). */
export function reportSnapshot(r: ReportRow) {
  return { year: r.year, title: r.title, status: r.status, version: r.version, returnReason: r.return_reason, issueDate: r.issue_date };
}

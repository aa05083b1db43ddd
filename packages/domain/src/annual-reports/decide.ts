import type { AppAbility, ScopedRecord } from '../ability.js';
import { subjectOf } from '../ability.js';
import { MESSAGES } from '../errors.js';
import { ANNUAL_REPORT_EVENTS, annualReportBlockedReason, annualReportTransitionFor } from './lifecycle.js';
import type { AnnualReportEvent, AnnualReportFacts, AnnualReportStatus } from './lifecycle.js';

export type AnnualReportDecision = { ok: true; to: AnnualReportStatus } | { ok: false; code: 'FORBIDDEN' | 'BAD_REQUEST'; message: string };

/** First who (CASL: the event name is the action on AnnualReport), then what the lifecycle requires. */
export function decideAnnualReportEvent(ability: AppAbility, record: ScopedRecord, facts: AnnualReportFacts, event: AnnualReportEvent, payload: { reason?: string | null | undefined }): AnnualReportDecision {
  if (!ability.can(event, subjectOf('AnnualReport', record))) return { ok: false, code: 'FORBIDDEN', message: MESSAGES.forbidden };
  const blocked = annualReportBlockedReason(facts, event, payload);
  if (blocked !== null) return { ok: false, code: 'BAD_REQUEST', message: blocked };
  return { ok: true, to: annualReportTransitionFor(event).to };
}

/** The events the caller may fire now (the buttons): allowed by CASL and not blocked by a fact the form cannot supply. */
export function availableAnnualReportEvents(ability: AppAbility, record: ScopedRecord, facts: AnnualReportFacts): AnnualReportEvent[] {
  const subject = subjectOf('AnnualReport', record);
  return ANNUAL_REPORT_EVENTS.filter((e) => ability.can(e, subject) && annualReportBlockedReason(facts, e, { reason: '-' }) === null);
}


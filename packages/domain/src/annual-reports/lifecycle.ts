type Labels<K extends string> = Record<K, { 'zh-CN': string; 'en-US': string }>;

/**
 * The annual report (法治政府建设年度报告) lifecycle as data. A jurisdiction writes its report
 * (draft), submits it to the level above (submitted), which returns it with a reason (returned,
 * edited and submitted again) or accepts it (accepted); the author then publishes it (published).
 * A province has no level above in the system: it publishes its draft directly.
 */
export const ANNUAL_REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted', 'published'] as const;
export type AnnualReportStatus = (typeof ANNUAL_REPORT_STATUSES)[number];
export const ANNUAL_REPORT_STATUS_LABELS: Labels<AnnualReportStatus> = {
  draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
  submitted: { 'zh-CN': '已报送', 'en-US': 'Submitted' },
  returned: { 'zh-CN': '已退回', 'en-US': 'Returned' },
  accepted: { 'zh-CN': '审核通过', 'en-US': 'Accepted' },
  published: { 'zh-CN': '已公开', 'en-US': 'Published' },
};

/** Statuses in which the author may still change the text. */
export const EDITABLE_ANNUAL_REPORT_STATUSES: readonly AnnualReportStatus[] = ['draft', 'returned'];

export const ANNUAL_REPORT_EVENTS = ['submit', 'return', 'accept', 'publish'] as const;
export type AnnualReportEvent = (typeof ANNUAL_REPORT_EVENTS)[number];
export const ANNUAL_REPORT_EVENT_LABELS: Labels<AnnualReportEvent> = {
  submit: { 'zh-CN': '报送上级', 'en-US': 'Submit' },
  return: { 'zh-CN': '退回修改', 'en-US': 'Return' },
  accept: { 'zh-CN': '审核通过', 'en-US': 'Accept' },
  publish: { 'zh-CN': '公开发布', 'en-US': 'Publish' },
};

/** The author is the report's own jurisdiction; the reviewer the level directly above it. */
export type AnnualReportActor = 'author' | 'reviewer';

export type AnnualReportRequirement = 'sections' | 'hasReviewer' | 'reason' | 'reviewedOrTop';

export interface AnnualReportTransition {
  event: AnnualReportEvent;
  from: readonly AnnualReportStatus[];
  to: AnnualReportStatus;
  requires: readonly AnnualReportRequirement[];
  actor: AnnualReportActor;
}

export const ANNUAL_REPORT_TRANSITIONS: readonly AnnualReportTransition[] = [
  { event: 'submit', from: ['draft', 'returned'], to: 'submitted', requires: ['hasReviewer', 'sections'], actor: 'author' },
  { event: 'return', from: ['submitted'], to: 'returned', requires: ['reason'], actor: 'reviewer' },
  { event: 'accept', from: ['submitted'], to: 'accepted', requires: [], actor: 'reviewer' },
  // From a draft only at the top of the tree (checked by reviewedOrTop).
  { event: 'publish', from: ['accepted', 'draft', 'returned'], to: 'published', requires: ['reviewedOrTop', 'sections'], actor: 'author' },
];

export const ANNUAL_REPORT_REQUIREMENT_MESSAGES: Record<AnnualReportRequirement, string> = {
  sections: '请先填写报告的全部四个部分',
  hasReviewer: '省级报告没有上级审核,请直接公开发布',
  reason: '请填写退回理由',
  reviewedOrTop: '报告须经上级审核通过后才能公开发布',
};

export interface AnnualReportFacts {
  status: AnnualReportStatus;
  /** A level above reviews this report (false only for a province). */
  hasReviewer: boolean;
  /** All four sections have text. */
  sectionsComplete: boolean;
}

export function annualReportTransitionFor(event: AnnualReportEvent): AnnualReportTransition {
  const t = ANNUAL_REPORT_TRANSITIONS.find((x) => x.event === event);
  if (!t) throw new Error(`no transition for ${event}`);
  return t;
}

/** Why `event` cannot happen now (a zh-CN message), or null when it can. */
export function annualReportBlockedReason(facts: AnnualReportFacts, event: AnnualReportEvent, payload: { reason?: string | null | undefined }): string | null {
  const t = annualReportTransitionFor(event);
  if (!t.from.includes(facts.status)) return `当前状态不能执行“${ANNUAL_REPORT_EVENT_LABELS[event]['zh-CN']}”`;
  for (const r of t.requires) {
    const ok =
      r === 'sections' ? facts.sectionsComplete
      : r === 'hasReviewer' ? facts.hasReviewer
      : r === 'reason' ? typeof payload.reason === 'string' && payload.reason.trim().length > 0
      : facts.status === 'accepted' || !facts.hasReviewer;
    if (!ok) return ANNUAL_REPORT_REQUIREMENT_MESSAGES[r];
  }
  return null;
}

export const eventsOfAnnualReportActor = (actor: AnnualReportActor): AnnualReportEvent[] => ANNUAL_REPORT_TRANSITIONS.filter((t) => t.actor === actor).map((t) => t.event);

/**
 * The application (申报) lifecycle of demonstration creation (示范创建) as data: which event moves
 * which status where, who fires it and what it needs. The API validates with it; the web app
 * derives its buttons from it. Saving a self-assessment is the `save` event (it starts the
 * application); per-indicator review and the evaluation are edits inside one status (see edits.ts).
 */
export const APPLICATION_STATUSES = ['not_started', 'in_progress', 'submitted', 'first_review', 'evaluation', 'named', 'not_passed', 'returned'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

type Labels<K extends string> = Record<K, { 'zh-CN': string; 'en-US': string }>;

export const APPLICATION_STATUS_LABELS: Labels<ApplicationStatus> = {
  not_started: { 'zh-CN': '未开始', 'en-US': 'Not started' },
  in_progress: { 'zh-CN': '自评中', 'en-US': 'In progress' },
  submitted: { 'zh-CN': '已申报', 'en-US': 'Submitted' },
  first_review: { 'zh-CN': '初审中', 'en-US': 'First review' },
  evaluation: { 'zh-CN': '评估中', 'en-US': 'Evaluation' },
  named: { 'zh-CN': '已命名', 'en-US': 'Named' },
  not_passed: { 'zh-CN': '未通过', 'en-US': 'Not passed' },
  returned: { 'zh-CN': '已退回', 'en-US': 'Returned' },
};

/** Statuses in which the participant may still change its self-assessment and evidence. */
export const EDITABLE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['not_started', 'in_progress', 'returned'];
/** Final statuses: the campaign owner has decided. */
export const DECIDED_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['named', 'not_passed'];

export const APPLICATION_EVENTS = ['save', 'submit', 'startReview', 'completeReview', 'return', 'name', 'fail'] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

export const APPLICATION_EVENT_LABELS: Labels<ApplicationEvent> = {
  save: { 'zh-CN': '保存自评', 'en-US': 'Save self-assessment' },
  submit: { 'zh-CN': '提交申报', 'en-US': 'Submit' },
  startReview: { 'zh-CN': '开始初审', 'en-US': 'Start review' },
  completeReview: { 'zh-CN': '初审通过', 'en-US': 'Complete review' },
  return: { 'zh-CN': '退回修改', 'en-US': 'Return' },
  name: { 'zh-CN': '命名', 'en-US': 'Name' },
  fail: { 'zh-CN': '评定未通过', 'en-US': 'Fail' },
};

/**
 * Who fires an event: the participant's own users (自评, 申报), the level directly above the
 * participant (初审: a county for its townships, a city for its counties), or the campaign's owner
 * (评估, 命名).
 */
export const APPLICATION_ACTORS = ['participant', 'reviewer', 'owner'] as const;
export type ApplicationActor = (typeof APPLICATION_ACTORS)[number];

export const APPLICATION_ACTOR_LABELS: Labels<ApplicationActor> = {
  participant: { 'zh-CN': '申报单位', 'en-US': 'Participant' },
  reviewer: { 'zh-CN': '初审单位', 'en-US': 'Reviewer' },
  owner: { 'zh-CN': '创建活动组织单位', 'en-US': 'Campaign owner' },
};

/** What an event needs beyond the right status. */
export type ApplicationRequirement = 'complete' | 'submissionOpen' | 'reviewed' | 'reason' | 'evaluated' | 'passes';

export interface ApplicationTransition {
  event: ApplicationEvent;
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  requires: readonly ApplicationRequirement[];
  actor: ApplicationActor;
}

export const APPLICATION_TRANSITIONS: readonly ApplicationTransition[] = [
  { event: 'save', from: EDITABLE_APPLICATION_STATUSES, to: 'in_progress', requires: [], actor: 'participant' },
  { event: 'submit', from: ['in_progress', 'returned'], to: 'submitted', requires: ['complete', 'submissionOpen'], actor: 'participant' },
  { event: 'startReview', from: ['submitted'], to: 'first_review', requires: [], actor: 'reviewer' },
  { event: 'completeReview', from: ['first_review'], to: 'evaluation', requires: ['reviewed'], actor: 'reviewer' },
  { event: 'return', from: ['submitted', 'first_review'], to: 'returned', requires: ['reason'], actor: 'reviewer' },
  { event: 'name', from: ['evaluation'], to: 'named', requires: ['evaluated', 'passes'], actor: 'owner' },
  { event: 'fail', from: ['evaluation'], to: 'not_passed', requires: ['reason'], actor: 'owner' },
];

export function applicationTransitionFor(event: ApplicationEvent): ApplicationTransition {
  const t = APPLICATION_TRANSITIONS.find((x) => x.event === event);
  if (!t) throw new Error(`no transition for ${event}`);
  return t;
}

/** The status after `event`, or null when the event is illegal in `status`. */
export function nextApplicationStatus(status: ApplicationStatus, event: ApplicationEvent): ApplicationStatus | null {
  const t = applicationTransitionFor(event);
  return t.from.includes(status) ? t.to : null;
}

/** Facts about an application that requirements are checked against. */
export interface ApplicationFacts {
  status: ApplicationStatus;
  /** Leaf indicators with a self score, and all leaf indicators. */
  completed: number;
  total: number;
  /** Leaf indicators with a reviewed score. */
  reviewed: number;
  /** The campaign's deadlines (yyyy-mm-dd). */
  submitDeadline: string;
  reviewDeadline: string;
  /** The evaluator still has to enter the satisfaction score (its share is above zero and it is missing). */
  satisfactionMissing: boolean;
  /** The current result reaches the pass line and no veto fails it. */
  passes: boolean;
}

export interface ApplicationPayload {
  reason?: string | null;
}

export const APPLICATION_REQUIREMENT_MESSAGES: Record<ApplicationRequirement, string> = {
  complete: '请先完成全部指标的自评后再提交申报',
  submissionOpen: '已超过申报截止日期,不能提交申报',
  reviewed: '请先完成全部指标的初审评分',
  reason: '请填写理由',
  evaluated: '请先录入群众满意度测评得分',
  passes: '评估得分未达到命名分数线或存在一票否决情形,不能命名',
};

/**
 * Whether a submission is still open: until the submission deadline, and for an application the
 * reviewer returned, until the review deadline (a return must not strand a township).
 */
export function submissionOpen(facts: Pick<ApplicationFacts, 'status' | 'submitDeadline' | 'reviewDeadline'>, today: string): boolean {
  return today <= facts.submitDeadline || (facts.status === 'returned' && today <= facts.reviewDeadline);
}

/** Why `event` cannot happen now (a zh-CN message), or null when it can. `today` is the Beijing calendar date. */
export function applicationBlockedReason(facts: ApplicationFacts, event: ApplicationEvent, payload: ApplicationPayload, today: string): string | null {
  const t = applicationTransitionFor(event);
  if (!t.from.includes(facts.status)) return `当前状态不能执行“${APPLICATION_EVENT_LABELS[event]['zh-CN']}”`;
  for (const r of t.requires) {
    const ok =
      r === 'complete' ? facts.total > 0 && facts.completed === facts.total
      : r === 'submissionOpen' ? submissionOpen(facts, today)
      : r === 'reviewed' ? facts.reviewed === facts.total
      : r === 'reason' ? typeof payload.reason === 'string' && payload.reason.trim().length > 0
      : r === 'evaluated' ? !facts.satisfactionMissing
      : facts.passes;
    if (!ok) return APPLICATION_REQUIREMENT_MESSAGES[r];
  }
  return null;
}

import type { Action } from '../ability.js';
import { APPLICATION_EVENTS, APPLICATION_EVENT_LABELS, APPLICATION_STATUSES, APPLICATION_TRANSITIONS, EDITABLE_APPLICATION_STATUSES } from './lifecycle.js';
import type { ApplicationActor, ApplicationEvent, ApplicationStatus } from './lifecycle.js';

type Labels<K extends string> = Record<K, { 'zh-CN': string; 'en-US': string }>;

/**
 * Changes to an application inside one status: the participant's self-assessment of an indicator
 * and its evidence (assess), the reviewer's score per indicator (review), the owner's evaluation
 * with the satisfaction score (evaluate), and progress reports (report).
 */
export const APPLICATION_EDITS = ['assess', 'review', 'evaluate', 'report'] as const;
export type ApplicationEdit = (typeof APPLICATION_EDITS)[number];

export const APPLICATION_EDIT_STATUSES: Record<ApplicationEdit, readonly ApplicationStatus[]> = {
  assess: EDITABLE_APPLICATION_STATUSES,
  review: ['first_review'],
  evaluate: ['evaluation'],
  // Progress notes are a running record: a named township keeps reporting.
  report: APPLICATION_STATUSES,
};

/** The CASL action of each edit (on subject Application). Saving a self-assessment is the `save` event. */
export const APPLICATION_EDIT_ACTIONS = { assess: 'save', review: 'review', evaluate: 'evaluate', report: 'reportProgress' } as const satisfies Record<ApplicationEdit, Action>;

export const APPLICATION_EDIT_ACTORS: Record<ApplicationEdit, ApplicationActor> = { assess: 'participant', review: 'reviewer', evaluate: 'owner', report: 'participant' };

export const APPLICATION_EDIT_BLOCKED: Record<ApplicationEdit, string> = {
  assess: '申报已提交,不能再修改自评和佐证材料',
  review: '只有初审中的申报可以评分',
  evaluate: '只有评估中的申报可以录入评估结果',
  report: '当前状态不能报送进展',
};

/** Why `edit` cannot happen in `status` (a zh-CN message), or null when it can. */
export function applicationEditBlockedReason(status: ApplicationStatus, edit: ApplicationEdit): string | null {
  return APPLICATION_EDIT_STATUSES[edit].includes(status) ? null : APPLICATION_EDIT_BLOCKED[edit];
}

/** Events (and edit actions) by actor: the CASL rules are built from these lists. */
export const eventsOfActor = (actor: ApplicationActor): ApplicationEvent[] => APPLICATION_TRANSITIONS.filter((t) => t.actor === actor).map((t) => t.event);
export const editActionsOfActor = (actor: ApplicationActor): Action[] =>
  [...new Set((Object.keys(APPLICATION_EDIT_ACTORS) as ApplicationEdit[]).filter((e) => APPLICATION_EDIT_ACTORS[e] === actor).map((e) => APPLICATION_EDIT_ACTIONS[e]))];

/** What an application's timeline records: lifecycle events, its creation with the campaign, evaluations and progress reports. */
export const APPLICATION_TIMELINE_KINDS = [...APPLICATION_EVENTS, 'create', 'evaluate', 'report'] as const;
export type ApplicationTimelineKind = (typeof APPLICATION_TIMELINE_KINDS)[number];

export const APPLICATION_TIMELINE_LABELS: Labels<ApplicationTimelineKind> = {
  ...APPLICATION_EVENT_LABELS,
  create: { 'zh-CN': '列入创建', 'en-US': 'Enrolled' },
  evaluate: { 'zh-CN': '评估打分', 'en-US': 'Evaluated' },
  report: { 'zh-CN': '报送进展', 'en-US': 'Progress report' },
};

/**
 * The rectification item (整改事项) lifecycle as data: which event moves which status where,
 * and what it needs. The API validates with it; the web app derives its buttons from it.
 * Overdue (逾期) and flagged (挂牌督办) are flags, not statuses. An extension (延期) runs beside
 * the status: it is requested, then approved (new deadline) or denied.
 */
export const ITEM_STATUSES = ['issued', 'acknowledged', 'in_progress', 'closure_requested', 'returned', 'closed', 'ongoing'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, { 'zh-CN': string; 'en-US': string }> = {
  issued: { 'zh-CN': '已交办', 'en-US': 'Issued' },
  acknowledged: { 'zh-CN': '已签收', 'en-US': 'Acknowledged' },
  in_progress: { 'zh-CN': '整改中', 'en-US': 'In progress' },
  closure_requested: { 'zh-CN': '申请销号', 'en-US': 'Closure requested' },
  returned: { 'zh-CN': '已退回', 'en-US': 'Returned' },
  closed: { 'zh-CN': '已销号', 'en-US': 'Closed' },
  ongoing: { 'zh-CN': '持续整改', 'en-US': 'Ongoing' },
};

/** Statuses in which the item still needs work (deadline and lights apply). */
export const OPEN_STATUSES: readonly ItemStatus[] = ['issued', 'acknowledged', 'in_progress', 'closure_requested', 'returned', 'ongoing'];

export const ITEM_EVENTS = [
  'acknowledge',
  'start',
  'reportProgress',
  'requestClosure',
  'close',
  'return',
  'resume',
  'markOngoing',
  'requestExtension',
  'approveExtension',
  'denyExtension',
  'reopen',
] as const;
export type ItemEvent = (typeof ITEM_EVENTS)[number];

export const ITEM_EVENT_LABELS: Record<ItemEvent, { 'zh-CN': string; 'en-US': string }> = {
  acknowledge: { 'zh-CN': '签收', 'en-US': 'Acknowledge' },
  start: { 'zh-CN': '开始整改', 'en-US': 'Start' },
  reportProgress: { 'zh-CN': '报送进展', 'en-US': 'Report progress' },
  requestClosure: { 'zh-CN': '申请销号', 'en-US': 'Request closure' },
  close: { 'zh-CN': '销号', 'en-US': 'Close' },
  return: { 'zh-CN': '退回', 'en-US': 'Return' },
  resume: { 'zh-CN': '重新整改', 'en-US': 'Resume' },
  markOngoing: { 'zh-CN': '转为持续整改', 'en-US': 'Mark ongoing' },
  requestExtension: { 'zh-CN': '申请延期', 'en-US': 'Request extension' },
  approveExtension: { 'zh-CN': '同意延期', 'en-US': 'Approve extension' },
  denyExtension: { 'zh-CN': '不同意延期', 'en-US': 'Deny extension' },
  reopen: { 'zh-CN': '重新打开', 'en-US': 'Reopen' },
};

/** What an event needs beyond the right status. */
export type Requirement = 'reason' | 'note' | 'measures' | 'situation' | 'evidence' | 'beforeDeadline' | 'newDeadline' | 'noPendingExtension' | 'pendingExtension';

export interface Transition {
  event: ItemEvent;
  from: readonly ItemStatus[];
  /** `null`: the status stays (progress notes, extension decisions). */
  to: ItemStatus | null;
  requires: readonly Requirement[];
  /** Who may fire it: the responsible unit, or the supervising level. Checked through CASL. */
  actor: 'responsible' | 'supervising';
}

const WORKING: readonly ItemStatus[] = ['acknowledged', 'in_progress', 'returned', 'ongoing'];

export const TRANSITIONS: readonly Transition[] = [
  { event: 'acknowledge', from: ['issued'], to: 'acknowledged', requires: [], actor: 'responsible' },
  { event: 'start', from: ['acknowledged'], to: 'in_progress', requires: [], actor: 'responsible' },
  { event: 'reportProgress', from: ['in_progress', 'ongoing'], to: null, requires: ['note'], actor: 'responsible' },
  { event: 'requestClosure', from: ['in_progress', 'ongoing'], to: 'closure_requested', requires: ['measures', 'situation', 'evidence', 'noPendingExtension'], actor: 'responsible' },
  { event: 'close', from: ['closure_requested'], to: 'closed', requires: [], actor: 'supervising' },
  { event: 'return', from: ['closure_requested'], to: 'returned', requires: ['reason'], actor: 'supervising' },
  { event: 'resume', from: ['returned'], to: 'in_progress', requires: [], actor: 'responsible' },
  { event: 'markOngoing', from: ['in_progress', 'closure_requested'], to: 'ongoing', requires: ['reason'], actor: 'supervising' },
  { event: 'requestExtension', from: WORKING, to: null, requires: ['reason', 'newDeadline', 'note', 'beforeDeadline', 'noPendingExtension'], actor: 'responsible' },
  { event: 'approveExtension', from: WORKING, to: null, requires: ['pendingExtension'], actor: 'supervising' },
  { event: 'denyExtension', from: WORKING, to: null, requires: ['pendingExtension', 'reason'], actor: 'supervising' },
  { event: 'reopen', from: ['closed'], to: 'in_progress', requires: ['reason'], actor: 'supervising' },
];

export function transitionFor(event: ItemEvent): Transition {
  const t = TRANSITIONS.find((x) => x.event === event);
  if (!t) throw new Error(`no transition for ${event}`);
  return t;
}

/** The status after `event`, or null when the event is illegal in `status`. */
export function nextStatus(status: ItemStatus, event: ItemEvent): ItemStatus | null {
  const t = transitionFor(event);
  if (!t.from.includes(status)) return null;
  return t.to ?? status;
}

/** Facts about an item that requirements are checked against. */
export interface ItemFacts {
  status: ItemStatus;
  deadline: string; // yyyy-mm-dd
  measures: string | null;
  evidenceCount: number;
  pendingExtension: boolean;
}

export interface EventPayload {
  reason?: string | null;
  note?: string | null;
  situation?: string | null;
  newDeadline?: string | null;
}

export const REQUIREMENT_MESSAGES: Record<Requirement, string> = {
  reason: '请填写理由',
  note: '请填写进展情况',
  measures: '申请销号前请填写整改措施',
  situation: '请填写整改情况说明',
  evidence: '申请销号前请至少上传一份佐证材料',
  beforeDeadline: '已超过整改时限,不能申请延期',
  newDeadline: '新的整改时限须晚于原时限',
  noPendingExtension: '已有待审批的延期申请',
  pendingExtension: '没有待审批的延期申请',
};

/**
 * Why `event` cannot happen now (a zh-CN message), or null when it can. `today` is the
 * supervising authority's calendar date (yyyy-mm-dd).
 */
export function blockedReason(item: ItemFacts, event: ItemEvent, payload: EventPayload, today: string): string | null {
  const t = transitionFor(event);
  if (!t.from.includes(item.status)) return `当前状态不能执行“${ITEM_EVENT_LABELS[event]['zh-CN']}”`;
  const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim().length > 0;
  for (const r of t.requires) {
    const ok =
      r === 'reason' ? filled(payload.reason)
      : r === 'note' ? filled(payload.note)
      : r === 'measures' ? filled(item.measures)
      : r === 'situation' ? filled(payload.situation)
      : r === 'evidence' ? item.evidenceCount > 0
      : r === 'beforeDeadline' ? today <= item.deadline
      : r === 'newDeadline' ? !!payload.newDeadline && payload.newDeadline > item.deadline
      : r === 'noPendingExtension' ? !item.pendingExtension
      : item.pendingExtension;
    if (!ok) return REQUIREMENT_MESSAGES[r];
  }
  return null;
}

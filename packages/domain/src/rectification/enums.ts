import type { ItemEvent } from './lifecycle.js';
import { ITEM_EVENT_LABELS } from './lifecycle.js';

type Labels<K extends string> = Record<K, { 'zh-CN': string; 'en-US': string }>;

/** Kinds of inspection (督察) an upper level runs on a lower one. */
export const INSPECTION_TYPES = ['rule_of_law', 'special', 'case_file_review', 'unannounced', 'onsite'] as const;
export type InspectionType = (typeof INSPECTION_TYPES)[number];
export const INSPECTION_TYPE_LABELS: Labels<InspectionType> = {
  rule_of_law: { 'zh-CN': '法治督察', 'en-US': 'Rule-of-law inspection' },
  special: { 'zh-CN': '专项督察', 'en-US': 'Special inspection' },
  case_file_review: { 'zh-CN': '案卷评查', 'en-US': 'Case-file review' },
  unannounced: { 'zh-CN': '暗访核查', 'en-US': 'Unannounced check' },
  onsite: { 'zh-CN': '实地检查', 'en-US': 'On-site inspection' },
};

/**
 * An inspection is under way until its first finding is issued, then rectifying until every
 * item is closed. Maintained by the API in the same transaction as the item change.
 */
export const INSPECTION_STATUSES = ['in_progress', 'rectifying', 'completed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_STATUS_LABELS: Labels<InspectionStatus> = {
  in_progress: { 'zh-CN': '督察中', 'en-US': 'Under way' },
  rectifying: { 'zh-CN': '整改中', 'en-US': 'Rectifying' },
  completed: { 'zh-CN': '整改完成', 'en-US': 'Completed' },
};

/** Finding categories, after the chapters of the 法治政府建设实施纲要 (2021—2025). */
export const ITEM_CATEGORIES = ['functions', 'normative_documents', 'decisions', 'enforcement', 'emergency', 'disputes', 'oversight', 'digital', 'leadership', 'other'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];
export const ITEM_CATEGORY_LABELS: Labels<ItemCategory> = {
  functions: { 'zh-CN': '政府职能依法全面履行', 'en-US': 'Government functions' },
  normative_documents: { 'zh-CN': '行政规范性文件', 'en-US': 'Normative documents' },
  decisions: { 'zh-CN': '重大行政决策', 'en-US': 'Major decisions' },
  enforcement: { 'zh-CN': '行政执法', 'en-US': 'Administrative enforcement' },
  emergency: { 'zh-CN': '突发事件应对', 'en-US': 'Emergency response' },
  disputes: { 'zh-CN': '矛盾纠纷化解(复议、应诉)', 'en-US': 'Disputes, review and litigation' },
  oversight: { 'zh-CN': '权力制约监督、政务公开', 'en-US': 'Oversight and transparency' },
  digital: { 'zh-CN': '数字政府', 'en-US': 'Digital government' },
  leadership: { 'zh-CN': '组织领导与能力建设', 'en-US': 'Leadership and capacity' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** What an item's timeline (item_events) records besides the lifecycle events. `overdue` is written by the system's sweep. */
export const ITEM_CHANGE_KINDS = ['create', 'update', 'setMeasures', 'assign', 'delegate', 'flag', 'unflag', 'notice', 'noticeRead', 'noticeReply', 'attach', 'overdue'] as const;
export type ItemChangeKind = (typeof ITEM_CHANGE_KINDS)[number];
export type TimelineKind = ItemEvent | ItemChangeKind;

export const TIMELINE_LABELS: Labels<TimelineKind> = {
  ...ITEM_EVENT_LABELS,
  create: { 'zh-CN': '交办', 'en-US': 'Issued' },
  update: { 'zh-CN': '修改问题', 'en-US': 'Edited' },
  setMeasures: { 'zh-CN': '填写整改措施', 'en-US': 'Measures' },
  assign: { 'zh-CN': '确定责任单位', 'en-US': 'Assigned' },
  delegate: { 'zh-CN': '交办乡镇(街道)', 'en-US': 'Delegated' },
  flag: { 'zh-CN': '挂牌督办', 'en-US': 'Flagged' },
  unflag: { 'zh-CN': '取消挂牌', 'en-US': 'Unflagged' },
  notice: { 'zh-CN': '督办通知', 'en-US': 'Notice sent' },
  noticeRead: { 'zh-CN': '已阅通知', 'en-US': 'Notice read' },
  noticeReply: { 'zh-CN': '回复通知', 'en-US': 'Notice replied' },
  attach: { 'zh-CN': '上传佐证材料', 'en-US': 'Evidence added' },
  overdue: { 'zh-CN': '逾期', 'en-US': 'Overdue' },
};

/**
 * Kinds of notice in a unit's inbox: a 督办通知 sent by the supervising level, or a reminder
 * the system sends by itself (at most one per item, kind and day).
 */
export const NOTICE_KINDS = ['supervision', 'due_soon', 'overdue'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type ReminderKind = Exclude<NoticeKind, 'supervision'>;
export const NOTICE_KIND_LABELS: Labels<NoticeKind> = {
  supervision: { 'zh-CN': '督办通知', 'en-US': 'Supervision notice' },
  due_soon: { 'zh-CN': '临期提醒', 'en-US': 'Due-soon reminder' },
  overdue: { 'zh-CN': '逾期提醒', 'en-US': 'Overdue reminder' },
};

/** Ledger sort orders (整改台账). */
export const ITEM_SORTS = ['deadline', 'created', 'number'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

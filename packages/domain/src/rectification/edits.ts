import type { ItemStatus } from './lifecycle.js';
import { TRANSITIONS } from './lifecycle.js';
import type { ItemEvent } from './lifecycle.js';

/**
 * Changes to an item outside the lifecycle: editing the finding, the measures, the responsible
 * unit, delegating to a township, flagging. Each is allowed in some statuses only; the
 * deadline is never edited directly (only an approved extension moves it).
 */
export const ITEM_EDITS = ['update', 'setMeasures', 'assign', 'delegate', 'flag', 'attach'] as const;
export type ItemEdit = (typeof ITEM_EDITS)[number];

/** Statuses in which the responsible side still works on the item (not under review, not closed). */
const WORKABLE: readonly ItemStatus[] = ['issued', 'acknowledged', 'in_progress', 'returned', 'ongoing'];

export const EDIT_STATUSES: Record<ItemEdit, readonly ItemStatus[]> = {
  update: WORKABLE,
  setMeasures: WORKABLE,
  assign: WORKABLE,
  // Handing an item down happens before anyone has signed for it: the township signs itself.
  delegate: ['issued'],
  flag: ['issued', 'acknowledged', 'in_progress', 'closure_requested', 'returned', 'ongoing'],
  attach: WORKABLE,
};

export const EDIT_BLOCKED_MESSAGES: Record<ItemEdit, string> = {
  update: '当前状态不能修改反馈问题',
  setMeasures: '当前状态不能修改整改措施',
  assign: '当前状态不能调整责任单位',
  delegate: '只有已交办、尚未签收的事项可以交办到乡镇(街道)',
  flag: '已销号的事项不能挂牌督办',
  attach: '当前状态不能上传佐证材料',
};

/** Why `edit` cannot happen in `status` (a zh-CN message), or null when it can. */
export function editBlockedReason(status: ItemStatus, edit: ItemEdit): string | null {
  return EDIT_STATUSES[edit].includes(status) ? null : EDIT_BLOCKED_MESSAGES[edit];
}

/** Events the responsible unit fires (签收, 整改, 申请销号 …). */
export const RESPONSIBLE_EVENTS: readonly ItemEvent[] = TRANSITIONS.filter((t) => t.actor === 'responsible').map((t) => t.event);
/** Events only the supervising level fires (销号, 退回, 延期审批 …). */
export const SUPERVISING_EVENTS: readonly ItemEvent[] = TRANSITIONS.filter((t) => t.actor === 'supervising').map((t) => t.event);

export const RECTIFICATION_MESSAGES = {
  targetNotBelow: '督察对象须为本级以下的行政区划',
  targetNotInInspection: '该行政区划不是本次督察的对象',
  unitNotInJurisdiction: '责任单位须属于事项所在的行政区划',
  unitInactive: '责任单位已停用',
  notAChildTownship: '只能交办给本县(区)所辖的乡镇(街道)',
  noTownshipUnit: '该乡镇(街道)没有可用的单位,请指定责任单位',
  duplicateNumber: '本次督察中已有相同编号的问题',
  noResponsibleUnit: '该事项尚未确定责任单位',
  inspectionCompleted: '该督察已整改完成,不能再添加问题',
  alreadyReplied: '该通知已回复',
  replyNotRequired: '该通知无需回复',
  noLightRule: '行政区划不存在或无权访问',
  periodOrder: '督察结束日期不能早于开始日期',
  duplicateTargets: '督察对象不能重复',
  flagReason: '挂牌督办须填写理由',
  emptyUpdate: '请至少修改一项内容',
} as const;

import { z } from 'zod';
import { isCalendarDate } from '../dates.js';
import { idSchema, jurisdictionIdSchema, pageInput, versionSchema } from '../org/schemas.js';
import { INSPECTION_STATUSES, INSPECTION_TYPES, ITEM_CATEGORIES, ITEM_SORTS } from './enums.js';
import { RECTIFICATION_MESSAGES } from './edits.js';
import { ITEM_EVENTS, ITEM_STATUSES } from './lifecycle.js';
import { LIGHTS } from './light.js';

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`);
/** Optional free text: empty means "not given"; the lifecycle decides whether it is required. */
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullish();
export const dateSchema = z.string().refine(isCalendarDate, '日期格式应为 YYYY-MM-DD');

export const inspectionCreateInput = z
  .object({
    type: z.enum(INSPECTION_TYPES),
    title: text(100),
    periodStart: dateSchema,
    periodEnd: dateSchema,
    /** 督察组: leader and members, as written on the notice. */
    team: z.string().trim().max(200, '不能超过 200 个字').default(''),
    targetIds: z.array(jurisdictionIdSchema).min(1, '请选择督察对象').max(50, '督察对象不能超过 50 个'),
  })
  .refine((v) => v.periodEnd >= v.periodStart, { message: RECTIFICATION_MESSAGES.periodOrder, path: ['periodEnd'] })
  .refine((v) => new Set(v.targetIds).size === v.targetIds.length, { message: RECTIFICATION_MESSAGES.duplicateTargets, path: ['targetIds'] });

export const inspectionListInput = pageInput.extend({
  /** Inspections with a target in this node's subtree; the caller's whole subtree when absent. */
  jurisdictionId: jurisdictionIdSchema.optional(),
  type: z.enum(INSPECTION_TYPES).optional(),
  status: z.enum(INSPECTION_STATUSES).optional(),
});
export const inspectionGetInput = z.object({ id: idSchema });

export const itemCreateInput = z.object({
  inspectionId: idSchema,
  targetId: jurisdictionIdSchema,
  /** 问题编号, e.g. 2026-001; unique within the inspection. */
  number: z.string().trim().min(1, '不能为空').max(40, '不能超过 40 个字').regex(/^[\p{L}\p{N}\-_.()()〔〕[\]#]+$/u, '编号只能包含文字、数字和 - _ . ( ) 〔 〕 #'),
  problem: text(2000),
  category: z.enum(ITEM_CATEGORIES),
  requirement: text(2000),
  responsibleUnitId: idSchema.nullish(),
  deadline: dateSchema,
});

export const itemListInput = pageInput.extend({
  status: z.array(z.enum(ITEM_STATUSES)).max(ITEM_STATUSES.length).optional(),
  light: z.array(z.enum(LIGHTS)).max(LIGHTS.length).optional(),
  /** Items in this node's subtree (any node the caller may read). */
  jurisdictionId: jurisdictionIdSchema.optional(),
  unitId: idSchema.optional(),
  inspectionId: idSchema.optional(),
  category: z.enum(ITEM_CATEGORIES).optional(),
  deadlineFrom: dateSchema.optional(),
  deadlineTo: dateSchema.optional(),
  flagged: z.boolean().optional(),
  keyword: z.string().trim().max(50, '不能超过 50 个字').optional(),
  sort: z.enum(ITEM_SORTS).default('deadline'),
});
export const itemGetInput = z.object({ id: idSchema });

export const itemUpdateInput = z
  .object({
    id: idSchema,
    version: versionSchema,
    problem: text(2000).optional(),
    requirement: text(2000).optional(),
    category: z.enum(ITEM_CATEGORIES).optional(),
  })
  .refine((v) => v.problem !== undefined || v.requirement !== undefined || v.category !== undefined, { message: RECTIFICATION_MESSAGES.emptyUpdate });

export const itemSetMeasuresInput = z.object({ id: idSchema, version: versionSchema, measures: text(4000) });
export const itemAssignInput = z.object({ id: idSchema, version: versionSchema, unitId: idSchema });
export const itemDelegateInput = z.object({
  id: idSchema,
  version: versionSchema,
  townshipId: jurisdictionIdSchema,
  /** The township's responsible unit; its township government when absent. */
  unitId: idSchema.optional(),
});

export const itemTransitionInput = z.object({
  id: idSchema,
  version: versionSchema,
  event: z.enum(ITEM_EVENTS),
  /** 理由: return, markOngoing, denyExtension, reopen, requestExtension. */
  reason: optionalText(1000),
  /** 进展情况 / 审核意见. */
  note: optionalText(2000),
  /** 整改情况说明, with a closure request. */
  situation: optionalText(4000),
  /** Requested new deadline (requestExtension). */
  newDeadline: dateSchema.nullish(),
});

export const itemFlagInput = z
  .object({ id: idSchema, version: versionSchema.optional(), flagged: z.boolean(), reason: optionalText(500) })
  .refine((v) => !v.flagged || (v.reason ?? '').length > 0, { message: RECTIFICATION_MESSAGES.flagReason, path: ['reason'] });

export const noticeSendInput = z.object({
  itemId: idSchema,
  text: text(2000),
  requiresReply: z.boolean().default(true),
  replyBy: dateSchema.nullish(),
});
export const noticeInboxInput = pageInput.extend({ unreadOnly: z.boolean().default(false) });
export const noticeMarkReadInput = z.object({ id: idSchema });
export const noticeReplyInput = z.object({ id: idSchema, reply: text(2000) });

export const lightRuleGetInput = z.object({ jurisdictionId: jurisdictionIdSchema });
export const lightRuleSetInput = z.object({
  jurisdictionId: jurisdictionIdSchema,
  yellowWithinDays: z.number().int().min(0, '不能小于 0').max(90, '不能超过 90 天'),
});

export type InspectionCreateInput = z.infer<typeof inspectionCreateInput>;
export type ItemCreateInput = z.infer<typeof itemCreateInput>;
export type ItemListInput = z.infer<typeof itemListInput>;
export type ItemTransitionInput = z.infer<typeof itemTransitionInput>;

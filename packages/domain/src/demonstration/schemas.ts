import { z } from 'zod';
import { idSchema, jurisdictionIdSchema, pageInput, versionSchema } from '../org/schemas.js';
import { dateSchema } from '../rectification/schemas.js';
import { PARTICIPANT_LEVELS } from './indicators.js';
import { APPLICATION_EVENTS, APPLICATION_STATUSES } from './lifecycle.js';
import { toTenths } from './scoring.js';

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`);
/** Optional free text: empty means "not given". */
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullish();

/** A score in points, 0 … 100, with at most one decimal (stored as tenths). */
export const pointsSchema = z
  .number()
  .min(0, '分值不能小于 0')
  .max(100, '分值不能超过 100')
  .refine((v) => toTenths(v) !== null, '分值最多保留一位小数');

/** 指标编号, e.g. 1, 1.2, 1.2.3, 一, (二). */
export const indicatorCodeSchema = z
  .string()
  .trim()
  .min(1, '不能为空')
  .max(20, '不能超过 20 个字')
  .regex(/^[\p{L}\p{N}.\-_()()、]+$/u, '编号只能包含文字、数字和 . - _ ( ) 、');

export const DEMONSTRATION_MESSAGES = {
  deadlineOrder: '初审截止日期不能早于申报截止日期',
  targetOrder: '目标比例须在 0 到 1 之间(如 2/3)',
  noParticipants: '没有符合条件的参与单位',
  participantNotBelow: '参与单位须为本级所辖、与指标体系适用层级一致的行政区划',
  ownerLevel: '只有市、县(区)可以组织示范创建活动',
  levelNotAllowed: '该指标体系的适用层级不能参与本级组织的创建活动',
  versionNotUsable: '只能使用本级或上级已发布的指标体系版本',
  duplicateParticipants: '参与单位不能重复',
  notALeaf: '只能对末级指标评分',
  indicatorNotInCampaign: '该指标不属于本次创建活动的指标体系',
  scoreAboveMax: (max: string) => `得分不能超过该指标的分值(${max} 分)`,
  vetoNotVetoIndicator: '该指标不是一票否决指标',
  emptyUpdate: '请至少修改一项内容',
  fileNotFound: '材料不存在或无权访问',
} as const;

export const targetSchema = z
  .object({ numerator: z.number().int().min(1).max(1000), denominator: z.number().int().min(1).max(1000) })
  .refine((t) => t.numerator <= t.denominator, { message: DEMONSTRATION_MESSAGES.targetOrder });

// Indicator systems (指标体系) and their versions.

export const systemListInput = z.object({
  /** Systems owned in this node's subtree (plus the published ones above it); the caller's own node when absent. */
  jurisdictionId: jurisdictionIdSchema.optional(),
  participantLevel: z.enum(PARTICIPANT_LEVELS).optional(),
});
export const systemCreateInput = z.object({
  name: text(100),
  participantLevel: z.enum(PARTICIPANT_LEVELS),
  description: optionalText(1000),
  /** Pass line (命名分数线) out of 100. */
  passLine: pointsSchema.default(90),
  /** Percent of the total that the public satisfaction survey makes up (e.g. 15). */
  satisfactionPct: z.number().int().min(0).max(100).default(0),
  /** Starts the new system as a copy of this (readable) version's indicators. */
  fromVersionId: idSchema.optional(),
});
export const versionGetInput = z.object({ id: idSchema });
/** A new draft of the version's own system, copied from it. */
export const versionNewDraftInput = z.object({ id: idSchema });
export const versionUpdateInput = z
  .object({
    id: idSchema,
    version: versionSchema,
    passLine: pointsSchema.optional(),
    satisfactionPct: z.number().int().min(0).max(100).optional(),
    notes: optionalText(1000),
  })
  .refine((v) => v.passLine !== undefined || v.satisfactionPct !== undefined || v.notes !== undefined, { message: DEMONSTRATION_MESSAGES.emptyUpdate });
export const versionPublishInput = z.object({ id: idSchema, version: versionSchema });

/** Adds (no `id`) or changes an indicator of a draft version; `version` is the draft's. */
export const indicatorSaveInput = z.object({
  versionId: idSchema,
  version: versionSchema,
  id: idSchema.optional(),
  parentId: idSchema.nullish(),
  code: indicatorCodeSchema,
  name: text(200),
  /** Maximum score of a leaf; ignored on an indicator that has children. */
  maxScore: pointsSchema.nullish(),
  guidance: optionalText(2000),
  evidence: optionalText(1000),
  veto: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
export const indicatorDeleteInput = z.object({ versionId: idSchema, version: versionSchema, id: idSchema });

// Campaigns (创建活动).

export const campaignCreateInput = z
  .object({
    name: text(100),
    year: z.number().int().min(2000).max(2100),
    versionId: idSchema,
    /** Selected participants; every eligible descendant at the system's level when absent. */
    participantIds: z.array(jurisdictionIdSchema).min(1, '请选择参与单位').max(500, '参与单位不能超过 500 个').optional(),
    submitDeadline: dateSchema,
    reviewDeadline: dateSchema,
    target: targetSchema,
    /** The campaign's pass line; the version's when absent. */
    passLine: pointsSchema.optional(),
    /** A veto hit fails an application regardless of its score. */
    vetoFails: z.boolean().default(true),
    description: optionalText(2000),
  })
  .refine((v) => v.reviewDeadline >= v.submitDeadline, { message: DEMONSTRATION_MESSAGES.deadlineOrder, path: ['reviewDeadline'] })
  .refine((v) => v.participantIds === undefined || new Set(v.participantIds).size === v.participantIds.length, { message: DEMONSTRATION_MESSAGES.duplicateParticipants, path: ['participantIds'] });
export const campaignListInput = z.object({
  /** Campaigns owned in this node's subtree or with a participant in it; the caller's own node when absent. */
  jurisdictionId: jurisdictionIdSchema.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
});
export const campaignGetInput = z.object({ id: idSchema });
export const campaignUpdateInput = z
  .object({
    id: idSchema,
    version: versionSchema,
    name: text(100).optional(),
    submitDeadline: dateSchema.optional(),
    reviewDeadline: dateSchema.optional(),
    target: targetSchema.optional(),
    passLine: pointsSchema.optional(),
    vetoFails: z.boolean().optional(),
    description: optionalText(2000),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'id' && k !== 'version'), { message: DEMONSTRATION_MESSAGES.emptyUpdate });
export const campaignBoardInput = z.object({
  id: idSchema,
  /** Rows and share for this node's subtree; the campaign owner (or the caller's own node) when absent. */
  jurisdictionId: jurisdictionIdSchema.optional(),
});

// Applications (申报).

export const applicationGetInput = z.object({ id: idSchema });
export const applicationListInput = pageInput.extend({
  /** Applications of participants in this node's subtree; the caller's own node (a township: its own) when absent. */
  jurisdictionId: jurisdictionIdSchema.optional(),
  campaignId: idSchema.optional(),
  status: z.array(z.enum(APPLICATION_STATUSES)).max(APPLICATION_STATUSES.length).optional(),
});
/** Saves one indicator's self-assessment; saving the same content again changes nothing. */
export const assessmentSaveInput = z.object({
  applicationId: idSchema,
  indicatorId: idSchema,
  /** The assessment's version as last read; absent for an indicator not yet assessed. */
  version: versionSchema.nullish(),
  selfScore: pointsSchema.nullish(),
  explanation: optionalText(4000),
});
export const assessmentReviewInput = z.object({
  applicationId: idSchema,
  indicatorId: idSchema,
  version: versionSchema,
  reviewedScore: pointsSchema,
  comment: optionalText(2000),
  vetoHit: z.boolean().default(false),
});
export const applicationTransitionInput = z.object({
  id: idSchema,
  version: versionSchema,
  event: z.enum(APPLICATION_EVENTS),
  /** 理由: return, fail. */
  reason: optionalText(1000),
  /** 意见 with any event (初审意见, 命名意见). */
  note: optionalText(2000),
});
export const applicationEvaluateInput = z.object({
  id: idSchema,
  version: versionSchema,
  /** 群众满意度测评 out of 100. */
  satisfactionScore: pointsSchema,
  comment: optionalText(2000),
});
export const evidenceRemoveInput = z.object({ id: idSchema });

// Progress reports (进展报送).

export const reportPostInput = z.object({ applicationId: idSchema, text: text(4000) });
export const reportListInput = pageInput.extend({
  campaignId: idSchema.optional(),
  applicationId: idSchema.optional(),
  /** Reports of participants in this node's subtree; the caller's own node when absent. */
  jurisdictionId: jurisdictionIdSchema.optional(),
});

export type CampaignCreateInput = z.infer<typeof campaignCreateInput>;
export type IndicatorSaveInput = z.infer<typeof indicatorSaveInput>;
export type ApplicationTransitionInput = z.infer<typeof applicationTransitionInput>;

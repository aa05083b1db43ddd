import { z } from 'zod';
import { isCalendarDate } from '../dates.js';
import { idSchema, jurisdictionIdSchema, pageInput, versionSchema } from '../org/schemas.js';
import { PLAN_KINDS, PLAN_MAX_SECTIONS, PLAN_MAX_TASKS, PLAN_MESSAGES, PLAN_STATUSES, PLAN_TEXT_MAX_CHARS, REPORT_CYCLES, TASK_MAX_UNITS } from './enums.js';

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`);
const dateSchema = z.string().refine(isCalendarDate, '日期格式应为 YYYY-MM-DD');
/** A period key: 2026-07, 2026-Q3, 2026-H2 or 2026 (checked against the plan's cycle by the API). */
export const periodKeySchema = z.string().trim().regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, '周期格式应为 2026-Q3、2026-07、2026-H2 或 2026');

export const planSectionInput = z.object({
  number: z.string().trim().max(10, '不能超过 10 个字').default(''),
  title: text(200),
  depth: z.number().int().min(1).max(3).default(1),
  /** Index of the enclosing section in the same list (earlier in it), or null. */
  parentIndex: z.number().int().min(0).max(PLAN_MAX_SECTIONS - 1).nullable().default(null),
});

/**
 * A unit named on a task. `unitId` null: a name not yet matched to a unit of the issuer; the
 * plan's `unitMappings` may resolve it, and publishing refuses while any is left.
 */
export const planTaskUnitInput = z.object({
  name: text(60),
  unitId: idSchema.nullable().default(null),
  lead: z.boolean().default(false),
});

export const planTaskInput = z.object({
  number: text(10),
  title: text(200),
  text: text(5000),
  sectionIndex: z.number().int().min(0).max(PLAN_MAX_SECTIONS - 1).nullable().default(null),
  units: z.array(planTaskUnitInput).max(TASK_MAX_UNITS, `责任单位不能超过 ${TASK_MAX_UNITS} 个`).default([]),
  /** "各镇街": every child jurisdiction of the issuer takes the task. */
  allChildren: z.boolean().default(false),
  /** "各有关部门" and the like, for the lead unit to distribute. */
  note: z.string().trim().max(500, '不能超过 500 个字').default(''),
  deadline: dateSchema.nullable().default(null),
  /** The upper level's task this one implements (贯彻落实). */
  upperTaskId: idSchema.nullable().default(null),
});

/** How the user resolved a name the importer could not match: a unit, or null to keep it as a note. */
export const unitMappingInput = z.object({ name: text(60), unitId: idSchema.nullable() });

const draftFields = z.object({
  title: text(200),
  kind: z.enum(PLAN_KINDS),
  periodStart: dateSchema,
  periodEnd: dateSchema,
  reportCycle: z.enum(REPORT_CYCLES).default('quarter'),
  /** Days after a period's end a report is still on time. */
  reportGraceDays: z.number().int().min(0).max(60).default(5),
  sourceName: z.string().trim().max(200, '不能超过 200 个字').nullish(),
  sections: z.array(planSectionInput).max(PLAN_MAX_SECTIONS, `章节不能超过 ${PLAN_MAX_SECTIONS} 个`).default([]),
  tasks: z.array(planTaskInput).min(1, '至少需要一项任务').max(PLAN_MAX_TASKS, PLAN_MESSAGES.tooManyTasks),
  unitMappings: z.array(unitMappingInput).max(500).default([]),
});

type DraftFields = z.infer<typeof draftFields>;
const TEN_YEARS_DAYS = 3660;

/** Checks across fields: period order and length, section and task references stay inside the lists. */
function draftRefinements(v: DraftFields, ctx: z.RefinementCtx): void {
  if (v.periodEnd < v.periodStart) ctx.addIssue({ code: 'custom', message: PLAN_MESSAGES.periodOrder, path: ['periodEnd'] });
  else if ((Date.parse(v.periodEnd) - Date.parse(v.periodStart)) / 86_400_000 > TEN_YEARS_DAYS) ctx.addIssue({ code: 'custom', message: PLAN_MESSAGES.periodTooLong, path: ['periodEnd'] });
  v.sections.forEach((s, i) => {
    if (s.parentIndex !== null && s.parentIndex >= i) ctx.addIssue({ code: 'custom', message: PLAN_MESSAGES.badSection, path: ['sections', i, 'parentIndex'] });
  });
  v.tasks.forEach((t, i) => {
    if (t.sectionIndex !== null && t.sectionIndex >= v.sections.length) ctx.addIssue({ code: 'custom', message: PLAN_MESSAGES.badSection, path: ['tasks', i, 'sectionIndex'] });
  });
}

export const planCreateDraftInput = draftFields
  .extend({
    jurisdictionId: jurisdictionIdSchema,
    /** Sent again by a client that lost the answer: the same key returns the plan made the first time. */
    idempotencyKey: z.uuid('请求标识格式不正确').optional(),
  })
  .superRefine(draftRefinements);

export const planSaveDraftInput = draftFields.extend({ id: idSchema, version: versionSchema }).superRefine(draftRefinements);

export const planImportPreviewInput = z.object({
  jurisdictionId: jurisdictionIdSchema,
  text: z.string().max(PLAN_TEXT_MAX_CHARS, PLAN_MESSAGES.textTooLong),
  sourceName: z.string().trim().max(200).nullish(),
});

export const planPublishInput = z.object({ id: idSchema, version: versionSchema });
export const planGetInput = z.object({ id: idSchema });

export const PLAN_LIST_RELATIONS = ['issued', 'subtree', 'above'] as const;
export const planListInput = pageInput.extend({
  /** The node whose plans to list; the caller's own when absent (ignored for `above`). */
  jurisdictionId: jurisdictionIdSchema.optional(),
  /** issued: plans the node issued; subtree: issued anywhere below it too; above: published plans of the caller's ancestors. */
  relation: z.enum(PLAN_LIST_RELATIONS).default('issued'),
  status: z.enum(PLAN_STATUSES).optional(),
});

export const planLinkInput = z.object({
  planId: idSchema,
  version: versionSchema,
  links: z
    .array(z.object({ taskId: idSchema, upperTaskId: idSchema.nullable() }))
    .min(1, '请选择要关联的任务')
    .max(PLAN_MAX_TASKS),
});

export const planGridInput = z.object({ planId: idSchema, period: periodKeySchema.optional() });
export const planRemindInput = z.object({ planId: idSchema, period: periodKeySchema });
export const planCoverageInput = z.object({ planId: idSchema });

export const assignmentsMineInput = pageInput.extend({ planId: idSchema.optional(), period: periodKeySchema.optional() });
export const assignmentGetInput = z.object({ id: idSchema });
export const assignmentReportInput = z.object({
  assignmentId: idSchema,
  period: periodKeySchema,
  text: text(4000),
  percent: z.number().int().min(0, '完成进度应在 0 到 100 之间').max(100, '完成进度应在 0 到 100 之间'),
  /** The report's version when changing an earlier report of the period; absent for a first report. */
  version: versionSchema.optional(),
});

export type PlanDraftInput = z.infer<typeof planCreateDraftInput>;
export type PlanTaskInput = z.infer<typeof planTaskInput>;
export type PlanSectionInput = z.infer<typeof planSectionInput>;

import { z } from 'zod';
import { idSchema, jurisdictionIdSchema, pageInput, versionSchema } from '../org/schemas.js';
import { dateSchema } from '../rectification/schemas.js';
import { ANNUAL_REPORT_EVENTS, ANNUAL_REPORT_STATUSES } from './lifecycle.js';

/** Characters per section (a county's 主要举措和成效 runs to ~8,000), the figures block and the opening. */
export const ANNUAL_REPORT_SECTION_MAX = 30_000;
export const ANNUAL_REPORT_FIGURES_MAX = 10_000;
export const ANNUAL_REPORT_INTRO_MAX = 3_000;

/** Plain text with paragraphs: line breaks kept (normalised to \n), trailing blanks dropped. */
const body = (max: number) =>
  z
    .string()
    .max(max, `不能超过 ${max} 个字`)
    .transform((s) => s.replace(/\r\n?/g, '\n').trimEnd());
const line = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`);

export const annualReportYearSchema = z.number().int().min(2000, '年度应在 2000 到 2100 之间').max(2100, '年度应在 2000 到 2100 之间');

export const annualReportCreateInput = z.object({ jurisdictionId: jurisdictionIdSchema, year: annualReportYearSchema });
export const annualReportGetInput = z.object({ id: idSchema });

export const ANNUAL_REPORT_LIST_RELATIONS = ['own', 'review', 'subtree'] as const;
export const annualReportListInput = pageInput.extend({
  /** The node; the caller's own when absent. */
  jurisdictionId: jurisdictionIdSchema.optional(),
  /** own: the node's reports; review: its direct children's (the ones it reviews); subtree: the node's and every level's below. */
  relation: z.enum(ANNUAL_REPORT_LIST_RELATIONS).default('own'),
  year: annualReportYearSchema.optional(),
  status: z.enum(ANNUAL_REPORT_STATUSES).optional(),
});

export const annualReportUpdateInput = z
  .object({
    id: idSchema,
    version: versionSchema,
    title: line(100).optional(),
    issuingBody: line(60).optional(),
    intro: body(ANNUAL_REPORT_INTRO_MAX).optional(),
    measures: body(ANNUAL_REPORT_SECTION_MAX).optional(),
    firstResponsible: body(ANNUAL_REPORT_SECTION_MAX).optional(),
    problems: body(ANNUAL_REPORT_SECTION_MAX).optional(),
    nextYear: body(ANNUAL_REPORT_SECTION_MAX).optional(),
    figures: body(ANNUAL_REPORT_FIGURES_MAX).optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'id' && k !== 'version'), '请至少修改一项内容');

export const annualReportRefreshInput = z.object({ id: idSchema, version: versionSchema });
export const annualReportFiguresInput = z.object({ id: idSchema });

export const annualReportTransitionInput = z.object({
  id: idSchema,
  version: versionSchema,
  event: z.enum(ANNUAL_REPORT_EVENTS),
  /** Required to return a report. */
  reason: z.string().trim().max(500, '不能超过 500 个字').optional(),
  /** The date printed on a published report (default: today). */
  issueDate: dateSchema.optional(),
});

export type AnnualReportUpdateInput = z.infer<typeof annualReportUpdateInput>;
export type AnnualReportTransitionInput = z.infer<typeof annualReportTransitionInput>;

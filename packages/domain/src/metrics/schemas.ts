import { z } from 'zod';
import { LEVELS } from '../jurisdiction.js';
import { idSchema, jurisdictionIdSchema, versionSchema } from '../org/schemas.js';
import { canonicalDecimal } from './decimal.js';
import { METRIC_CYCLES, METRIC_DIRECTIONS, METRIC_KINDS, METRIC_MAX_VALUE, METRIC_MESSAGES, METRIC_STATUSES, TARGET_OPS } from './enums.js';
import { cycleOfPeriod } from './rollup.js';

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);

/** A figure: a JSON number or a decimal string, at least 0, at most two decimals; canonical text out ("97.50" → "97.5"). */
export const decimalSchema = z
  .union([z.number(), z.string().max(20)])
  .transform((v, ctx) => {
    const c = canonicalDecimal(v, METRIC_MAX_VALUE);
    if (c === null) {
      ctx.addIssue({ code: 'custom', message: `应为 0 到 ${METRIC_MAX_VALUE} 之间、最多两位小数的数` });
      return z.NEVER;
    }
    return c;
  });

/** 2025 (a year) or 2025-Q3 (a quarter), years 2000–2100. */
export const metricPeriodSchema = z
  .string()
  .trim()
  .regex(/^(20\d{2}|2100)(-Q[1-4])?$/, '周期格式应为 2025 或 2025-Q3')
  .refine((k) => cycleOfPeriod(k) !== null, '周期格式应为 2025 或 2025-Q3');

/** 指标编码, e.g. HZ-01, fy.cases. */
export const metricCodeSchema = z
  .string()
  .trim()
  .min(1, '不能为空')
  .max(30, '不能超过 30 个字')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, '编码只能包含字母、数字和 . _ -');

const fields = z.object({
  code: metricCodeSchema,
  name: text(60),
  /** 件, 学时, 人 …; a rate's unit is always %. */
  unit: optionalText(10).default(''),
  kind: z.enum(METRIC_KINDS),
  direction: z.enum(METRIC_DIRECTIONS).default('higher'),
  /** Compared in display units: a rate's target is a percentage (97 means 97%). */
  target: z.object({ op: z.enum(TARGET_OPS), value: decimalSchema }).nullable().default(null),
  cycle: z.enum(METRIC_CYCLES).default('year'),
  reportingLevels: z
    .array(z.enum(LEVELS))
    .min(1, '请选择填报层级')
    .max(LEVELS.length)
    .transform((ls) => LEVELS.filter((l) => ls.includes(l))),
  numeratorLabel: optionalText(40).nullable().default(null),
  denominatorLabel: optionalText(40).nullable().default(null),
  description: optionalText(500).default(''),
  groupName: optionalText(30).default(''),
  sortOrder: z.number().int().min(0).max(9999).default(100),
});
type Fields = z.infer<typeof fields>;

/** A rate or an average names both parts; a count names neither denominator; a rate's unit is %. */
function shapeChecks(v: Fields, ctx: z.RefinementCtx): void {
  if (v.kind === 'count' && v.denominatorLabel) ctx.addIssue({ code: 'custom', message: METRIC_MESSAGES.countWithoutDenominatorLabel, path: ['denominatorLabel'] });
  if (v.kind !== 'count' && (!v.numeratorLabel || !v.denominatorLabel)) ctx.addIssue({ code: 'custom', message: METRIC_MESSAGES.labelsRequired, path: ['denominatorLabel'] });
  if (v.kind === 'rate' && v.unit !== '' && v.unit !== '%') ctx.addIssue({ code: 'custom', message: METRIC_MESSAGES.rateUnit, path: ['unit'] });
}

export const metricCreateInput = fields.extend({ jurisdictionId: jurisdictionIdSchema }).superRefine(shapeChecks);
/** The whole definition again (the form sends what it shows); a published one keeps its code, kind, unit, cycle and levels. */
export const metricUpdateInput = fields.extend({ id: idSchema, version: versionSchema }).superRefine(shapeChecks);
export const metricPublishInput = z.object({ id: idSchema, version: versionSchema });

export const METRIC_LIST_SCOPES = ['own', 'applicable'] as const;
export const metricListInput = z.object({
  /** The node; the caller's own when absent. */
  jurisdictionId: jurisdictionIdSchema.optional(),
  /** own: the node's own definitions (drafts too); applicable: published definitions of the node and the levels above that apply to it or below it. */
  scope: z.enum(METRIC_LIST_SCOPES).default('applicable'),
  status: z.enum(METRIC_STATUSES).optional(),
});

export const metricReportInput = z.object({
  metricId: idSchema,
  jurisdictionId: jurisdictionIdSchema,
  period: metricPeriodSchema,
  numerator: decimalSchema,
  /** Required for a rate or an average, absent (null) for a count. */
  denominator: decimalSchema.nullable().default(null),
  note: optionalText(1000).default(''),
  /** The value's version when changing an earlier report; absent for a first report. */
  version: versionSchema.optional(),
});

export const metricTableInput = z.object({
  jurisdictionId: jurisdictionIdSchema,
  period: metricPeriodSchema,
  /** The children's figures for drill-down (default true). */
  withChildren: z.boolean().default(true),
});

export const metricValueGetInput = z.object({ id: idSchema });

export type MetricCreateInput = z.infer<typeof metricCreateInput>;
export type MetricUpdateInput = z.infer<typeof metricUpdateInput>;
export type MetricReportInput = z.infer<typeof metricReportInput>;
export type MetricTableInput = z.infer<typeof metricTableInput>;

import { z } from 'zod';
import { jurisdictionIdSchema } from '../org/schemas.js';
import { INSPECTION_TYPES } from '../rectification/enums.js';

/** Years a dashboard can be filtered to (an item's issue year, Beijing time). */
export const DASHBOARD_YEARS = { min: 2000, max: 2100 } as const;

/**
 * A dashboard of one jurisdiction node: the caller's own when absent, else any node of the
 * caller's subtree (drill-down). `year` is the year items were issued (交办年度) and selects
 * the months of the trend; `inspectionType` the kind of inspection they came from.
 */
export const dashboardGetInput = z.object({
  jurisdictionId: jurisdictionIdSchema.optional(),
  year: z.number().int().min(DASHBOARD_YEARS.min, `年份不能早于 ${DASHBOARD_YEARS.min}`).max(DASHBOARD_YEARS.max, `年份不能晚于 ${DASHBOARD_YEARS.max}`).optional(),
  inspectionType: z.enum(INSPECTION_TYPES).optional(),
});
export type DashboardGetInput = z.infer<typeof dashboardGetInput>;

/** Column headers of the per-child table's Excel export. */
export const DASHBOARD_EXPORT_LABELS = {
  sheet: '下级对比',
  jurisdiction: '行政区划',
  total: '事项总数',
  open: '未销号',
  closed: '已销号',
  overdue: '逾期',
  dueSoon: '临期',
  onTimeRate: '按期销号率',
  flagged: '挂牌督办',
  extensionsPending: '待审批延期',
  own: '本级',
  sum: '合计',
  allYears: '全部年度',
  allTypes: '全部督察类型',
} as const;

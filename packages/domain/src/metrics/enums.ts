type Labels<K extends string> = Record<K, { 'zh-CN': string; 'en-US': string }>;

/**
 * What a metric (统计指标) measures. `count`: a quantity summed up the tree (行政复议案件数, 件).
 * `rate`: numerator / denominator as a percentage (负责人出庭应诉率 = 出庭案件数 / 应出庭案件数).
 * `average`: numerator / denominator in the metric's unit (人均培训学时 = 培训总学时 / 执法人员数).
 * A rate or an average is never averaged up the tree: numerators and denominators are summed.
 */
export const METRIC_KINDS = ['count', 'rate', 'average'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export const METRIC_KIND_LABELS: Labels<MetricKind> = {
  count: { 'zh-CN': '数量', 'en-US': 'Count' },
  rate: { 'zh-CN': '比率', 'en-US': 'Rate' },
  average: { 'zh-CN': '人均/平均', 'en-US': 'Average' },
};

/** Which way is better, for the year-on-year arrow; `neutral` for figures that are neither (案件数). */
export const METRIC_DIRECTIONS = ['higher', 'lower', 'neutral'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];
export const METRIC_DIRECTION_LABELS: Labels<MetricDirection> = {
  higher: { 'zh-CN': '越高越好', 'en-US': 'Higher is better' },
  lower: { 'zh-CN': '越低越好', 'en-US': 'Lower is better' },
  neutral: { 'zh-CN': '不作比较', 'en-US': 'Neutral' },
};

/** How a value is compared with its target (≥ 100%, < 10%). */
export const TARGET_OPS = ['>=', '>', '<=', '<'] as const;
export type TargetOp = (typeof TARGET_OPS)[number];
export const TARGET_OP_LABELS: Labels<TargetOp> = {
  '>=': { 'zh-CN': '≥', 'en-US': '≥' },
  '>': { 'zh-CN': '>', 'en-US': '>' },
  '<=': { 'zh-CN': '≤', 'en-US': '≤' },
  '<': { 'zh-CN': '<', 'en-US': '<' },
};

/** How often a metric is reported: per year (2025) or per quarter (2025-Q3). */
export const METRIC_CYCLES = ['year', 'quarter'] as const;
export type MetricCycle = (typeof METRIC_CYCLES)[number];
export const METRIC_CYCLE_LABELS: Labels<MetricCycle> = {
  year: { 'zh-CN': '每年', 'en-US': 'Yearly' },
  quarter: { 'zh-CN': '每季度', 'en-US': 'Quarterly' },
};

/** A draft is the owner's to edit; publishing (印发) sends it down to the levels that report it. */
export const METRIC_STATUSES = ['draft', 'published'] as const;
export type MetricStatus = (typeof METRIC_STATUSES)[number];
export const METRIC_STATUS_LABELS: Labels<MetricStatus> = {
  draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
  published: { 'zh-CN': '已印发', 'en-US': 'Published' },
};

/** Where a node's figure comes from: its own report, or the sum of the reports below it. */
export const FIGURE_SOURCES = ['own', 'rollup'] as const;
export type FigureSource = (typeof FIGURE_SOURCES)[number];
export const FIGURE_SOURCE_LABELS: Labels<FigureSource> = {
  own: { 'zh-CN': '本级填报', 'en-US': 'Reported' },
  rollup: { 'zh-CN': '下级汇总', 'en-US': 'Rolled up' },
};

/** Largest value a numerator or denominator may take (numeric(14,2) in the database). */
export const METRIC_MAX_VALUE = 999_999_999_999;
export const METRICS_PER_OWNER_MAX = 1000;
/** Evidence files on a reported value (佐证材料), each like item evidence. */
export const METRIC_FILE_MAX_BYTES = 20 * 1024 * 1024;

export const METRIC_MESSAGES = {
  duplicateCode: '该指标编码已存在',
  tooMany: `每个行政区划最多定义 ${METRICS_PER_OWNER_MAX} 项指标`,
  levelsNotBelow: '填报层级须为本级或下级',
  frozen: '已印发的指标不能修改编码、类型、单位、周期和填报层级',
  notPublished: '指标尚未印发,不能填报',
  levelNotReporting: '该行政区划所在层级不填报此指标',
  notUnderOwner: '只能填报本级或下级行政区划的指标',
  placeholder: '该行政区划为统计用虚拟节点,不能填报',
  badPeriod: '周期与指标的填报周期不符(年度如 2025,季度如 2025-Q3)',
  futurePeriod: '该周期尚未开始,不能填报',
  denominatorRequired: '请填写分母',
  denominatorNotAllowed: '数量类指标没有分母',
  rateAboveDenominator: '比率类指标的分子不能大于分母',
  labelsRequired: '比率和平均类指标须填写分子、分母名称',
  countWithoutDenominatorLabel: '数量类指标不设分母名称',
  rateUnit: '比率类指标的单位须为 %',
  noValueToAttach: '请先填报数值,再上传佐证材料',
} as const;

import { levelOfCode } from '../jurisdiction.js';

type Labels<K extends string> = Record<K, { 'zh-CN': string; 'en-US': string }>;

/** What kind of document a plan is: 实施方案 (several years), 工作要点 (one year), or another. */
export const PLAN_KINDS = ['implementation_plan', 'work_points', 'other'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_LABELS: Labels<PlanKind> = {
  implementation_plan: { 'zh-CN': '实施方案', 'en-US': 'Implementation plan' },
  work_points: { 'zh-CN': '工作要点', 'en-US': 'Work points' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** A draft is edited by its issuer alone; publishing hands the tasks out (assignments) and freezes them. */
export const PLAN_STATUSES = ['draft', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Labels<PlanStatus> = {
  draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
  published: { 'zh-CN': '已印发', 'en-US': 'Published' },
};

/** How often units report progress on their tasks. */
export const REPORT_CYCLES = ['month', 'quarter', 'half_year', 'year'] as const;
export type ReportCycle = (typeof REPORT_CYCLES)[number];
export const REPORT_CYCLE_LABELS: Labels<ReportCycle> = {
  month: { 'zh-CN': '每月', 'en-US': 'Monthly' },
  quarter: { 'zh-CN': '每季度', 'en-US': 'Quarterly' },
  half_year: { 'zh-CN': '每半年', 'en-US': 'Half-yearly' },
  year: { 'zh-CN': '每年', 'en-US': 'Yearly' },
};

/**
 * Why a unit holds a task: named as 责任单位 (the lead among them 牵头单位), or as one of the
 * issuer's child jurisdictions ("各镇街": every township below a county).
 */
export const ASSIGNMENT_KINDS = ['unit', 'child'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

/** How a plan names "every child jurisdiction", by the issuer's level (a township has none). */
export const ALL_CHILDREN_LABELS: Labels<'province' | 'city' | 'county'> = {
  province: { 'zh-CN': '各市', 'en-US': 'Every city' },
  city: { 'zh-CN': '各县(市、区)', 'en-US': 'Every county' },
  county: { 'zh-CN': '各乡镇(街道)', 'en-US': 'Every township' },
};

/** The "every child" label for a plan issued by jurisdiction `issuerId` (its division code). */
export function allChildrenLabel(issuerId: number, lang: 'zh-CN' | 'en-US'): string {
  const level = levelOfCode(String(issuerId));
  return level === null || level === 'township' ? '' : ALL_CHILDREN_LABELS[level][lang];
}

/**
 * A cell of the task × unit grid for one period: reported by the due date, reported after it,
 * not reported and past due, or not reported and not yet due.
 */
export const REPORT_STATES = ['reported', 'late', 'missing', 'pending'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Labels<ReportState> = {
  reported: { 'zh-CN': '已报送', 'en-US': 'Reported' },
  late: { 'zh-CN': '逾期报送', 'en-US': 'Reported late' },
  missing: { 'zh-CN': '未报送', 'en-US': 'Missing' },
  pending: { 'zh-CN': '未到期', 'en-US': 'Not yet due' },
};

/** Pasted text and the text of an uploaded document, in characters (a long plan is ~40,000). */
export const PLAN_TEXT_MAX_CHARS = 200_000;
/** Uploaded plan documents (.docx or .txt). */
export const PLAN_FILE_MAX_BYTES = 4 * 1024 * 1024;
/** What a .docx may unpack to before we refuse it (zip bombs). */
export const PLAN_DOCX_MAX_UNZIPPED_BYTES = 40 * 1024 * 1024;
export const PLAN_MAX_TASKS = 500;
export const PLAN_MAX_SECTIONS = 100;
export const TASK_MAX_UNITS = 60;
/** Files on a progress report (佐证材料), each like evidence. */
export const REPORT_FILE_MAX_BYTES = 20 * 1024 * 1024;

export const PLAN_MESSAGES = {
  emptyText: '文本为空,请粘贴或上传方案全文',
  noTasks: '未识别到编号的任务(如以“1.”“(一)”开头的段落),请检查文档格式',
  tooManyTasks: `任务过多(超过 ${PLAN_MAX_TASKS} 项),请拆分后导入`,
  textTooLong: `文本过长(超过 ${PLAN_TEXT_MAX_CHARS} 字),请拆分后导入`,
  fileTooLarge: `文件不能超过 ${PLAN_FILE_MAX_BYTES / 1024 / 1024} MB`,
  badFile: '只能上传 Word(.docx)或纯文本(.txt)文件,且扩展名须与内容一致',
  unreadableDocx: '无法读取该 Word 文件,请另存为 .docx 后重试,或直接粘贴文本',
  docxTooLarge: `文档内容过大(解压后超过 ${PLAN_DOCX_MAX_UNZIPPED_BYTES / 1024 / 1024} MB),请删除其中的图片后重试`,
  unreadableText: '无法识别文本编码,请另存为 UTF-8 后重试',
  notDraft: '方案已印发,不能再修改任务',
  notPublished: '方案尚未印发',
  pendingUnits: (names: string[]) => `以下单位尚未对应到本级单位,请先对应、新建或转为备注:${names.slice(0, 10).join('、')}${names.length > 10 ? ` 等 ${names.length} 个` : ''}`,
  taskWithoutAssignee: (numbers: string[]) => `以下任务没有责任单位,也未下发到下级:${numbers.slice(0, 10).join('、')}${numbers.length > 10 ? ` 等 ${numbers.length} 项` : ''}`,
  noTasksToPublish: '方案没有任务,不能印发',
  unitNotInJurisdiction: '责任单位须为本级的在用单位',
  childWithoutUnit: (names: string[]) => `以下下级行政区划没有在用单位,无法下发:${names.slice(0, 10).join('、')}`,
  badSection: '任务所属章节不存在',
  periodOrder: '结束日期不能早于开始日期',
  periodTooLong: '方案期限不能超过 10 年',
  badPeriod: '填报周期不在方案期限内',
  futurePeriod: '该周期尚未开始,不能填报',
  upperTaskNotFound: '所贯彻落实的上级任务不存在或无权查看',
  upperTaskNotAbove: '只能关联上级已印发方案中的任务',
  taskNotInPlan: '任务不属于该方案',
  duplicateKey: '该方案已创建',
  noReportToAttach: '请先填报进展,再上传佐证材料',
} as const;

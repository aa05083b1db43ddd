import type { IndicatorLevel } from './indicators.js';
import { toTenths } from './scoring.js';

/**
 * The .xlsx of an indicator system version (export, and import into a draft): one row per
 * indicator, parents before children, the tree given by 上级编号. No spreadsheet library here.
 */
export const INDICATOR_IMPORT_MAX_ROWS = 1_000;
export const INDICATOR_IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const INDICATOR_SHEET = '指标体系';

export const INDICATOR_COLUMNS = [
  { key: 'code', name: '编号', width: 10, required: true },
  { key: 'level', name: '层级', width: 10, required: true },
  { key: 'name', name: '指标名称', width: 40, required: true },
  { key: 'parent', name: '上级编号', width: 10, required: false },
  { key: 'maxScore', name: '分值', width: 8, required: false },
  { key: 'guidance', name: '评分标准', width: 50, required: false },
  { key: 'evidence', name: '佐证材料要求', width: 36, required: false },
  { key: 'veto', name: '一票否决', width: 10, required: false },
] as const;
export type IndicatorColumnKey = (typeof INDICATOR_COLUMNS)[number]['key'];

export const INDICATOR_EXCEL_MESSAGES = {
  badLevel: '层级须为 1、2、3(或一级、二级、三级)',
  badScore: '分值须为 0 到 100 之间、最多一位小数的数字',
  badVeto: '一票否决请填写“是”或“否”',
  unknownParent: (code: string) => `上级编号“${code}”不在文件中(上级指标须写在下级之前)`,
  failed: (row: number, column: string, message: string, more: number) => `导入失败:第 ${row} 行“${column}”${message}${more > 0 ? `(另有 ${more} 处错误)` : ''}`,
  tooLarge: `导入文件不能超过 ${INDICATOR_IMPORT_MAX_BYTES / 1024 / 1024} MB`,
  tooManyRows: `一个指标体系最多 ${INDICATOR_IMPORT_MAX_ROWS} 个指标`,
} as const;

const LEVEL_WORDS: Record<string, IndicatorLevel> = { '1': 1, '2': 2, '3': 3, 一级: 1, 二级: 2, 三级: 3, 一级指标: 1, 二级指标: 2, 三级指标: 3 };

/** The level of a 层级 cell (1, 2, 3, 一级 …), or null. */
export function levelFromCell(value: string | number): IndicatorLevel | null {
  return LEVEL_WORDS[String(value).trim()] ?? null;
}

/** Tenths of a 分值 cell (empty → null), or 'bad'. */
export function scoreFromCell(value: string | number | undefined): number | null | 'bad' {
  if (value === undefined || String(value).trim() === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || n < 0 || n > 100) return 'bad';
  return toTenths(n) ?? 'bad';
}

/** 一票否决: 是/否, Y/N, true/false, 1/0; empty is 否. Null when unreadable. */
export function vetoFromCell(value: string | number | boolean | undefined): boolean | null {
  if (value === undefined) return false;
  const t = String(value).trim().toLowerCase();
  if (['', '否', 'n', 'no', 'false', '0'].includes(t)) return false;
  if (['是', 'y', 'yes', 'true', '1', '√', '✓'].includes(t)) return true;
  return null;
}

const UNSAFE_NAME = /[\\/:*?"<>|\p{Cc}]/gu;

export function indicatorFileName(systemName: string, versionNo: number): string {
  const name = systemName.replace(UNSAFE_NAME, '_').trim().slice(0, 60);
  return `${name || '指标体系'}-第${versionNo}版.xlsx`;
}

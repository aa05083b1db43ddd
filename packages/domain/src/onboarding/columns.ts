/**
 * The onboarding workbook (批量导入单位和用户): two data sheets, 单位 and 用户, plus a 说明 sheet.
 * `header` is what the template shows; `name` is how errors name the column; a file's header
 * cell matches when it starts with `name`. No spreadsheet library here.
 */
export const UNITS_SHEET = '单位';
export const USERS_SHEET = '用户';
export const ONBOARDING_HELP_SHEET = '说明';
export const ONBOARDING_SHEETS = [UNITS_SHEET, USERS_SHEET] as const;
export type OnboardingSheet = (typeof ONBOARDING_SHEETS)[number];

/** One upload: ≤ 20 MB, ≤ 60,000 data rows over both sheets (a province's units and users). */
export const ONBOARDING_MAX_BYTES = 20 * 1024 * 1024;
export const ONBOARDING_MAX_ROWS = 60_000;
/** Declared size of the .xlsx once unzipped (zip bombs), checked before the workbook is opened. */
export const ONBOARDING_MAX_UNZIPPED_BYTES = 400 * 1024 * 1024;
/** Row errors kept with an import (the count is exact; the list is cut here). */
export const ONBOARDING_MAX_STORED_ERRORS = 1_000;
/** The generated initial passwords can be downloaded once, within this many hours. */
export const ONBOARDING_CREDENTIALS_HOURS = 24;

export const UNIT_IMPORT_COLUMNS = [
  { key: 'code', name: '行政区划代码', header: '行政区划代码', width: 16, required: true, help: '单位所在地区的行政区划代码:省 2 位、市 4 位、县区 6 位、乡镇街道 9 位(也可填 12 位统计用区划代码),须在您的管辖范围内' },
  { key: 'region', name: '地区名称', header: '地区名称', width: 18, required: false, help: '可不填;填写时须与区划代码对应的地区名称一致,用于核对代码是否填错' },
  { key: 'name', name: '单位名称', header: '单位名称', width: 28, required: true, help: '单位全称,如“河东区司法局”,不超过 60 个字;同一地区内不能重名' },
  { key: 'shortName', name: '单位简称', header: '单位简称', width: 14, required: true, help: '如“司法局”,不超过 30 个字' },
  { key: 'kind', name: '单位类型', header: '单位类型', width: 14, required: false, help: '办公室、部门、乡镇(街道)或其他;不填视为“部门”' },
  { key: 'sortOrder', name: '排序号', header: '排序号', width: 10, required: false, help: '0–9999 的整数,小的排在前面;不填为 100' },
] as const;
export type UnitImportKey = (typeof UNIT_IMPORT_COLUMNS)[number]['key'];

export const USER_IMPORT_COLUMNS = [
  { key: 'username', name: '用户名', header: '用户名', width: 18, required: true, help: '登录用的用户名,2–32 位小写字母、数字、点、下划线或连字符,全平台唯一' },
  { key: 'displayName', name: '姓名', header: '姓名', width: 12, required: true, help: '不超过 40 个字' },
  { key: 'code', name: '所属行政区划代码', header: '所属行政区划代码', width: 18, required: true, help: '用户所在单位的地区代码,规则同“单位”表' },
  { key: 'unit', name: '所属单位', header: '所属单位', width: 26, required: true, help: '该地区已有单位或“单位”表中同一地区单位的全称(或唯一的简称)' },
  { key: 'roles', name: '角色', header: '角色', width: 18, required: true, help: '督察、管理员、填报、审核、领导查看,可填多个,用顿号或逗号分隔' },
] as const;
export type UserImportKey = (typeof USER_IMPORT_COLUMNS)[number]['key'];

/** One problem with one cell of an onboarding file, by sheet and the Excel row number the user sees. */
export interface OnboardingRowError {
  sheet: OnboardingSheet;
  row: number;
  column: string;
  message: string;
}

const COLUMN_ORDER: Record<OnboardingSheet, readonly string[]> = {
  [UNITS_SHEET]: UNIT_IMPORT_COLUMNS.map((c) => c.name),
  [USERS_SHEET]: USER_IMPORT_COLUMNS.map((c) => c.name),
};

/** Sheet (单位 first), then row, then column in the template's order. */
export function compareRowErrors(a: OnboardingRowError, b: OnboardingRowError): number {
  return ONBOARDING_SHEETS.indexOf(a.sheet) - ONBOARDING_SHEETS.indexOf(b.sheet) || a.row - b.row || COLUMN_ORDER[a.sheet].indexOf(a.column) - COLUMN_ORDER[b.sheet].indexOf(b.column);
}

/** Characters Windows and macOS refuse in file names, and control characters. */
const UNSAFE_NAME = /[\\/:*?"<>|\p{Cc}]/gu;
const compact = (date: string) => date.replaceAll('-', '');

export const ONBOARDING_TEMPLATE_FILE = '单位和用户批量导入模板.xlsx';
export function onboardingErrorsFileName(fileName: string): string {
  const base = fileName.replace(/\.xlsx$/i, '').replace(UNSAFE_NAME, '_').trim().slice(0, 60);
  return base ? `导入错误清单-${base}.xlsx` : '导入错误清单.xlsx';
}
export function onboardingCredentialsFileName(importId: number, today: string): string {
  return `初始密码-导入${importId}-${compact(today)}.xlsx`;
}

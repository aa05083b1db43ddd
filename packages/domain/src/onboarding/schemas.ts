import { z } from 'zod';
import { idSchema, jurisdictionIdSchema, pageInput } from '../org/schemas.js';
import { ONBOARDING_MAX_BYTES, ONBOARDING_MAX_ROWS } from './columns.js';

/**
 * An onboarding import's life: queued (uploaded, waiting for the job) → validating (every row
 * checked, nothing written) → importing (initial passwords generated, then one transaction) →
 * succeeded | failed (row errors or a file-level failure; nothing written).
 */
export const ONBOARDING_STATUSES = ['queued', 'validating', 'importing', 'succeeded', 'failed'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];
export const ONBOARDING_RUNNING: readonly OnboardingStatus[] = ['queued', 'validating', 'importing'];

export const onboardingListInput = pageInput.extend({ jurisdictionId: jurisdictionIdSchema });
export const onboardingGetInput = z.object({ id: idSchema });

export const ONBOARDING_MESSAGES = {
  tooLarge: `导入文件不能超过 ${ONBOARDING_MAX_BYTES / 1024 / 1024} MB`,
  tooManyRows: `一次最多导入 ${ONBOARDING_MAX_ROWS} 行(单位和用户合计),请按地区分批导入`,
  noSheets: '文件中没有“单位”或“用户”工作表,请使用导入模板填写',
  noRows: '“单位”和“用户”表中都没有可导入的数据',
  required: '不能为空',
  badCode: '不是有效的行政区划代码(省 2 位、市 4 位、县区 6 位、乡镇街道 9 位)',
  outsideArea: '该地区不在您的管辖范围内',
  unknownCode: '行政区划代码不存在',
  placeholder: '该区划为统计用虚拟区划(如“市辖区”),不能设立单位或用户',
  regionMismatch: (name: string) => `地区名称与区划代码不符(该代码为“${name}”)`,
  noPermission: '您无权在该地区导入单位或用户',
  badKind: '单位类型须为:办公室、部门、乡镇(街道)或其他',
  badSortOrder: '排序号须为 0–9999 的整数',
  duplicateUnitInFile: (row: number) => `与“单位”表第 ${row} 行的单位重名(同一地区)`,
  duplicateUsernameInFile: (row: number) => `与“用户”表第 ${row} 行的用户名重复`,
  unknownUnit: (name: string) => `该地区没有名为“${name}”的单位(新单位请先在“单位”表中列出)`,
  ambiguousUnit: (name: string) => `该地区有多个简称为“${name}”的单位,请填写全称`,
  unknownRoles: (labels: string, allowed: string) => `未知的角色“${labels}”(可选:${allowed})`,
  queueUnavailable: '后台任务服务暂不可用,请稍后重试',
  alreadyImported: '该文件已导入或正在导入,已为您打开该导入记录',
  raceUsernames: '导入时发现用户名已被占用,未导入任何数据,请修改后重新上传',
  uploaderGone: '上传人的账号已停用或权限已变更,未导入任何数据',
  credentialsGone: '初始密码已下载过或已过期;如需重新获取,请在用户列表中重置密码',
  jobFailed: '导入过程中发生系统错误,未导入任何数据,请稍后重新上传',
  errorsCut: (shown: number, total: number) => `共 ${total} 处错误,仅保存前 ${shown} 处`,
} as const;

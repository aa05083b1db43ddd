import { z } from 'zod';
import { idSchema, pageInput } from '../org/schemas.js';
import { itemExportInput } from './excel.js';

/**
 * Background ledger exports (后台导出): a ledger larger than a request may build
 * (LEDGER_EXPORT_MAX_ROWS) is written by a job, read in pages with its progress recorded, and
 * kept for its requester alone for a week.
 */
export const BACKGROUND_EXPORT_MAX_ROWS = 200_000;
/** Rows read per page by the job (each page updates the progress). */
export const BACKGROUND_EXPORT_PAGE_ROWS = 2_000;
export const BACKGROUND_EXPORT_KEEP_DAYS = 7;

export const LEDGER_EXPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type LedgerExportStatus = (typeof LEDGER_EXPORT_STATUSES)[number];
export const LEDGER_EXPORT_STATUS_LABELS: Record<LedgerExportStatus, { 'zh-CN': string; 'en-US': string }> = {
  queued: { 'zh-CN': '排队中', 'en-US': 'Queued' },
  running: { 'zh-CN': '生成中', 'en-US': 'Generating' },
  succeeded: { 'zh-CN': '已完成', 'en-US': 'Ready' },
  failed: { 'zh-CN': '失败', 'en-US': 'Failed' },
};

export const ledgerExportRequestInput = z.object({
  /** The client's key for this request (a fresh UUID per click): a resend finds the same export. */
  requestKey: z.string().uuid('请求标识无效,请刷新后重试'),
  filter: itemExportInput,
});
export const ledgerExportListInput = pageInput;
export const ledgerExportGetInput = z.object({ id: idSchema });

export const LEDGER_EXPORT_MESSAGES = {
  tooManyRows: (max: number) => `符合条件的事项超过 ${max} 条,请缩小筛选范围(如按地区或督察)后分批导出`,
  queueUnavailable: '后台任务服务暂时不可用,请稍后再试',
  requesterGone: '申请导出的账号已停用或调离,导出未执行',
  jobFailed: '导出未能完成,请重新申请导出',
  expired: '导出文件已过期(保留 7 天),请重新申请导出',
  notReady: '导出文件尚未生成,请稍候',
} as const;

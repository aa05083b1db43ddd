import type ExcelJS from 'exceljs';
import { AppError, ONBOARDING_MESSAGES, escapeFormula, onboardingCredentialsFileName, onboardingErrorsFileName } from '@fz/domain';
import type { AppAbility, Principal } from '@fz/domain';
import type { OnboardingCredential, Tx } from '@fz/db';
import type { ItemCtx } from '../items/events.js';
import { BORDER, newWorkbook, styleHeaderRow, workbookBuffer } from '../items/excel/style.js';
import { importErrors, readableImport } from './queries.js';

type Cell = string | number;

function tableWorkbook(sheet: string, columns: Array<{ header: string; width: number }>, rows: Cell[][], title?: string): ExcelJS.Workbook {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: title ? 2 : 1 }] });
  ws.columns = columns.map((c) => ({ width: c.width, style: { numFmt: '@' } }));
  if (title) {
    ws.addRow([escapeFormula(title)]).font = { bold: true };
    ws.mergeCells(1, 1, 1, columns.length);
  }
  styleHeaderRow(ws.addRow(columns.map((c) => c.header)));
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => (typeof v === 'string' ? escapeFormula(v) : v)));
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = BORDER));
  }
  return wb;
}

/** The row errors of a failed import (the stored ones), or its file-level failure, as an .xlsx. */
export async function errorsWorkbook(tx: Tx, ability: AppAbility, id: number): Promise<{ buffer: Buffer; fileName: string }> {
  const row = await readableImport(tx, ability, id);
  if (row.status !== 'failed') throw new AppError('BAD_REQUEST', '该导入没有错误清单');
  const errors = await importErrors(tx, id);
  const title = row.failure ?? (row.error_count > errors.length ? ONBOARDING_MESSAGES.errorsCut(errors.length, row.error_count) : `共 ${row.error_count} 处错误`);
  const wb = tableWorkbook(
    '错误清单',
    [{ header: '工作表', width: 10 }, { header: '行号', width: 8 }, { header: '列', width: 18 }, { header: '错误说明', width: 70 }],
    errors.map((e) => [e.sheet, e.row, e.column, e.message]),
    `${row.file_name}:${title}`,
  );
  return { buffer: await workbookBuffer(wb), fileName: onboardingErrorsFileName(row.file_name) };
}

/**
 * The initial passwords of an import, handed over once: the uploader's row (RLS shows it to
 * nobody else) is deleted in the same transaction the file is built in, and the hand-over is
 * audited (without the passwords). Already taken or expired: NOT_FOUND (an expired row is left
 * for the nightly clean-up).
 */
export async function takeCredentials(tx: Tx, ctx: ItemCtx, id: number, today: string): Promise<{ buffer: Buffer; fileName: string }> {
  await readableImport(tx, ctx.ability, id);
  const taken = await tx.deleteFrom('onboarding_credentials').where('import_id', '=', id).returning(['credentials', 'expires_at']).executeTakeFirst();
  if (!taken || new Date(taken.expires_at).getTime() <= Date.now()) throw new AppError('NOT_FOUND', ONBOARDING_MESSAGES.credentialsGone);
  const list: OnboardingCredential[] = taken.credentials;
  const wb = tableWorkbook(
    '初始密码',
    [{ header: '用户名', width: 18 }, { header: '姓名', width: 12 }, { header: '地区', width: 18 }, { header: '单位', width: 26 }, { header: '初始密码', width: 16 }],
    list.map((c) => [c.username, c.displayName, c.jurisdiction, c.unit, c.password]),
    '初始密码仅此一份,首次登录须修改。请妥善保管,逐一告知本人,不要通过公开渠道传播。',
  );
  const own: Principal['jurisdiction'] = ctx.principal.jurisdiction;
  await ctx.audit(tx, { action: 'onboarding.credentials', subjectType: 'OnboardingImport', subjectId: id, jurisdiction: { ...own, jurisdictionId: own.id }, unitId: ctx.principal.unitId, after: { users: list.length } });
  return { buffer: await workbookBuffer(wb), fileName: onboardingCredentialsFileName(id, today) };
}

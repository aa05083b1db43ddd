import type ExcelJS from 'exceljs';
import { DASHBOARD_EXPORT_LABELS as L, INSPECTION_TYPE_LABELS, ITEM_STATUSES, ITEM_STATUS_LABELS, escapeFormula } from '@fz/domain';
import type { DashboardGetInput, Summary } from '@fz/domain';
import type { Tx } from '@fz/db';
import type { ItemCtx } from '../items/events.js';
import { BORDER, newWorkbook, styleHeaderRow, workbookBuffer } from '../items/excel/style.js';
import { loadDashboard } from './get.js';

const TITLE_ROW = 1;
const HEADER_ROW = 2;
const PERCENT = '0.0%';

const COLUMNS: Array<{ header: string; width: number; value: (s: Summary) => ExcelJS.CellValue; percent?: boolean }> = [
  { header: L.total, width: 10, value: (s) => s.total },
  { header: L.open, width: 10, value: (s) => s.open },
  { header: L.closed, width: 10, value: (s) => s.closed },
  { header: L.overdue, width: 8, value: (s) => s.overdue },
  { header: L.dueSoon, width: 8, value: (s) => s.dueSoon },
  { header: L.onTimeRate, width: 12, value: (s) => s.onTimeRate, percent: true },
  { header: L.flagged, width: 10, value: (s) => s.flagged },
  { header: L.extensionsPending, width: 12, value: (s) => s.extensionsPending },
  ...ITEM_STATUSES.map((st) => ({ header: ITEM_STATUS_LABELS[st]['zh-CN'], width: 10, value: (s: Summary) => s.byStatus[st] })),
];

/** Characters Windows and macOS refuse in file names, and control characters. */
const UNSAFE_NAME = /[\\/:*?"<>|\p{Cc}]/gu;

export function dashboardExportFileName(nodeName: string, today: string): string {
  return `${nodeName.replace(UNSAFE_NAME, '_').slice(0, 40)}督察看板-下级对比-${today.replaceAll('-', '')}.xlsx`;
}

/**
 * The per-child table of a dashboard as an .xlsx (one row per child, then the node's own
 * items and the total), under the same checks as dashboard.get; audited under the caller's
 * own jurisdiction like the ledger export.
 */
export async function exportDashboardChildren(tx: Tx, ctx: ItemCtx, today: string, input: DashboardGetInput): Promise<{ buffer: Buffer; fileName: string }> {
  const d = await loadDashboard(tx, ctx, today, input);
  const wb = newWorkbook();
  const ws = wb.addWorksheet(L.sheet, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}` },
  });
  ws.columns = [{ width: 24 }, ...COLUMNS.map((c) => ({ width: c.width, style: c.percent ? { numFmt: PERCENT } : {} }))];
  const scope = [input.year === undefined ? L.allYears : `${input.year}年度`, input.inspectionType ? INSPECTION_TYPE_LABELS[input.inspectionType]['zh-CN'] : L.allTypes];
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, COLUMNS.length + 1);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = escapeFormula(`${d.node.name}督察看板 · ${L.sheet}(${scope.join(',')},截至 ${today})`);
  title.font = { bold: true, size: 14 };
  ws.getRow(TITLE_ROW).height = 28;
  styleHeaderRow(ws.addRow([L.jurisdiction, ...COLUMNS.map((c) => c.header)]));
  const line = (name: string, s: Summary, bold = false) => {
    const row = ws.addRow([escapeFormula(name), ...COLUMNS.map((c) => c.value(s))]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      if (bold) cell.font = { bold: true };
    });
  };
  for (const c of d.children) line(c.name, c);
  if (d.own) line(`${d.node.name}(${L.own})`, d.own);
  line(L.sum, d.kpis, true);
  const own = ctx.principal.jurisdiction;
  await ctx.audit(tx, {
    action: 'dashboard.export',
    subjectType: 'Jurisdiction',
    subjectId: d.node.id,
    jurisdiction: { ...own, jurisdictionId: own.id },
    unitId: ctx.principal.unitId,
    after: { input, rows: d.children.length },
  });
  return { buffer: await workbookBuffer(wb), fileName: dashboardExportFileName(d.node.name, today) };
}

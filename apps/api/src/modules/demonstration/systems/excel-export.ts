import { INDICATOR_COLUMNS, INDICATOR_LEVEL_LABELS, INDICATOR_SHEET, SYSTEM_VERSION_STATUS_LABELS, escapeFormula, formatTenths, indicatorFileName } from '@fz/domain';
import type { IndicatorLevel } from '@fz/domain';
import type { Tx } from '@fz/db';
import { BORDER, newWorkbook, styleHeaderRow, workbookBuffer } from '../../items/excel/style.js';
import type { DemoCtx } from '../common.js';
import { ownPlace } from '../common.js';
import type { NodeRow } from './queries.js';
import { versionNodes, visibleVersion } from './queries.js';

/** Parents before their children, siblings in sort order: the order an import reads back. */
function depthFirst(nodes: readonly NodeRow[]): NodeRow[] {
  const children = new Map<number | null, NodeRow[]>();
  for (const n of [...nodes].sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)) children.set(n.parent_id, [...(children.get(n.parent_id) ?? []), n]);
  const out: NodeRow[] = [];
  const visit = (parent: number | null) => {
    for (const n of children.get(parent) ?? []) {
      out.push(n);
      visit(n.id);
    }
  };
  visit(null);
  return out;
}

/**
 * A version as an .xlsx the import reads back: one row per indicator (编号, 层级, 名称, 上级编号,
 * 分值, 评分标准, 佐证材料要求, 一票否决) and a sheet of the version's settings. Text cells are
 * escaped against formula injection. Audited under the caller's own jurisdiction.
 */
export async function exportVersion(tx: Tx, ctx: DemoCtx, versionId: number): Promise<{ buffer: Buffer; fileName: string }> {
  const v = await visibleVersion(tx, ctx.ability, versionId);
  const nodes = depthFirst(await versionNodes(tx, v.id));
  const codeOf = new Map(nodes.map((n) => [n.id, n.code]));
  const wb = newWorkbook();
  const ws = wb.addWorksheet(INDICATOR_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = INDICATOR_COLUMNS.map((c) => ({ key: c.key, width: c.width, style: c.key === 'code' || c.key === 'parent' ? { numFmt: '@' } : {} }));
  INDICATOR_COLUMNS.forEach((c, i) => (ws.getRow(1).getCell(i + 1).value = c.name));
  styleHeaderRow(ws.getRow(1));
  const text = (s: string | null) => escapeFormula(s ?? '');
  for (const n of nodes) {
    const row = ws.addRow({
      code: text(n.code),
      level: INDICATOR_LEVEL_LABELS[n.level as IndicatorLevel]['zh-CN'].replace('指标', ''),
      name: text(n.name),
      parent: n.parent_id === null ? '' : text(codeOf.get(n.parent_id) ?? ''),
      maxScore: n.max_score === null ? null : Number(formatTenths(n.max_score)),
      guidance: text(n.guidance),
      evidence: text(n.evidence),
      veto: n.veto ? '是' : '',
    });
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    if (n.level === 1) row.font = { bold: true };
  }
  const about = wb.addWorksheet('版本信息');
  about.columns = [{ width: 18 }, { width: 40 }];
  for (const [k, value] of [
    ['指标体系', text(v.system_name)],
    ['版本', `第${v.version_no}版(${SYSTEM_VERSION_STATUS_LABELS[v.status]['zh-CN']})`],
    ['命名分数线', formatTenths(v.pass_line)],
    ['群众满意度占比', `${v.satisfaction_pct}%`],
    ['说明', text(v.description)],
  ] as const) {
    about.addRow([k, value]);
  }
  await ctx.audit(tx, { action: 'indicatorSystem.export', subjectType: 'IndicatorSystem', subjectId: v.id, jurisdiction: ownPlace(ctx.principal), unitId: ctx.principal.unitId, after: { versionId: v.id, indicators: nodes.length } });
  return { buffer: await workbookBuffer(wb), fileName: indicatorFileName(v.system_name, v.version_no) };
}

import type { SourceLine } from './markers.js';
import { markerOf } from './markers.js';
import type { ParsedSection, ParsedTask, PlanWarning } from './parsed.js';
import { deadlineOf, emptyClause, readClause } from './unit-clause.js';

/**
 * A 任务分工表: one task per row, tab-separated (a table pasted from Word or Excel, or a .docx
 * table), under a header such as "序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限". A category column
 * (merged cells in Word: only its first row has text) or a row holding only "一、…" gives sections.
 */
interface Columns {
  number: number;
  section: number;
  task: number;
  lead: number;
  units: number;
  deadline: number;
}

const cellsOf = (text: string) => text.split('\t').map((c) => c.trim());
const find = (cells: string[], re: RegExp) => cells.findIndex((c) => re.test(c.replace(/\s/g, '')));

function headerColumns(cells: string[]): Columns | null {
  const task = find(cells, /^(主要|重点|工作|具体)?(任务|措施)(内容|事项|举措)?$|^工作(内容|措施|任务|事项)$|^任务(名称|内容)$/);
  const lead = find(cells, /^(牵头|主责|主办)(单位|部门)$/);
  const units = find(cells, /^(责任|配合|参与|协办)(单位|部门)$/);
  if (task < 0 || (lead < 0 && units < 0)) return null;
  return {
    number: find(cells, /^(序号|编号|序列)$/),
    section: find(cells, /^(类别|领域|重点领域|工作类别|项目|任务类别|板块)$/),
    task,
    lead,
    units,
    deadline: find(cells, /(完成)?(时限|时间|期限)(要求|安排)?$/),
  };
}

export function tableHeaderIndex(lines: readonly SourceLine[]): number {
  return lines.findIndex((l) => l.text.includes('\t') && headerColumns(cellsOf(l.text)) !== null);
}

export function parseTable(lines: readonly SourceLine[], headerIndex: number) {
  const cols = headerColumns(cellsOf(lines[headerIndex]!.text))!;
  const sections: ParsedSection[] = [];
  const tasks: ParsedTask[] = [];
  const warnings: PlanWarning[] = [];
  const at = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '') : '');

  const openSection = (title: string, line: number) => {
    const m = markerOf(title);
    sections.push({ number: m?.number ?? String(sections.length + 1), label: m?.label ?? '', title: m?.rest ?? title, depth: 1, parentIndex: null, line });
  };

  for (const l of lines.slice(headerIndex + 1)) {
    const cells = cellsOf(l.text);
    const filled = cells.filter((c) => c.length > 0);
    if (filled.length === 0) continue;
    // A row spanning the table ("一、健全政府机构职能体系") opens a section.
    if (filled.length === 1 || new Set(filled).size === 1) {
      const only = filled[0]!;
      if (markerOf(only)?.kind === 'cn' || markerOf(only)?.kind === 'pcn' || at(cells, cols.task) === '') {
        openSection(only, l.line);
        continue;
      }
    }
    const text = at(cells, cols.task);
    // Tabs sit at the same offsets in the line as written: its cells keep full-width punctuation.
    const written = at(cellsOf(l.raw), cols.task);
    if (text.length === 0) {
      warnings.push({ line: l.line, message: `第 ${l.line} 行没有任务内容,已略过` });
      continue;
    }
    const category = at(cells, cols.section);
    if (category.length > 0 && sections.at(-1)?.title !== (markerOf(category)?.rest ?? category)) openSection(category, l.line);
    const clause = emptyClause();
    const lead = at(cells, cols.lead);
    const units = at(cells, cols.units);
    const deadlineText = at(cells, cols.deadline);
    readClause([lead && `牵头单位:${lead}`, units && `责任单位:${units}`, deadlineText && `完成时限:${deadlineText}`].filter(Boolean).join(';'), clause);
    const numbered = at(cells, cols.number).replace(/[.、]$/, '');
    const m = markerOf(text);
    const number = /^\d{1,3}$/.test(numbered) ? String(Number(numbered)) : (m?.number ?? String(tasks.length + 1));
    const body = m && m.kind !== 'cn' ? written.slice(written.length - m.rest.length) : written;
    const end = body.search(/[。;\uFF1B]/);
    tasks.push({
      number,
      label: `${number}.`,
      title: end > 0 && end <= 60 ? body.slice(0, end) : body.length > 40 ? `${body.slice(0, 40)}…` : body,
      text: body,
      sectionIndex: sections.length > 0 ? sections.length - 1 : null,
      leadUnit: clause.lead,
      units: clause.units,
      allChildren: clause.allChildren,
      notes: clause.notes,
      deadline: clause.deadlineText === null ? null : deadlineOf(clause.deadlineText),
      deadlineText: clause.deadlineText,
      line: l.line,
    });
  }
  return { sections, tasks, warnings, bodyStart: lines[headerIndex]!.line };
}

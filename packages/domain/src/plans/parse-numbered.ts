import type { Marker, MarkerKind, SourceLine } from './markers.js';
import { MARKER_KINDS, asWritten, markerOf } from './markers.js';
import type { ParsedSection, ParsedTask, PlanWarning } from './parsed.js';
import type { UnitClause } from './unit-clause.js';
import { CLAUSE_START_RE, deadlineOf, emptyClause, readClause, trailingClause } from './unit-clause.js';

interface Draft {
  marker: Marker;
  line: number;
  text: string;
  sectionIndex: number | null;
  clause: UnitClause;
  clauseSeen: boolean;
}

export interface NumberedResult {
  sections: ParsedSection[];
  tasks: ParsedTask[];
  warnings: PlanWarning[];
  /** Line of the first heading or task (what comes before is the document's header). */
  bodyStart: number;
}

const isClauseLine = (text: string) => CLAUSE_START_RE.test(text);
/** Stored text keeps its full-width punctuation, so both widths end a sentence. */
const ENDS_SENTENCE = /[。;\uFF1B!\uFF01?\uFF1F:\uFF1A)\uFF09」』”]$/;

/** "(责任单位:…)" on a line of its own, without its parentheses. */
function clauseBody(text: string): string {
  const t = text.trim().replace(/[。.]$/, '');
  return t.startsWith('(') && t.endsWith(')') ? t.slice(1, -1) : t;
}

/**
 * Which numbering marks the tasks. The kind whose paragraphs carry units clauses wins (so
 * "(一)…(责任单位:…)" with "1." sub-points is read right); without any clause, the most
 * specific common kind: 1. before (一) before (1) before 一、.
 */
function taskKindOf(lines: readonly SourceLine[], markers: ReadonlyArray<Marker | null>): MarkerKind | null {
  const withClause = new Map<MarkerKind, number>();
  const present = new Set<MarkerKind>();
  markers.forEach((m, i) => {
    if (!m) return;
    present.add(m.kind);
    const next = lines[i + 1];
    if (trailingClause(m.rest) || (next && markers[i + 1] === null && isClauseLine(next.text))) withClause.set(m.kind, (withClause.get(m.kind) ?? 0) + 1);
  });
  const best = [...withClause.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  return (['ar', 'pcn', 'par', 'cn'] as const).find((k) => present.has(k)) ?? null;
}

function titleOf(text: string): string {
  const end = text.search(/[。;\uFF1B!\uFF01?\uFF1F]/);
  if (end > 0 && end <= 60) return text.slice(0, end);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Tasks in numbered paragraphs under numbered headings: the layout of both seed documents. */
export function parseNumbered(lines: readonly SourceLine[]): NumberedResult {
  const markers = lines.map((l) => markerOf(l.text));
  const taskKind = taskKindOf(lines, markers);
  const empty: NumberedResult = { sections: [], tasks: [], warnings: [], bodyStart: Number.MAX_SAFE_INTEGER };
  if (taskKind === null) return empty;
  const order = MARKER_KINDS.indexOf(taskKind);
  const headingKinds = MARKER_KINDS.filter((k, i) => i < order && markers.some((m) => m?.kind === k));

  // For each line, the next line that is numbered or a clause (-1: none): one pass from the end.
  const nextMarked: number[] = new Array<number>(lines.length).fill(-1);
  for (let k = lines.length - 2; k >= 0; k--) nextMarked[k] = markers[k + 1] !== null || isClauseLine(lines[k + 1]!.text) ? k + 1 : nextMarked[k + 1]!;

  const sections: ParsedSection[] = [];
  const tasks: ParsedTask[] = [];
  const warnings: PlanWarning[] = [];
  let bodyStart = Number.MAX_SAFE_INTEGER;
  let current: Draft | null = null;
  let open: number[] = [];

  const close = () => {
    if (!current) return;
    const c = current.clause;
    tasks.push({
      number: current.marker.number,
      label: current.marker.label,
      title: titleOf(current.text),
      text: current.text,
      sectionIndex: current.sectionIndex,
      leadUnit: c.lead,
      units: c.units,
      allChildren: c.allChildren,
      notes: c.notes,
      deadline: c.deadlineText === null ? null : deadlineOf(c.deadlineText),
      deadlineText: c.deadlineText,
      line: current.line,
    });
    current = null;
  };

  lines.forEach((l, i) => {
    const m = markers[i] ?? null;
    if (m && headingKinds.includes(m.kind)) {
      close();
      const depth = headingKinds.indexOf(m.kind) + 1;
      open = open.filter((s) => sections[s]!.depth < depth);
      sections.push({ number: m.number, label: m.label, title: asWritten(l, m.rest), depth, parentIndex: open.at(-1) ?? null, line: l.line });
      open.push(sections.length - 1);
      bodyStart = Math.min(bodyStart, l.line);
      return;
    }
    if (m && m.kind === taskKind) {
      close();
      const split = trailingClause(m.rest);
      const clause = emptyClause();
      if (split) readClause(split.clause, clause);
      current = { marker: m, line: l.line, text: asWritten(l, split ? split.text : m.rest), sectionIndex: open.at(-1) ?? null, clause, clauseSeen: split !== null };
      bodyStart = Math.min(bodyStart, l.line);
      return;
    }
    const task = current as Draft | null;
    if (isClauseLine(l.text)) {
      if (task) {
        readClause(clauseBody(l.text), task.clause);
        task.clauseSeen = true;
      } else if (l.line > bodyStart) warnings.push({ line: l.line, message: `第 ${l.line} 行的责任单位不属于任何任务,已略过` });
      return;
    }
    if (task && m) {
      // A deeper numbering ((1) under 1.) is a point of the current task; its clause is the task's.
      const split = trailingClause(l.text);
      if (split) {
        readClause(split.clause, task.clause);
        task.clauseSeen = true;
      }
      task.text += `\n${asWritten(l, split ? split.text : l.text)}`;
      return;
    }
    if (task && !task.clauseSeen) {
      // A paragraph before the task's "责任单位:" line, or a sentence broken across lines, continues the task.
      const next = nextMarked[i]!;
      const clauseFollows = next > i && markers[next] === null;
      if (clauseFollows || !ENDS_SENTENCE.test(task.text)) {
        task.text += ENDS_SENTENCE.test(task.text) ? `\n${l.raw}` : l.raw;
        return;
      }
    }
    if (tasks.length > 0 || task) {
      close();
      warnings.push({ line: l.line, message: `第 ${l.line} 行未识别为任务,已略过:${l.text.slice(0, 20)}${l.text.length > 20 ? '…' : ''}` });
    }
  });
  close();
  return { sections, tasks, warnings, bodyStart };
}

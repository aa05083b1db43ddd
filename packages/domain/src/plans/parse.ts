import { AppError } from '../errors.js';
import { PLAN_MAX_TASKS, PLAN_MESSAGES, PLAN_TEXT_MAX_CHARS } from './enums.js';
import { documentTitle, kindOfTitle, periodOfTitle } from './document-meta.js';
import { numberValue, sourceLines } from './markers.js';
import type { ParsedPlan, ParsedSection, ParsedTask, PlanWarning } from './parsed.js';
import { parseNumbered } from './parse-numbered.js';
import { parseTable, tableHeaderIndex } from './parse-table.js';

/** Keeps the sections that hold a task (directly or below), re-pointing parents and tasks. */
function pruneSections(sections: ParsedSection[], tasks: ParsedTask[]): { sections: ParsedSection[]; tasks: ParsedTask[] } {
  const used = new Set<number>();
  for (const t of tasks) {
    for (let s = t.sectionIndex; s !== null && !used.has(s); s = sections[s]!.parentIndex) used.add(s);
  }
  const newIndex = new Map<number, number>();
  const kept: ParsedSection[] = [];
  sections.forEach((s, i) => {
    if (!used.has(i)) return;
    newIndex.set(i, kept.length);
    kept.push({ ...s, parentIndex: s.parentIndex === null ? null : (newIndex.get(s.parentIndex) ?? null) });
  });
  return { sections: kept, tasks: tasks.map((t) => ({ ...t, sectionIndex: t.sectionIndex === null ? null : (newIndex.get(t.sectionIndex) ?? null) })) };
}

/** Gaps and repeats in the task numbers (a numbering that restarts at 1 in a new section is fine). */
function numberingWarnings(tasks: readonly ParsedTask[]): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  tasks.forEach((t, i) => {
    const prev = tasks[i - 1];
    if (!prev) return;
    const [a, b] = [numberValue({ kind: 'ar', number: prev.number }), numberValue({ kind: 'ar', number: t.number })];
    if (Number.isNaN(a) || Number.isNaN(b)) return;
    const restart = b === 1 && t.sectionIndex !== prev.sectionIndex;
    if (!restart && b !== a + 1) warnings.push({ line: t.line, message: `第 ${t.line} 行:任务 ${prev.number} 之后是 ${t.number},请检查是否漏项或重号` });
  });
  return warnings;
}

/** One warning per task without units, or one for the whole plan when no task names any (工作要点 often do not). */
function unitWarnings(tasks: readonly ParsedTask[]): PlanWarning[] {
  const without = tasks.filter((t) => t.units.length === 0 && !t.allChildren);
  if (without.length === tasks.length && tasks.length > 1) {
    return [{ line: tasks[0]!.line, message: `全部 ${tasks.length} 项任务均未写明责任单位,请在审核时逐项指定` }];
  }
  return without.map((t) => ({ line: t.line, message: `第 ${t.line} 行:任务 ${t.number} 未写明责任单位${t.notes.length > 0 ? `(仅有“${t.notes.join('、')}”)` : ''}` }));
}

/**
 * Reads a plan (实施方案 / 工作要点) from its text: sections, numbered tasks with their units
 * and deadlines, and warnings with line numbers for what it could not place. Pure; never
 * throws on content (see `assertImportable` for what an import refuses).
 */
export function parsePlanText(text: string): ParsedPlan {
  const lines = sourceLines(text);
  const header = tableHeaderIndex(lines);
  const layout = header >= 0 ? 'table' : 'numbered';
  const raw = header >= 0 ? parseTable(lines, header) : parseNumbered(lines);
  // Task numbers are read as values for the numbering check: 一 → 1 as well as 1 → 1.
  const tasks = raw.tasks.map((t) => ({ ...t, number: /^\d+$/.test(t.number) ? t.number : String(numberValue({ kind: 'cn', number: t.number }) || t.number) }));
  const pruned = pruneSections(raw.sections, tasks);
  const title = documentTitle(lines, raw.bodyStart);
  return {
    title,
    kind: kindOfTitle(title),
    ...periodOfTitle(title),
    layout,
    sections: pruned.sections,
    tasks: pruned.tasks,
    warnings: [...raw.warnings, ...numberingWarnings(pruned.tasks), ...unitWarnings(pruned.tasks)].sort((a, b) => a.line - b.line),
  };
}

/** What an import refuses outright, with a message the user can act on. */
export function assertImportable(text: string, parsed?: ParsedPlan): ParsedPlan {
  if (text.trim().length === 0) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.emptyText);
  if (text.length > PLAN_TEXT_MAX_CHARS) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.textTooLong);
  const plan = parsed ?? parsePlanText(text);
  if (plan.tasks.length === 0) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.noTasks);
  if (plan.tasks.length > PLAN_MAX_TASKS) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.tooManyTasks);
  return plan;
}

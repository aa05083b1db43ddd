import type { PlanKind } from './enums.js';

/** A heading of the plan: 一、健全政府机构职能体系 (depth 1), (一)依法全面履行政府职能 (depth 2). */
export interface ParsedSection {
  number: string;
  label: string;
  title: string;
  depth: number;
  /** Index of the enclosing section in the same list, or null at the top. */
  parentIndex: number | null;
  line: number;
}

export interface ParsedTask {
  /** The number as written (1, 12, 一); unique only within its numbering run. */
  number: string;
  label: string;
  /** The first sentence ("推进政府机构职能优化协同高效"), or the text's beginning. */
  title: string;
  /** The whole task without its number and its units clause. */
  text: string;
  /** Innermost section the task sits in, or null when the plan has none. */
  sectionIndex: number | null;
  leadUnit: string | null;
  /** Units as written, the lead first. */
  units: string[];
  /** "各镇街" and the like: every child jurisdiction of the issuer. */
  allChildren: boolean;
  /** "各有关部门", "区政府各部门": kept for the lead unit to distribute. */
  notes: string[];
  deadline: string | null;
  deadlineText: string | null;
  line: number;
}

export interface PlanWarning {
  /** 1-based line of the source text (0 for the document as a whole). */
  line: number;
  message: string;
}

export interface ParsedPlan {
  /** The document's title when one was found (…实施方案, …工作要点). */
  title: string | null;
  kind: PlanKind;
  /** The years the title names ("2021-2025年", "2017年"), as dates; null when it names none. */
  periodStart: string | null;
  periodEnd: string | null;
  layout: 'numbered' | 'table';
  sections: ParsedSection[];
  tasks: ParsedTask[];
  warnings: PlanWarning[];
}

import type { AnnualReportSection } from '@fz/domain';

/** The editor's fields, as `annualReports.update` names them. */
export interface ReportText {
  title: string;
  issuingBody: string;
  intro: string;
  measures: string;
  firstResponsible: string;
  problems: string;
  nextYear: string;
  figures: string;
}
export type ReportField = keyof ReportText;

/** What the editor reads of a stored report (the shape `annualReports.get` returns). */
export interface StoredReport {
  title: string;
  issuingBody: string;
  intro: string;
  sections: Record<AnnualReportSection, string>;
  figures: string;
}

export const REPORT_FIELDS: readonly ReportField[] = ['title', 'issuingBody', 'intro', 'measures', 'firstResponsible', 'problems', 'nextYear', 'figures'];

export function textOf(r: StoredReport): ReportText {
  return { title: r.title, issuingBody: r.issuingBody, intro: r.intro, ...r.sections, figures: r.figures };
}

/** Text as the server stores it: line breaks normalised, trailing blanks dropped (titles trimmed). */
function normalised(field: ReportField, value: string): string {
  if (field === 'title' || field === 'issuingBody') return value.trim();
  return value.replace(/\r\n?/g, '\n').trimEnd();
}

/**
 * The fields the editor changed, compared as the server would store them (a trailing newline is
 * no change): what a save sends, and whether there is anything unsaved.
 */
export function changedFields(stored: StoredReport, edited: Partial<ReportText>): Partial<ReportText> {
  const before = textOf(stored);
  const out: Partial<ReportText> = {};
  for (const f of REPORT_FIELDS) {
    const v = edited[f];
    if (v !== undefined && normalised(f, v) !== normalised(f, before[f])) out[f] = v;
  }
  return out;
}

import { FIGURES_HEADING, SUBHEADING, annualReportHeadings, chineseDate, paragraphsOf } from './sections.js';
import type { AnnualReportSection } from './sections.js';

/** A block of the exported document, styled by kind (GB/T 9704: 小标宋 title, 黑体 一、, 楷体 (一), 仿宋 body). */
export type ReportBlock = { kind: 'title' | 'heading' | 'subheading' | 'paragraph' | 'signature' | 'date'; text: string };

export interface ReportContent {
  year: number;
  title: string;
  issuingBody: string;
  intro: string;
  sections: Record<AnnualReportSection, string>;
  figures: string;
  /** yyyy-mm-dd: the issue date, or today for a report not yet published. */
  date: string;
}

/** Characters after or before which an ASCII mark belongs to Chinese text. */
const CHINESE = /[\p{Script=Han}\u201c\u201d\u2018\u2019\u300a\u300b\u3001\u3002\uff08\uff09]/u;
/** ASCII marks and their full-width forms (written as escapes: editors and terminals tend to fold them). */
const FULL_WIDTH: Record<string, string> = { ',': '\uff0c', ';': '\uff1b', ':': '\uff1a', '?': '\uff1f', '!': '\uff01' };

/**
 * Chinese text typed with ASCII punctuation (as the seed documents and most pasted text are)
 * printed with full-width marks, as documents are. Numbers keep theirs (1,800; 3:2) and
 * parentheses become full-width only around Chinese text.
 */
export function fullWidthPunctuation(text: string): string {
  const parens = text.replace(/\(([^()]*\p{Script=Han}[^()]*)\)/gu, '\uff08$1\uff09');
  return parens.replace(/[,;:?!]/g, (mark, i: number, s: string) => (CHINESE.test(s[i - 1] ?? '') || CHINESE.test(s[i + 1] ?? '') ? FULL_WIDTH[mark]! : mark));
}

const bodyBlocks = (text: string): ReportBlock[] => paragraphsOf(text).map((p) => ({ kind: SUBHEADING.test(p) ? 'subheading' : 'paragraph', text: p }));

/**
 * The document's blocks in order: title, opening, the four numbered sections (the figures at the
 * end of section 一 under their own heading), then the issuing body and date at the foot, with
 * full-width punctuation.
 */
export function annualReportBlocks(r: ReportContent): ReportBlock[] {
  const blocks: ReportBlock[] = [{ kind: 'title', text: r.title }, ...bodyBlocks(r.intro)];
  for (const h of annualReportHeadings(r.year)) {
    blocks.push({ kind: 'heading', text: `${h.number}${h.title}` }, ...bodyBlocks(r.sections[h.key]));
    if (h.key === 'measures' && paragraphsOf(r.figures).length > 0) {
      blocks.push({ kind: 'subheading', text: FIGURES_HEADING }, ...paragraphsOf(r.figures).map((text): ReportBlock => ({ kind: 'paragraph', text })));
    }
  }
  blocks.push({ kind: 'signature', text: r.issuingBody }, { kind: 'date', text: chineseDate(r.date) });
  return blocks.map((b) => ({ ...b, text: fullWidthPunctuation(b.text) }));
}

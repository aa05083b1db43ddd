import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { IParagraphOptions } from 'docx';
import { annualReportBlocks } from '@fz/domain';
import type { ReportBlock } from '@fz/domain';
import type { ReportRow } from './queries.js';
import { sectionsOf } from './queries.js';

/**
 * The report as a Word document in the layout of government documents (GB/T 9704): A4, title in a
 * bold Song face at 22 pt (二号), body in 仿宋 at 16 pt (三号) on a 28 pt grid, 一、 headings in
 * 黑体, (一) headings in 楷体, paragraphs indented two characters, issuing body and date at the
 * foot, page numbers "— 1 —". Every run names its East Asian font explicitly: without it Word and
 * LibreOffice render Chinese text in a fallback face.
 */

const LATIN = 'Times New Roman';
const FACE = { title: 'SimSun', heading: 'SimHei', subheading: 'KaiTi', body: 'FangSong' } as const;
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const TITLE_SIZE = 44;
const BODY_SIZE = 32;
const FOOTER_SIZE = 28;
/** Twips: a 28 pt line, two 16 pt characters. */
const LINE = 560;
const TWO_CHARS = 640;
const mm = (n: number) => Math.round(n * 56.7);

const bodyLine = { line: LINE, lineRule: LineRuleType.EXACT };
const indented = { firstLine: TWO_CHARS, firstLineChars: 200 };

function paragraphOf(b: ReportBlock): Paragraph {
  const run = (face: string, extra: { bold?: boolean; size?: number } = {}) => new TextRun({ text: b.text, font: font(face), size: extra.size ?? BODY_SIZE, bold: extra.bold ?? false });
  const options: Record<ReportBlock['kind'], IParagraphOptions> = {
    title: { alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE }, children: [run(FACE.title, { bold: true, size: TITLE_SIZE })] },
    heading: { spacing: bodyLine, indent: indented, keepNext: true, children: [run(FACE.heading)] },
    subheading: { spacing: bodyLine, indent: indented, keepNext: true, children: [run(FACE.subheading)] },
    paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: bodyLine, indent: indented, children: [run(FACE.body)] },
    signature: { alignment: AlignmentType.RIGHT, spacing: { ...bodyLine, before: LINE }, indent: { right: TWO_CHARS * 2 }, keepNext: true, children: [run(FACE.body)] },
    date: { alignment: AlignmentType.RIGHT, spacing: bodyLine, indent: { right: TWO_CHARS * 2 }, children: [run(FACE.body)] },
  };
  return new Paragraph(options[b.kind]);
}

/** Characters Windows and macOS refuse in file names, and control characters. */
const UNSAFE_NAME = /[\\/:*?"<>|\p{Cc}]/gu;

export function reportFileName(r: Pick<ReportRow, 'title'>): string {
  return `${r.title.replace(UNSAFE_NAME, '_').slice(0, 80)}.docx`;
}

/** The .docx of a report; a report not yet published is dated `today`. */
export async function annualReportDocx(r: ReportRow, today: string): Promise<{ buffer: Buffer; fileName: string }> {
  const blocks = annualReportBlocks({ year: r.year, title: r.title, issuingBody: r.issuing_body, intro: r.intro, sections: sectionsOf(r), figures: r.figures, date: r.issue_date ?? today });
  const doc = new Document({
    title: r.title,
    creator: r.issuing_body,
    description: `${r.issuer_name}${r.year}年法治政府建设年度报告`,
    styles: { default: { document: { run: { font: font(FACE.body), size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(28) } } },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FACE.title), size: FOOTER_SIZE })] })] }),
        },
        children: blocks.map(paragraphOf),
      },
    ],
  });
  return { buffer: await Packer.toBuffer(doc), fileName: reportFileName(r) };
}

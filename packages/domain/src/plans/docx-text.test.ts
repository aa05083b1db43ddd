import { describe, expect, it } from 'vitest';
import { chineseNumber, docxXmlToText } from './docx-text.js';
import { parsePlanText } from './parse.js';

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const run = (text: string) => `<w:r><w:rPr><w:rFonts w:eastAsia="仿宋"/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
const para = (text: string, num?: [number, number]) =>
  `<w:p><w:pPr>${num ? `<w:numPr><w:ilvl w:val="${num[1]}"/><w:numId w:val="${num[0]}"/></w:numPr>` : ''}</w:pPr>${run(text)}</w:p>`;
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`;

/** Word numbering: numId 1 = level 0 "一、" (chineseCounting), level 1 "%2." (decimal). */
const NUMBERING = `<w:numbering ${NS}>
  <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num></w:numbering>`;

describe('the text of a Word document', () => {
  it('gives one line per paragraph, joining runs and decoding entities', () => {
    const xml = doc(`${para('关于印发')}<w:p>${run('A &amp; B ')}${run('&lt;方案&gt;')}</w:p><w:p/>`);
    expect(docxXmlToText(xml)).toBe('关于印发\nA & B <方案>');
  });

  it('writes out the numbering Word generates, so the parser finds the tasks', () => {
    const xml = doc(
      [para('健全政府机构职能体系', [1, 0]), para('推进职能优化。(责任单位:区委编办)', [1, 1]), para('深化放管服改革。(责任单位:区政府办公室)', [1, 1]), para('完善依法行政制度', [1, 0]), para('严格规范性文件监管。(责任单位:区司法局)', [1, 1])].join(''),
    );
    const text = docxXmlToText(xml, NUMBERING);
    expect(text.split('\n')).toEqual(['一、健全政府机构职能体系', '1.推进职能优化。(责任单位:区委编办)', '2.深化放管服改革。(责任单位:区政府办公室)', '二、完善依法行政制度', '1.严格规范性文件监管。(责任单位:区司法局)']);
    const plan = parsePlanText(text);
    expect(plan.sections.map((s) => s.title)).toEqual(['健全政府机构职能体系', '完善依法行政制度']);
    expect(plan.tasks.map((t) => t.units[0])).toEqual(['区委编办', '区政府办公室', '区司法局']);
  });

  it('turns a table into tab-separated rows, a cell’s paragraphs joined', () => {
    const cell = (...ps: string[]) => `<w:tc><w:tcPr/>${ps.map((p) => para(p)).join('')}</w:tc>`;
    const xml = doc(`<w:tbl><w:tr>${cell('序号')}${cell('重点任务')}${cell('责任单位')}</w:tr><w:tr>${cell('1')}${cell('加强合法性审核。', '全覆盖。')}${cell('区司法局')}</w:tr></w:tbl>`);
    expect(docxXmlToText(xml)).toBe('序号\t重点任务\t责任单位\n1\t加强合法性审核。 全覆盖。\t区司法局');
  });

  it('reads a drawing’s text once, not its fallback copy too', () => {
    const box = `<mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent>${para('文本框')}</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>${para('文本框')}</w:txbxContent></mc:Fallback></mc:AlternateContent>`;
    expect(docxXmlToText(doc(`<w:p>${run('正文')}${box}</w:p>`))).toBe('文本框\n正文');
  });

  it('counts in Chinese up to ninety-nine', () => {
    expect([1, 10, 12, 20, 23, 99].map(chineseNumber)).toEqual(['一', '十', '十二', '二十', '二十三', '九十九']);
  });
});

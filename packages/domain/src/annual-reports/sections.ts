import type { Level } from '../jurisdiction.js';

/**
 * The usual sections of a 法治政府建设年度报告 (国务院《法治政府建设与责任落实督察工作规定》 and
 * every published report follow them), numbered 一、二、三、四、 in the document.
 */
export const ANNUAL_REPORT_SECTIONS = ['measures', 'firstResponsible', 'problems', 'nextYear'] as const;
export type AnnualReportSection = (typeof ANNUAL_REPORT_SECTIONS)[number];

const NUMBERS = ['一、', '二、', '三、', '四、'] as const;

export function annualReportHeadings(year: number): Array<{ key: AnnualReportSection; number: string; title: string }> {
  const titles: Record<AnnualReportSection, string> = {
    measures: '主要举措和成效',
    firstResponsible: '党政主要负责人履行推进法治建设第一责任人职责情况',
    problems: '存在的问题',
    nextYear: `${year + 1}年工作安排`,
  };
  return ANNUAL_REPORT_SECTIONS.map((key, i) => ({ key, number: NUMBERS[i]!, title: titles[key] }));
}

/** The heading of the figures block inside section 一. */
export const FIGURES_HEADING = '主要指标完成情况';

/** The issuing government: 河东区人民政府, 九曲街道办事处, 汤河镇人民政府. */
export function governmentName(name: string, level: Level): string {
  if (level === 'township') {
    if (name.endsWith('街道')) return `${name}办事处`;
    if (/(管理委员会|管委会|办事处|人民政府)$/.test(name)) return name;
  }
  return `${name}人民政府`;
}

/** 河东区委、区政府; 九曲街道党工委、办事处; 汤河镇党委、镇政府. */
export function partyAndGovernment(name: string, level: Level): string {
  if (level === 'township') {
    if (name.endsWith('街道')) return `${name}党工委、办事处`;
    if (name.endsWith('镇')) return `${name}党委、镇政府`;
    if (name.endsWith('乡')) return `${name}党委、乡政府`;
    return `${name}党委、政府`;
  }
  const suffix = /(省|市|区|县|旗)$/.exec(name)?.[1];
  return suffix ? `${name}委、${suffix}政府` : `${name}党委、政府`;
}

export function annualReportTitle(government: string, year: number): string {
  return `${government}关于${year}年法治政府建设情况的报告`;
}

/** The opening paragraph a new report starts with (the author edits it). */
export function defaultIntro(name: string, level: Level, year: number): string {
  return `${year}年,${partyAndGovernment(name, level)}坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,全面落实《法治政府建设实施纲要(2021—2025年)》,扎实推进法治政府建设各项工作。现将有关情况报告如下:`;
}

/** The paragraphs of a section's text: one per line, blank lines dropped. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** A line that is a second-level heading of the body: (一)…, as government documents number them. */
export const SUBHEADING = /^[(\uff08][一二三四五六七八九十]+[)\uff09]/;

/** 2026-02-28 → 2026年2月28日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

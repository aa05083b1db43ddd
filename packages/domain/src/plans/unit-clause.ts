/**
 * The "who and by when" of a task as plans write it: "(责任单位:区委编办、区司法局,各镇街)",
 * "牵头单位:区司法局;配合单位:区发改局", "(区司法局牵头,区财政局配合)", "完成时限:2022年底前".
 */

import { halfWidth } from './markers.js';

export const LEAD_LABELS = ['牵头单位', '牵头部门', '主办单位', '主责单位', '牵头'] as const;
export const RESPONSIBLE_LABELS = ['责任单位', '责任部门', '配合单位', '配合部门', '参与单位', '协办单位', '协同单位', '实施单位'] as const;
export const DEADLINE_LABELS = ['完成时限', '完成时间', '时间节点', '办结时限', '时限要求', '完成期限', '时间安排'] as const;

const LABELS = [...LEAD_LABELS, ...RESPONSIBLE_LABELS, ...DEADLINE_LABELS].sort((a, b) => b.length - a.length);
const LABEL_RE = new RegExp(`(${LABELS.join('|')})\\s*:`, 'g');
/** A line or parenthesis that starts with a label is a clause, not task text (input is half-width, see `halfWidth`). */
export const CLAUSE_START_RE = new RegExp(`^\\(?\\s*(${LABELS.join('|')})\\s*:`);

export interface UnitClause {
  /** Named as 牵头单位 (or "X牵头"); null when the clause names none. */
  lead: string | null;
  /** Every unit named, the lead first, as written (collective phrases excluded). */
  units: string[];
  /** "各镇街", "各乡镇(街道)" …: every child jurisdiction of the issuer takes the task. */
  allChildren: boolean;
  /** Collective phrases the lead unit distributes itself: "各有关部门", "区政府各部门". */
  notes: string[];
  deadlineText: string | null;
}

export const emptyClause = (): UnitClause => ({ lead: null, units: [], allChildren: false, notes: [], deadlineText: null });

const OPEN = new Set(['(', '[', '【', '〔']);
const CLOSE = new Set([')', ']', '】', '〕']);

/** Splits on separators outside parentheses: "各县(市、区)、区司法局" keeps "各县(市、区)" whole. */
export function splitTopLevel(text: string, separators: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.test(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Half-width punctuation and no spaces, for comparing phrases. */
export function plainPunct(s: string): string {
  return halfWidth(s).replace(/\s+/g, '');
}

const TOWNSHIPS = '(乡镇|镇|乡|街道|镇街|街镇|镇办|乡镇街道|镇街道|镇区|园区)';
const CHILD_PHRASES = [
  // Townships below a county: 各镇街, 各乡镇(街道), 各镇(街道)党委和政府, 各街道办事处.
  new RegExp(`^各${TOWNSHIPS}(\\((街道|镇|乡|街道办事处|开发区|园区)\\))?(、街道)?(党委|党工委|党\\(工\\)委)?(和|、)?(人民政府|政府|办事处|管委会)?$`),
  // Counties below a city: 各县区, 各区县, 各县(市、区), 各县(区)人民政府.
  /^各(县|区|县区|区县|县市区|县市|区市)(\([^)]*\))?(党委|政府|党委和政府|人民政府)?$/,
  // Cities below a province: 各市, 各设区的市.
  /^各(市|设区的市|市\(地\)|地市)(党委|政府|党委和政府|人民政府)?$/,
];

/** True for a phrase that hands the task to every child jurisdiction of the issuer. */
export function isAllChildrenPhrase(name: string): boolean {
  const s = plainPunct(name);
  return CHILD_PHRASES.some((re) => re.test(s));
}

/** "各有关部门", "区政府各部门", "区各行政执法部门", "相关单位": left to the lead unit to distribute. */
export function isCollectivePhrase(name: string): boolean {
  const s = plainPunct(name);
  return /(各|有关|相关|其他|其它|所属|直属)/.test(s) && /(部门|单位|机关|机构|部门单位|企业|组织)$/.test(s);
}

/** A name as written, without list residue: "区司法局等" → "区司法局". */
function cleanName(name: string): string {
  return name
    .replace(/^[\s:,、;。]+|[\s:,、;。]+$/g, '')
    .replace(/等$/, '')
    .replace(/(等单位|等部门)$/, '')
    .trim();
}

function addName(c: UnitClause, raw: string, asLead: boolean): void {
  let name = cleanName(raw);
  if (name.length === 0) return;
  let lead = asLead;
  // "区司法局牵头" / "区财政局配合": the role written after the name.
  const role = /(牵头|负责|主办)$/.exec(name);
  if (role) {
    lead = true;
    name = name.slice(0, -role[1]!.length);
  } else name = name.replace(/(配合|参与|协助|协办|落实)$/, '');
  name = cleanName(name);
  if (name.length === 0) return;
  if (isAllChildrenPhrase(name)) {
    c.allChildren = true;
    return;
  }
  if (isCollectivePhrase(name)) {
    if (!c.notes.includes(name)) c.notes.push(name);
    return;
  }
  if (name.length > 60) return;
  if (lead && c.lead === null) {
    c.lead = name;
    c.units = [name, ...c.units.filter((u) => u !== name)];
    return;
  }
  if (!c.units.includes(name)) c.units.push(name);
}

const NAME_SEPARATORS = /[、,;\s]/;

/**
 * Reads a clause's text (without its enclosing parentheses) into `into`. Returns false when
 * it names no label and no "X牵头" role, i.e. it is not a clause at all.
 */
export function readClause(text: string, into: UnitClause): boolean {
  const body = text.trim();
  const marks = [...body.matchAll(LABEL_RE)];
  if (marks.length === 0) {
    // "(区司法局牵头,区发改局、区财政局配合)" has roles but no labels.
    if (!/牵头/.test(body)) return false;
    for (const name of splitTopLevel(body, NAME_SEPARATORS)) addName(into, name, false);
    return true;
  }
  // Text before the first label ("各镇街配合。牵头单位:…" is rare) is ignored.
  marks.forEach((m, i) => {
    const label = m[1]!;
    const start = m.index + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index : body.length;
    const value = body.slice(start, end).replace(/[;。,\s]+$/, '');
    if ((DEADLINE_LABELS as readonly string[]).includes(label)) {
      into.deadlineText = value.trim() || into.deadlineText;
      return;
    }
    const asLead = (LEAD_LABELS as readonly string[]).includes(label);
    for (const name of splitTopLevel(value, NAME_SEPARATORS)) addName(into, name, asLead);
  });
  // No explicit lead: by convention the unit listed first leads (列第一位的为牵头单位).
  if (into.lead === null && into.units.length > 0) into.lead = into.units[0]!;
  return true;
}

/**
 * The units parenthesis at the end of a paragraph, if any: returns the paragraph without it
 * and the clause text inside. Only a last, balanced parenthesis whose content reads as a
 * clause counts; "(2021-2025年)" in the middle of a sentence is text.
 */
export function trailingClause(paragraph: string): { text: string; clause: string } | null {
  const trimmed = paragraph.replace(/[\s。.;]+$/, '');
  if (trimmed.at(-1) !== ')') return null;
  let depth = 0;
  for (let i = trimmed.length - 1; i >= 0; i--) {
    const ch = trimmed[i]!;
    if (ch === ')') depth++;
    else if (ch === '(') {
      depth--;
      if (depth === 0) {
        const clause = trimmed.slice(i + 1, -1);
        if (!CLAUSE_START_RE.test(clause) && !/牵头/.test(clause)) return null;
        return { text: trimmed.slice(0, i).trimEnd(), clause };
      }
    }
  }
  return null;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The date a deadline phrase names, or null: "2022年12月底前" → 2022-12-31, "2023年6月30日前",
 * "2022年底", "2024年上半年", "2023年第三季度"; "长期坚持" and "持续推进" have none.
 */
export function deadlineOf(text: string): string | null {
  const s = text.replace(/\s/g, '');
  let m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDayOf(y, mo) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  m = /(\d{4})年(\d{1,2})月/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return mo >= 1 && mo <= 12 ? `${y}-${pad(mo)}-${pad(lastDayOf(y, mo))}` : null;
  }
  m = /(\d{4})年(上半年|下半年)/.exec(s);
  if (m) return `${m[1]}-${m[2] === '上半年' ? '06-30' : '12-31'}`;
  m = /(\d{4})年第?([一二三四1-4])季度/.exec(s);
  if (m) {
    const q = CN_DIGITS[m[2]!]!;
    return `${m[1]}-${pad(q * 3)}-${pad(lastDayOf(Number(m[1]), q * 3))}`;
  }
  m = /(\d{4})年(年底|底|年末|末|内|全年)/.exec(s);
  if (m) return `${m[1]}-12-31`;
  return null;
}

/**
 * Numbering at the start of a paragraph, the skeleton of a plan: 一、 (part), (一) (chapter),
 * 1. (item), (1) (point). Which of them numbers the tasks depends on the document.
 */
export const MARKER_KINDS = ['cn', 'pcn', 'ar', 'par'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export interface Marker {
  kind: MarkerKind;
  /** The number as written, without punctuation: 一, 12. */
  number: string;
  /** The number as displayed: 一、 (一) 12. (3) */
  label: string;
  rest: string;
}

const CN = '[一二三四五六七八九十百零〇]+';
const DIGITS = '[0-9]{1,3}';
const PATTERNS: Array<[MarkerKind, RegExp]> = [
  ['cn', new RegExp(`^(${CN})\\s*[、.]\\s*(.*)$`)],
  ['pcn', new RegExp(`^\\(\\s*(${CN})\\s*\\)\\s*(.*)$`)],
  // "1." but not "1.5亿元" or a date "2022.03.14".
  ['ar', new RegExp(`^(${DIGITS})\\s*[.、](?![0-9])\\s*(.*)$`)],
  ['par', new RegExp(`^\\(\\s*(${DIGITS})\\s*\\)\\s*(.*)$`)],
];

export function markerOf(line: string): Marker | null {
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    const number = kind === 'ar' || kind === 'par' ? String(Number(m[1]!)) : m[1]!;
    const label = kind === 'cn' ? `${number}、` : kind === 'pcn' ? `(${number})` : kind === 'ar' ? `${number}.` : `(${number})`;
    return { kind, number, label, rest: m[2]!.trim() };
  }
  return null;
}

const CN_VALUES: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十三 → 23 (enough for section and task numbers). */
export function numberValue(m: Pick<Marker, 'kind' | 'number'>): number {
  if (m.kind === 'ar' || m.kind === 'par') return Number(m.number);
  let total = 0;
  let digit = 0;
  for (const ch of m.number) {
    if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else digit = CN_VALUES[ch] ?? 0;
  }
  return total + digit;
}

/**
 * Full-width forms of ASCII (\uFF01-\uFF5E: （）：，；．１) and the ideographic space as their
 * ASCII twins. One UTF-16 unit for one, so offsets in the result are offsets in the input.
 */
export function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u3000\u00A0]/g, ' ');
}

/**
 * A paragraph of the source with its 1-based line number (for warnings). `text` is read by the
 * parser (half-width punctuation); `raw` is the same span as written, for what we store.
 */
export interface SourceLine {
  line: number;
  text: string;
  raw: string;
}

/** Non-empty lines, trimmed, without invisible marks. */
export function sourceLines(input: string): SourceLine[] {
  const lines: SourceLine[] = [];
  input.split(/\r\n|\r|\n/).forEach((rawLine, i) => {
    const cleaned = rawLine.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
    const norm = halfWidth(cleaned);
    const start = norm.search(/\S/);
    if (start < 0) return;
    const end = norm.trimEnd().length;
    lines.push({ line: i + 1, text: norm.slice(start, end), raw: cleaned.slice(start, end) });
  });
  return lines;
}

/** `part` (a piece of `line.text`) as the source wrote it: full-width punctuation kept. */
export function asWritten(line: SourceLine, part: string): string {
  const at = line.text.indexOf(part);
  return at < 0 ? part : line.raw.slice(at, at + part.length);
}

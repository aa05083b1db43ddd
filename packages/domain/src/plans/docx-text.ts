/**
 * The text of a Word document's body (word/document.xml), one paragraph per line, as the plan
 * parser reads it: table rows become tab-separated lines (a 任务分工表), and numbering that Word
 * generates (w:numPr, defined in word/numbering.xml) is written out ("1.", "一、", "(一)"),
 * because the parser finds tasks by their numbers. Pure string work; unzipping is the API's.
 */

interface Level {
  format: string;
  text: string;
  start: number;
}

const CN = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (plans never number past 99). */
export function chineseNumber(n: number): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return CN[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN[tens]}十${n % 10 === 0 ? '' : CN[n % 10]}`;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'ideographDigital':
      return chineseNumber(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    default:
      return String(n);
  }
}

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];

export function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** numId → its levels (format, text such as "%1." or "(%1)", start), from word/numbering.xml. */
export function readNumbering(xml: string): Map<string, Level[]> {
  const abstract = new Map<string, Level[]>();
  for (const a of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels: Level[] = [];
    for (const l of a[2]!.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const body = l[2]!;
      levels[Number(l[1])] = {
        format: attr(/<w:numFmt\b[^>]*>/.exec(body)?.[0] ?? '', 'w:val') ?? 'decimal',
        text: decodeXml(attr(/<w:lvlText\b[^>]*>/.exec(body)?.[0] ?? '', 'w:val') ?? ''),
        start: Number(attr(/<w:start\b[^>]*>/.exec(body)?.[0] ?? '', 'w:val') ?? '1'),
      };
    }
    abstract.set(a[1]!, levels);
  }
  const nums = new Map<string, Level[]>();
  for (const n of xml.matchAll(/<w:num\b[^>]*w:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abstractId = attr(/<w:abstractNumId\b[^>]*>/.exec(n[2]!)?.[0] ?? '', 'w:val');
    const levels = abstractId === undefined ? undefined : abstract.get(abstractId);
    if (levels) nums.set(n[1]!, levels);
  }
  return nums;
}

interface Paragraph {
  text: string;
  numId: string | null;
  ilvl: number;
}

const TOKEN = /<(\/?)([\w:]+)([^>]*?)(\/?)>|([^<]+)/g;

export function docxXmlToText(documentXml: string, numberingXml = ''): string {
  const numbering = readNumbering(numberingXml);
  const counters = new Map<string, number[]>();
  const out: string[] = [];
  const paragraphs: Paragraph[] = [];
  const rows: string[][] = [];
  const cells: string[][] = [];
  let inText = false;
  let skip = 0;

  const label = (p: Paragraph): string => {
    const levels = p.numId === null ? undefined : numbering.get(p.numId);
    const level = levels?.[p.ilvl];
    if (!levels || !level || level.format === 'bullet' || level.format === 'none') return '';
    const count = counters.get(p.numId!) ?? [];
    count[p.ilvl] = (count[p.ilvl] ?? level.start - 1) + 1;
    count.length = p.ilvl + 1;
    counters.set(p.numId!, count);
    return level.text.replace(/%(\d)/g, (_m, d: string) => {
      const i = Number(d) - 1;
      return formatNumber(count[i] ?? levels[i]?.start ?? 1, levels[i]?.format ?? 'decimal');
    });
  };

  for (const m of documentXml.matchAll(TOKEN)) {
    const [, close, name, attrs, selfClose, chars] = m;
    if (chars !== undefined) {
      if (inText && skip === 0 && paragraphs.length > 0) paragraphs.at(-1)!.text += decodeXml(chars);
      continue;
    }
    // Word stores a drawing twice (mc:Choice and mc:Fallback): read one.
    if (name === 'mc:Fallback') {
      if (!selfClose) skip += close ? -1 : 1;
      continue;
    }
    if (skip > 0) continue;
    const p = paragraphs.at(-1);
    const inTable = cells.length > 0;
    switch (name) {
      case 'w:p':
        if (selfClose) break;
        if (!close) paragraphs.push({ text: '', numId: null, ilvl: 0 });
        else {
          const done = paragraphs.pop();
          if (!done) break;
          const line = `${label(done)}${done.text}`;
          if (inTable) cells.at(-1)!.push(line);
          else out.push(line);
        }
        break;
      case 'w:t':
        inText = !close && !selfClose;
        break;
      case 'w:tab':
      case 'w:br':
      case 'w:cr':
        if (p && !close) p.text += name === 'w:tab' || inTable ? ' ' : '\n';
        break;
      case 'w:numId':
        if (p) p.numId = attr(attrs!, 'w:val') ?? null;
        break;
      case 'w:ilvl':
        if (p) p.ilvl = Math.min(8, Number(attr(attrs!, 'w:val') ?? '0'));
        break;
      case 'w:tr':
        if (!close) rows.push([]);
        else {
          const row = rows.pop() ?? [];
          if (rows.length === 0 && cells.length === 0) out.push(row.join('\t'));
          else if (cells.length > 0) cells.at(-1)!.push(row.join(' '));
        }
        break;
      case 'w:tc':
        if (!close) cells.push([]);
        else rows.at(-1)?.push((cells.pop() ?? []).join(' ').replace(/\s+/g, ' ').trim());
        break;
    }
  }
  return out.join('\n');
}

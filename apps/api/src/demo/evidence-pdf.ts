/**
 * A one-page PDF of Chinese text for the demo's evidence files (佐证材料), written by hand so
 * the demo needs no PDF library. The text uses the standard Adobe-GB1 font STSong-Light with
 * the UniGB-UCS2-H encoding: viewers substitute an installed CJK font, nothing is embedded.
 */
const PAGE = { width: 595, height: 842, margin: 56 };

/** UCS-2 big-endian hex of the text; characters outside the BMP become a full-width space. */
function ucs2Hex(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3000;
    out += (code > 0xffff ? 0x3000 : code).toString(16).padStart(4, '0');
  }
  return out.toUpperCase();
}

/** Splits text into lines of at most `width` characters (CJK text has no spaces to break at). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const chars = [...paragraph];
    if (chars.length === 0) lines.push('');
    for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
  }
  return lines;
}

export function evidencePdf(title: string, body: string[]): Buffer {
  const size = 12;
  const perLine = Math.floor((PAGE.width - 2 * PAGE.margin) / size);
  const ops = [`BT /F1 18 Tf ${PAGE.margin} ${PAGE.height - PAGE.margin - 18} Td <${ucs2Hex(title)}> Tj ET`];
  let y = PAGE.height - PAGE.margin - 56;
  for (const line of body.flatMap((p) => wrap(p, perLine))) {
    if (y < PAGE.margin) break;
    ops.push(`BT /F1 ${size} Tf ${PAGE.margin} ${y} Td <${ucs2Hex(line)}> Tj ET`);
    y -= size * 1.8;
  }
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

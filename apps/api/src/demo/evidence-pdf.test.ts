import { describe, expect, it } from 'vitest';
import { sniffEvidence } from '@fz/domain';
import { evidencePdf, wrap } from './evidence-pdf.js';

describe('evidencePdf', () => {
  const pdf = evidencePdf('整改佐证材料', ['问题编号:2026-001', '已完成全部案卷自查。']);
  const text = pdf.toString('latin1');

  it('is a PDF the evidence check accepts', () => {
    expect(sniffEvidence(pdf, '佐证.pdf')).toBe('pdf');
    expect(text.endsWith('%%EOF\n')).toBe(true);
  });

  it('has a cross-reference table whose offsets point at its objects', () => {
    const startxref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(7);
    offsets.forEach((off, i) => expect(text.slice(off, off + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });

  it('writes Chinese text as UCS-2 code units', () => {
    expect(text).toContain('<657465394F508BC167506599>');
  });
});

describe('wrap', () => {
  it('cuts long lines and keeps paragraph breaks', () => {
    expect(wrap('一二三四五\n六', 2)).toEqual(['一二', '三四', '五', '六']);
  });
});

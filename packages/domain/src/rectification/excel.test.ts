import { describe, expect, it } from 'vitest';
import { categoryFromLabel, deadlineFromCell, escapeFormula, importTemplateFileName, itemExportInput, ledgerExportFileName } from './excel.js';

describe('formula escaping', () => {
  it('prefixes text Excel would read as a formula, and nothing else', () => {
    for (const s of ['=HYPERLINK("http://x","点我")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\r=1']) expect(escapeFormula(s)).toBe(`'${s}`);
    for (const s of ['', '行政执法不规范', '2026-001', "'已转义", ' =1']) expect(escapeFormula(s)).toBe(s);
  });
});

describe('deadline cells', () => {
  it('reads text dates in the usual Chinese forms', () => {
    expect(deadlineFromCell('2026-12-31')).toBe('2026-12-31');
    expect(deadlineFromCell(' 2026/1/5 ')).toBe('2026-01-05');
    expect(deadlineFromCell('2026.03.09')).toBe('2026-03-09');
    expect(deadlineFromCell('2026年6月30日')).toBe('2026-06-30');
  });

  it('reads Excel dates and serial numbers', () => {
    expect(deadlineFromCell(new Date(Date.UTC(2026, 11, 31)))).toBe('2026-12-31');
    expect(deadlineFromCell(46387)).toBe('2026-12-31');
    expect(deadlineFromCell(46387.75)).toBe('2026-12-31');
  });

  it('refuses impossible dates and other text', () => {
    for (const v of ['2026-02-30', '2026-13-01', '明年底', '31/12/2026', '', 0, -5, Number.NaN, new Date(Number.NaN)]) expect(deadlineFromCell(v)).toBeNull();
  });
});

describe('labels and names', () => {
  it('finds a category by its zh-CN label, half-width brackets too, or its code', () => {
    expect(categoryFromLabel('行政执法')).toBe('enforcement');
    expect(categoryFromLabel(' 矛盾纠纷化解(复议、应诉) ')).toBe('disputes');
    expect(categoryFromLabel('矛盾纠纷化解(复议、应诉)')).toBe('disputes');
    expect(categoryFromLabel('digital')).toBe('digital');
    expect(categoryFromLabel('执法')).toBeNull();
  });

  it('names files by date and a cleaned-up title', () => {
    expect(ledgerExportFileName('2026-11-25')).toBe('整改台账-20261125.xlsx');
    expect(importTemplateFileName('2026年/专项:督察')).toBe('整改事项导入模板-2026年_专项_督察.xlsx');
    expect(importTemplateFileName('***')).toBe('整改事项导入模板-___.xlsx');
  });

  it('takes the list filters without paging', () => {
    const parsed = itemExportInput.parse({ status: ['issued'], limit: 10, cursor: 'x' });
    expect(parsed).toEqual({ status: ['issued'], sort: 'deadline' });
  });
});

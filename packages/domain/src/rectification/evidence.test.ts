import { describe, expect, it } from 'vitest';
import { sniffEvidence } from './evidence.js';

const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const ooxml = (dir: string) => bytes([0x50, 0x4b, 0x03, 0x04], '\0'.repeat(26), '[Content_Types].xml', '...', `${dir}document.xml`);

describe('evidence types by magic bytes', () => {
  it('recognises PDF, PNG and JPEG by content, with a matching extension', () => {
    expect(sniffEvidence(bytes('%PDF-1.7\n'), '整改报告.PDF')).toBe('pdf');
    expect(sniffEvidence(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), '现场照片.png')).toBe('png');
    expect(sniffEvidence(bytes([0xff, 0xd8, 0xff, 0xe0]), '现场照片.jpg')).toBe('jpeg');
  });

  it('tells docx from xlsx by their entries, and doc from xls by the extension', () => {
    expect(sniffEvidence(ooxml('word/'), '台账.docx')).toBe('docx');
    expect(sniffEvidence(ooxml('xl/'), '台账.xlsx')).toBe('xlsx');
    const ole = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect(sniffEvidence(ole, '通知.doc')).toBe('doc');
    expect(sniffEvidence(ole, '统计.xls')).toBe('xls');
    expect(sniffEvidence(ole, '统计.ppt')).toBeNull();
  });

  it('refuses a renamed file, a plain zip and anything else', () => {
    expect(sniffEvidence(bytes('MZ\x90\0'), '报告.pdf')).toBeNull();
    expect(sniffEvidence(bytes('%PDF-1.4'), '报告.exe')).toBeNull();
    expect(sniffEvidence(bytes('<html><script>'), '照片.png')).toBeNull();
    expect(sniffEvidence(bytes([0x50, 0x4b, 0x03, 0x04], 'payload.js'), '台账.docx')).toBeNull();
    expect(sniffEvidence(new Uint8Array(), '空.pdf')).toBeNull();
  });
});

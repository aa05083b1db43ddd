import { describe, expect, it } from 'vitest';
import { zipDeclaredSize } from './zip-size.js';

/** A stored (uncompressed) zip with the given entries, built by hand. */
function zip(entries: Array<{ name: string; size: number; declared?: number }>): Uint8Array {
  const locals: number[] = [];
  const central: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  for (const e of entries) {
    const name = [...e.name].map((c) => c.charCodeAt(0));
    const offset = locals.length;
    locals.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(e.size), ...u32(e.size), ...u16(name.length), ...u16(0), ...name, ...new Array<number>(e.size).fill(0x41));
    const declared = e.declared ?? e.size;
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(e.size), ...u32(declared), ...u16(name.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...name);
  }
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(central.length), ...u32(locals.length), ...u16(0)];
  return Uint8Array.from([...locals, ...central, ...end]);
}

describe('zipDeclaredSize', () => {
  it('adds up the uncompressed sizes of the central directory', () => {
    expect(zipDeclaredSize(zip([{ name: '[Content_Types].xml', size: 10 }, { name: 'xl/workbook.xml', size: 25 }]))).toBe(35);
  });

  it('reports what a bomb declares, before anything is inflated', () => {
    expect(zipDeclaredSize(zip([{ name: 'xl/worksheets/sheet1.xml', size: 4, declared: 4_000_000_000 }]))).toBe(4_000_000_000);
  });

  it('gives null for anything that is not a readable zip', () => {
    expect(zipDeclaredSize(new Uint8Array())).toBeNull();
    expect(zipDeclaredSize(Uint8Array.from([0x25, 0x50, 0x44, 0x46]))).toBeNull();
    const broken = zip([{ name: 'a', size: 3 }]);
    broken[broken.length - 6] = 0xff; // directory offset beyond the end record
    expect(zipDeclaredSize(broken)).toBeNull();
  });
});

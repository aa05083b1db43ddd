import { describe, expect, it } from 'vitest';
import { fileNameOf, httpErrorMessage } from './download';

describe('fileNameOf', () => {
  it('prefers the RFC 5987 UTF-8 name', () => {
    expect(fileNameOf(`attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('整改台账-20261125.xlsx')}`, 'x')).toBe('整改台账-20261125.xlsx');
  });
  it('falls back to the plain name, then to the default', () => {
    expect(fileNameOf('attachment; filename="a.xlsx"', 'x')).toBe('a.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", 'bad.xlsx')).toBe('bad.xlsx');
  });
});

describe('httpErrorMessage', () => {
  it('reads both error shapes and falls back on anything else', async () => {
    expect(await httpErrorMessage(new Response(JSON.stringify({ error: { message: '无权访问' } })), 'f')).toBe('无权访问');
    expect(await httpErrorMessage(new Response(JSON.stringify({ message: '第 3 行有误' })), 'f')).toBe('第 3 行有误');
    expect(await httpErrorMessage(new Response('<html>502</html>'), 'f')).toBe('f');
  });
});

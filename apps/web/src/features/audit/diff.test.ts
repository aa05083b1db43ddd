import { describe, expect, it } from 'vitest';
import { arrangeRows, asRecord, diffSnapshots } from './diff';

describe('diffSnapshots', () => {
  it('marks the fields an update changed', () => {
    const rows = diffSnapshots({ name: '区司法局', sortOrder: 10, isActive: true }, { name: '河东区司法局', sortOrder: 10, isActive: true });
    expect(rows).toEqual([
      { field: 'name', before: '区司法局', after: '河东区司法局', changed: true },
      { field: 'sortOrder', before: 10, after: 10, changed: false },
      { field: 'isActive', before: true, after: true, changed: false },
    ]);
  });

  it('a creation has every field changed from nothing', () => {
    const rows = diffSnapshots(null, { username: 'zhang', roles: ['operator'] });
    expect(rows.every((r) => r.changed && r.before === undefined)).toBe(true);
    expect(rows.map((r) => r.field)).toEqual(['username', 'roles']);
  });

  it('compares arrays and nested values by content', () => {
    expect(diffSnapshots({ roles: ['admin', 'supervisor'] }, { roles: ['admin', 'supervisor'] })[0]?.changed).toBe(false);
    expect(diffSnapshots({ roles: ['admin'] }, { roles: ['admin', 'supervisor'] })[0]?.changed).toBe(true);
  });

  it('accepts JSON text and ignores values that are not objects', () => {
    expect(diffSnapshots('{"a":1}', '{"a":2}')).toEqual([{ field: 'a', before: 1, after: 2, changed: true }]);
    expect(diffSnapshots(null, null)).toEqual([]);
    expect(diffSnapshots('not json', [1, 2])).toEqual([]);
    expect(asRecord(42)).toBeNull();
  });
});

describe('arrangeRows', () => {
  it('puts changed rows before unchanged ones, keeping order within each group', () => {
    const rows = diffSnapshots({ a: 1, b: 1, c: 1 }, { a: 1, b: 2, c: 3 });
    expect(arrangeRows(rows).map((r) => r.field)).toEqual(['b', 'c', 'a']);
  });

  it('orders fields as preferred, unknown fields last', () => {
    const rows = diffSnapshots(null, { id: 1, kind: 'office', name: '区司法局', version: 0, extra: true });
    expect(arrangeRows(rows, ['name', 'kind', 'id', 'version']).map((r) => r.field)).toEqual(['name', 'kind', 'id', 'version', 'extra']);
  });
});

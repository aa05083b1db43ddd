/** One field of an audited record, before and after the change. */
export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Audit snapshots arrive as JSON values (or, from some drivers, as JSON text). */
export function asRecord(value: unknown): Record<string, unknown> | null {
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value) as unknown);
    } catch {
      return null;
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return null;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields of `before` and `after`, in first-seen order, each marked changed or not. A creation
 * has only `after`; a deletion only `before`.
 */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) return [];
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return fields.map((field) => {
    const was = b ? b[field] : undefined;
    const now = a ? a[field] : undefined;
    return { field, before: was, after: now, changed: !same(was, now) };
  });
}

/**
 * Changed rows first, so the eye lands on what happened; within each group, fields named in
 * `preferred` come in that order (snapshots from jsonb arrive with keys sorted by length).
 */
export function arrangeRows(rows: DiffRow[], preferred: readonly string[] = []): DiffRow[] {
  const rank = (f: string) => {
    const i = preferred.indexOf(f);
    return i === -1 ? preferred.length : i;
  };
  const byPreference = [...rows].sort((a, b) => rank(a.field) - rank(b.field));
  return [...byPreference.filter((r) => r.changed), ...byPreference.filter((r) => !r.changed)];
}

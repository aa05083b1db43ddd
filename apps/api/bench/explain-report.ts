import { DISTRIBUTED } from './explain-plan.js';
import type { Routing, Scan } from './explain-plan.js';

export const RANKED: Routing[] = ['reference-only', 'single-shard', 'single-shard-with-county', 'fan-out'];

export interface Explained {
  sql: string;
  routing: Routing | 'not explainable';
  scans?: Scan[];
  error?: string;
}

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** One operation: its routing (the worst of its statements) and each statement in brief. */
export function describeOperation(operation: string, statements: Explained[]) {
  const routings = statements.map((s) => s.routing).filter((r): r is Routing => r !== 'not explainable');
  const routing = routings.reduce<Routing>((w, r) => (RANKED.indexOf(r) > RANKED.indexOf(w) ? r : w), 'reference-only');
  return {
    operation,
    routing,
    statements: statements.map((s) => ({
      routing: s.routing,
      sql: short(s.sql.replace(/\s+/g, ' '), 160),
      ...(s.error ? { error: s.error } : {}),
      distributedScans: (s.scans ?? []).filter((x) => DISTRIBUTED.has(x.table)).map((x) => `${x.node}${x.operation ? `(${x.operation})` : ''} on ${x.table}${x.conditions ? `: ${short(x.conditions, 140)}` : ''}`),
    })),
  };
}

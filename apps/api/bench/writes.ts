import type { Db } from '@fz/db';
import { closedLoop } from './stats.js';
import type { Latency } from './stats.js';
import { CONNECTIONS } from './http.js';

interface Owned {
  id: number;
  version: number;
  flagged: boolean;
}

/** Splits `items` into one disjoint pool per worker, so no two writers race for a version. */
function pools(items: Owned[]): Owned[][] {
  const out: Owned[][] = Array.from({ length: CONNECTIONS }, () => []);
  items.forEach((it, i) => out[i % CONNECTIONS]!.push(it));
  return out;
}

/** After a failed write (a conflict, say), the item's current version and flag, so the next try is not stale too. */
async function refresh(db: Db, item: Owned): Promise<void> {
  const row = await db.selectFrom('rectification_items').select(['version', 'flagged']).where('id', '=', item.id).executeTakeFirstOrThrow();
  item.version = row.version;
  item.flagged = row.flagged;
}

async function post(base: string, cookie: string, procedure: string, input: unknown): Promise<{ version: number; flagged: boolean }> {
  const res = await fetch(`${base}/trpc/${procedure}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-fz-csrf': '1' }, body: JSON.stringify(input) });
  const body = (await res.json()) as { result?: { data?: { version: number; flagged: boolean } } };
  if (!res.ok || !body.result?.data) throw new Error(`${procedure}: ${res.status}`);
  return body.result.data;
}

/**
 * 报送进展 (items.transition reportProgress) through HTTP by the county office, on its own
 * in-progress items: the versioned update, the timeline entry, the audit row and the rollup
 * trigger (which finds nothing to move), in one transaction per request.
 */
export async function progressNotes(db: Db, base: string, cookie: string, countyId: number, seconds: number): Promise<Latency & { items: number }> {
  const rows = await db
    .selectFrom('rectification_items')
    .select(['id', 'version', 'flagged'])
    .where('jurisdiction_id', '=', countyId)
    .where('status', 'in', ['in_progress', 'ongoing'])
    .orderBy('id')
    .execute();
  const owned = pools(rows);
  const result = await closedLoop(CONNECTIONS, seconds, async (w, n) => {
    const pool = owned[w]!;
    const item = pool[n % pool.length]!;
    const after = await post(base, cookie, 'items.transition', { id: item.id, version: item.version, event: 'reportProgress', note: '已召开专题会议研究部署,整改方案已印发,正在逐项推进' }).catch(async (e: unknown) => {
      await refresh(db, item);
      throw e;
    });
    item.version = after.version;
  });
  return { ...result, items: rows.length };
}

/**
 * 挂牌督办 on and off through HTTP by the province, on open items it supervises anywhere in the
 * province: every write moves rollup counters of the province's own rows, so this is the
 * contention the per-level rollup rows invite (decision 24).
 */
export async function flagToggles(db: Db, base: string, cookie: string, provinceId: number, seconds: number): Promise<Latency & { items: number }> {
  const rows = await db
    .selectFrom('rectification_items')
    .select(['id', 'version', 'flagged'])
    .where('supervising_jurisdiction_id', '=', provinceId)
    .where('status', 'in', ['issued', 'acknowledged', 'in_progress'])
    .orderBy('id')
    .limit(20_000)
    .execute();
  const owned = pools(rows);
  const result = await closedLoop(CONNECTIONS, seconds, async (w, n) => {
    const pool = owned[w]!;
    const item = pool[n % pool.length]!;
    const after = await post(base, cookie, 'items.flag', { id: item.id, version: item.version, flagged: !item.flagged, reason: '整改进度滞后,列入挂牌督办' }).catch(async (e: unknown) => {
      await refresh(db, item);
      throw e;
    });
    item.version = after.version;
    item.flagged = after.flagged;
  });
  return { ...result, items: rows.length };
}

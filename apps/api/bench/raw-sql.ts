import { CompiledQuery } from 'kysely';
import type { Level } from '@fz/domain';
import type { Db } from '@fz/db';
import { withScope } from '@fz/db';
import { crumbLevels, dashboardQuery } from '../src/modules/dashboard/queries.js';
import type { DashboardRoot } from '../src/modules/dashboard/queries.js';
import { trendRange } from '../src/modules/dashboard/get.js';
import type { Latency } from './stats.js';
import { closedLoop } from './stats.js';
import { CONNECTIONS } from './http.js';

export interface Viewer {
  userId: number;
  unitId: number;
  jurisdiction: { id: number; level: Level; provinceId: number; cityId: number | null; countyId: number | null; townshipId: number | null };
}

/**
 * The database work of one dashboard.get, without the API: the statements the procedure sends
 * (one statement: the node, its breadcrumbs, children and rollups), compiled once, run in the same RLS
 * transaction (role, scope settings) over `CONNECTIONS` pooled connections.
 */
export async function dashboardSql(db: Db, viewer: Viewer, today: string, seconds: number): Promise<Latency> {
  const j = viewer.jurisdiction;
  const data = dashboardQuery({ id: j.id }, {}, today, trendRange(today, undefined), crumbLevels(j.level)).compile(db);
  const scope = { userId: viewer.userId, level: j.level, jurisdictionId: j.id };
  return closedLoop(CONNECTIONS, seconds, () =>
    withScope(db, scope, async (tx) => {
      await tx.executeQuery(data);
    }),
  );
}

/** The dashboard statement alone, as the owner (no transaction, no RLS): the floor under both figures above. */
export async function statementOnly(db: Db, root: DashboardRoot, today: string, seconds: number): Promise<Latency> {
  const q = dashboardQuery(root, {}, today, trendRange(today, undefined)).compile(db);
  const compiled = CompiledQuery.raw(q.sql, [...q.parameters]);
  return closedLoop(CONNECTIONS, seconds, async () => {
    await db.executeQuery(compiled);
  });
}

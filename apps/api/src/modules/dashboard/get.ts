import { dashboardGetInput, trendMonths } from '@fz/domain';
import type { AppAbility, DashboardGetInput, Principal, ScopedRecord } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, authorized, notFound } from '../../trpc/init.js';
import { buildDashboard } from './build.js';
import type { Dashboard } from './build.js';
import { crumbLevels, dashboardData } from './queries.js';
import type { Months, NodeRow } from './queries.js';
import { demonstrationShares } from './demonstration.js';

/** The first days of the first and last month a trend shows. */
export function trendRange(today: string, year: number | undefined): Months {
  const months = trendMonths(today, year);
  return { from: `${months[0]}-01`, to: `${months.at(-1)}-01` };
}

const recordOf = (n: NodeRow): ScopedRecord & { jurisdictionId: number } => ({
  id: n.id,
  jurisdictionId: n.id,
  provinceId: n.province_id,
  cityId: n.city_id,
  countyId: n.county_id,
  townshipId: n.township_id,
});

/**
 * The dashboard of a node the caller may read (its own by default). Its one statement reads
 * the node with everything else, then the node decides: NOT_FOUND when RLS hides it, FORBIDDEN
 * when only the ability refuses it or its items, so drilling up to an ancestor or across to a
 * sibling is refused by each layer on its own, and nothing read for it leaves.
 */
export async function loadDashboard(tx: Tx, who: { ability: AppAbility; principal: Principal }, today: string, input: DashboardGetInput): Promise<Dashboard> {
  const id = input.jurisdictionId ?? who.principal.jurisdiction.id;
  const data = await dashboardData(tx, { id }, input, today, trendRange(today, input.year), crumbLevels(who.principal.jurisdiction.level));
  if (!data.node || data.node.id !== id) throw notFound();
  assertCan(who.ability, 'read', 'Jurisdiction', recordOf(data.node));
  assertCan(who.ability, 'read', 'RectificationItem', recordOf(data.node));
  const { code, name, level } = data.node;
  return buildDashboard({ id, code, name, level }, data, input, today, await demonstrationShares(tx, { id, level }));
}

/** 督察看板: KPIs, the per-child table, trend and ranking of one node, from the rollups (read replica when configured). */
export const getDashboard = authorized('read', 'RectificationItem')
  .input(dashboardGetInput)
  .query(({ ctx, input }) => ctx.readTx((tx) => loadDashboard(tx, ctx, ctx.services.today(), input)));

import { ITEM_STATUSES, addTally, emptyTally, rankByOnTimeRate, subtractTally, summarize, trendMonths } from '@fz/domain';
import type { DashboardGetInput, Level, Summary, Tally } from '@fz/domain';
import type { ChildNode, DashboardData } from './queries.js';
import type { DemoShares } from './demonstration.js';

/** Each node's tally from its rollup rows. */
function talliesOf(data: DashboardData): Map<number, Tally> {
  const byNode = new Map<number, Tally>();
  const of = (id: number) => {
    let t = byNode.get(id);
    if (!t) byNode.set(id, (t = emptyTally()));
    return t;
  };
  for (const c of data.counts) {
    const t = of(c.node_id);
    for (const s of ITEM_STATUSES) t.byStatus[s] += c[s];
    t.closedOnTime += c.closed_on_time;
    t.extensionsPending += c.extension_pending;
    // Both count open items only: a closed item may keep its flag, but is no longer supervised.
    t.flagged += c.flagged;
    t.overdueMarked += c.overdue;
  }
  for (const d of data.due) {
    const t = of(d.node_id);
    t.dueSoon += d.yellow;
    t.overdueUnmarked += d.late;
  }
  return byNode;
}


export interface DashboardNode {
  id: number;
  code: string;
  name: string;
  level: Level;
}

/** The dashboard as dashboard.get returns it. */
export function buildDashboard(node: DashboardNode, data: DashboardData, input: DashboardGetInput, today: string, demo: DemoShares = { node: null, byChild: new Map() }) {
  const tallies = talliesOf(data);
  const tallyOf = (id: number) => tallies.get(id) ?? emptyTally();
  const rowOf = (c: ChildNode) => ({ id: c.id, code: c.code, name: c.name, level: c.level, ...summarize(tallyOf(c.id)), demonstration: demo.byChild.get(c.id) ?? null });
  const children = data.children.map(rowOf);
  const root = tallyOf(node.id);
  const childSum = data.children.reduce((t, c) => addTally(t, tallyOf(c.id)), emptyTally());
  // Items sitting at the node itself (本级), e.g. a county's items not handed to a township.
  const own: Summary = summarize(subtractTally(root, childSum));
  const kpis = summarize(root);
  const byMonth = new Map(data.trend.map((m) => [m.month, m]));
  return {
    node,
    breadcrumbs: data.crumbs,
    today,
    filters: { year: input.year ?? null, inspectionType: input.inspectionType ?? null },
    years: data.years,
    kpis: { ...kpis, demonstration: demo.node },
    children,
    own: own.total > 0 ? { ...own, demonstration: null } : null,
    trend: trendMonths(today, input.year).map((month) => {
      const m = byMonth.get(month);
      return { month, created: m?.created ?? 0, closed: m?.closed ?? 0, closedOnTime: m?.closed_on_time ?? 0 };
    }),
    ranking: rankByOnTimeRate(children.map((c) => ({ id: c.id, name: c.name, closed: c.closed, onTimeRate: c.onTimeRate }))),
  };
}
export type Dashboard = ReturnType<typeof buildDashboard>;

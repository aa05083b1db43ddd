import { createMongoAbility } from '@casl/ability';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppAbility, Light } from '@fz/domain';
import { withSystem } from '@fz/db';
import type { Services } from '../src/trpc/context.js';
import { dashboardData } from '../src/modules/dashboard/queries.js';
import { callerFor, demoDatabase, fakeRequest, outcome, servicesFor } from './helpers.js';
import { ALLOW_ALL_RULES } from './matrix.js';
import { sessions } from './rect-helpers.js';
import { DASHBOARD_TODAY, seedJinan } from './dashboard-fixture.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
const login = sessions(() => services);

beforeAll(async () => {
  env = await demoDatabase();
  await seedJinan(env.db);
  services = servicesFor(env.db, { today: () => DASHBOARD_TODAY });
});
afterAll(() => env.close());

const province = async () => (await login('province')).caller;
const zeroStatus = { issued: 0, acknowledged: 0, in_progress: 0, closure_requested: 0, returned: 0, closed: 0, ongoing: 0 };

describe('dashboard numbers', () => {
  it('the city dashboard of 济南 counts what was counted by hand', async () => {
    const d = await (await province()).dashboard.get({ jurisdictionId: 3701 });
    expect(d.node).toEqual({ id: 3701, code: '3701', name: '济南市', level: 'city' });
    expect(d.kpis).toEqual({
      total: 10, open: 6, closed: 4, overdue: 2, dueSoon: 3, closedOnTime: 2, onTimeRate: 0.5, flagged: 2, extensionsPending: 1,
      byStatus: { ...zeroStatus, issued: 1, acknowledged: 1, in_progress: 3, returned: 1, closed: 4 },
      light: { red: 2, yellow: 3, green: 1, none: 4 },
      demonstration: null,
    });
    const lixia = d.children.find((c) => c.id === 370102)!;
    expect(lixia).toMatchObject({ total: 8, open: 5, closed: 3, overdue: 2, dueSoon: 3, closedOnTime: 2, flagged: 2, extensionsPending: 1, light: { red: 2, yellow: 3, green: 0, none: 3 } });
    expect(lixia.onTimeRate).toBeCloseTo(2 / 3);
    expect(d.children.find((c) => c.id === 370103)).toMatchObject({ total: 2, open: 1, closed: 1, onTimeRate: 0, light: { red: 0, yellow: 0, green: 1, none: 1 } });
    // Every county of 济南 has a row, the empty ones with zeros and no rate.
    expect(d.children.map((c) => c.id)).toContain(370176);
    for (const c of d.children.filter((x) => x.id !== 370102 && x.id !== 370103)) expect([c.id, c.total, c.onTimeRate]).toEqual([c.id, 0, null]);
    expect(d.own).toBeNull();
    expect(d.ranking.slice(0, 3).map((r) => [r.id, r.rank])).toEqual([
      [370102, 1],
      [370103, 2],
      [d.ranking[2]!.id, null],
    ]);
  });

  it('a county dashboard splits its items between its townships and the county itself (本级)', async () => {
    const d = await (await province()).dashboard.get({ jurisdictionId: 370102 });
    expect(d.kpis.total).toBe(8);
    expect(d.children.every((c) => c.level === 'township' && String(c.id).startsWith('370102'))).toBe(true);
    expect(d.children.find((c) => c.id === 370102001)).toMatchObject({ total: 2, open: 1, closed: 1, onTimeRate: 1, flagged: 1, light: { yellow: 1, red: 0, green: 0, none: 1 } });
    expect(d.own).toMatchObject({ total: 6, open: 4, closed: 2, onTimeRate: 0.5, flagged: 1, extensionsPending: 1, light: { red: 2, yellow: 2, green: 0, none: 2 } });
  });

  it('counts a year by the Beijing date items were issued, and shows that calendar year as the trend', async () => {
    const d = await (await province()).dashboard.get({ jurisdictionId: 3701, year: 2025 });
    expect(d.kpis).toMatchObject({ total: 1, open: 1, light: { green: 1, yellow: 0, red: 0, none: 0 } });
    expect(d.trend.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    expect(d.trend.filter((m) => m.created > 0)).toEqual([{ month: '2025-12', created: 1, closed: 0, closedOnTime: 0 }]);
    expect((await (await province()).dashboard.get({ jurisdictionId: 3701 })).years).toEqual([2025, 2026]);
  });

  it('an inspection type keeps only the items of that kind of inspection', async () => {
    const special = await (await province()).dashboard.get({ jurisdictionId: 3701, inspectionType: 'special' });
    expect(special.kpis).toMatchObject({ total: 3, open: 1, closed: 2, closedOnTime: 1, onTimeRate: 0.5, flagged: 0, light: { yellow: 1, green: 0, red: 0, none: 2 } });
    const both = await (await province()).dashboard.get({ jurisdictionId: 3701, year: 2026, inspectionType: 'rule_of_law' });
    expect(both.kpis).toMatchObject({ total: 6, open: 4, closed: 2, closedOnTime: 1, overdue: 2, dueSoon: 2, flagged: 2 });
  });

  it('the trend counts issued and closed items by Beijing month over the last twelve months', async () => {
    const d = await (await province()).dashboard.get({ jurisdictionId: 3701 });
    expect(d.trend.map((m) => m.month)).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(d.trend.filter((m) => m.created > 0 || m.closed > 0)).toEqual([
      { month: '2025-12', created: 1, closed: 0, closedOnTime: 0 },
      { month: '2026-01', created: 3, closed: 0, closedOnTime: 0 },
      { month: '2026-02', created: 2, closed: 0, closedOnTime: 0 },
      { month: '2026-03', created: 3, closed: 0, closedOnTime: 0 },
      { month: '2026-04', created: 1, closed: 1, closedOnTime: 0 },
      { month: '2026-05', created: 0, closed: 2, closedOnTime: 1 },
      { month: '2026-06', created: 0, closed: 1, closedOnTime: 1 },
    ]);
  });

  it('its lights agree with the ledger’s on the same day', async () => {
    const caller = await province();
    const ledger = await caller.items.list({ jurisdictionId: 3701, limit: 200 });
    const counted: Record<Light, number> = { green: 0, yellow: 0, red: 0, none: 0 };
    for (const i of ledger.items) counted[i.light] += 1;
    expect((await caller.dashboard.get({ jurisdictionId: 3701 })).kpis.light).toEqual(counted);
  });

  it('collapses a placeholder pseudo-city: Beijing’s children are its districts', async () => {
    const data = await withSystem(env.db, (tx) => dashboardData(tx, { id: 11 }, {}, DASHBOARD_TODAY, { from: '2026-01-01', to: '2026-06-01' }));
    expect(data.children.length).toBeGreaterThan(10);
    expect(data.children.every((c) => c.level === 'county')).toBe(true);
  });
});

describe('dashboard authorization', () => {
  it('a county’s dashboard includes nothing from a sibling county', async () => {
    const { caller } = await login('hedong');
    const d = await caller.dashboard.get({});
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from rectification_items where county_id = 371312`.execute(env.db);
    expect(d.node.id).toBe(371312);
    expect(d.kpis.total).toBe(rows[0]!.n);
    expect(d.children.every((c) => String(c.id).startsWith('371312'))).toBe(true);
    expect(await outcome(caller.dashboard.get({ jurisdictionId: 371302 }))).toBe('NOT_FOUND');
  });

  it('drilling up above the caller’s own jurisdiction is refused, by each layer on its own', async () => {
    const { token } = await login('hedong');
    const both = callerFor(services, fakeRequest(token));
    const caslOnly = callerFor(servicesFor(env.db, { today: () => DASHBOARD_TODAY, runScoped: (_scope, fn) => withSystem(env.db, fn), runScopedRead: (_scope, fn) => withSystem(env.db, fn) }), fakeRequest(token));
    const rlsOnly = callerFor(servicesFor(env.db, { today: () => DASHBOARD_TODAY, abilityFor: () => createMongoAbility(ALLOW_ALL_RULES) as unknown as AppAbility }), fakeRequest(token));
    for (const id of [3713, 37]) {
      expect(await outcome(both.dashboard.get({ jurisdictionId: id }))).toBe('NOT_FOUND');
      expect(await outcome(caslOnly.dashboard.get({ jurisdictionId: id }))).toBe('FORBIDDEN');
      expect(await outcome(rlsOnly.dashboard.get({ jurisdictionId: id }))).toBe('NOT_FOUND');
    }
  });

  it('even a forged rollup query under a county’s RLS scope sees only that county’s rows', async () => {
    // RLS alone: the province's view asked for by a county returns its own subtree or nothing.
    const data = await services.runScoped({ userId: 1, level: 'county', jurisdictionId: 371312 }, (tx) => dashboardData(tx, { id: 3713 }, {}, DASHBOARD_TODAY, { from: '2026-01-01', to: '2026-06-01' }));
    expect(data.counts.every((c) => String(c.node_id).startsWith('371312'))).toBe(true);
    expect(data.counts.some((c) => c.node_id === 371312)).toBe(true);
    expect(data.trend).toEqual([]);
  });

  it('breadcrumbs run from the caller’s own jurisdiction down to the node', async () => {
    expect((await (await province()).dashboard.get({ jurisdictionId: 370102001 })).breadcrumbs.map((c) => c.id)).toEqual([37, 3701, 370102, 370102001]);
    const { caller } = await login('hedong');
    const d = await caller.dashboard.get({ jurisdictionId: 371312001 });
    expect(d.breadcrumbs.map((c) => c.id)).toEqual([371312, 371312001]);
    expect(d.children).toEqual([]);
  });
});

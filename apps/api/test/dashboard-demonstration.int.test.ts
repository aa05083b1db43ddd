import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { sessions } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
const as = sessions(() => services);

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db);
});
afterAll(() => env.close());

/** Named and total applications below a node, counted straight from the table. */
async function counted(column: 'county_id' | 'city_id', id: number, childColumn: 'township_id' | 'county_id', childId: number) {
  const rows = await env.db.selectFrom('applications').select(['status', childColumn]).where(column, '=', id).execute();
  const mine = rows.filter((r) => (r as Record<string, unknown>)[childColumn] === childId);
  return { named: rows.filter((r) => r.status === 'named').length, total: rows.length, childNamed: mine.filter((r) => r.status === 'named').length, childTotal: mine.length };
}

describe('the dashboard demonstration share', () => {
  it("shows 河东区's named streets against the campaign target, per street too", async () => {
    const d = await (await as('hedong')).caller.dashboard.get({});
    const c = await counted('county_id', 371312, 'township_id', 371312001);
    expect(d.kpis.demonstration).toMatchObject({ named: c.named, total: c.total });
    expect(d.kpis.demonstration?.text).toContain(`${c.named} / ${c.total}`);
    expect(d.kpis.demonstration?.text).toContain('2/3');
    const street = d.children.find((x) => x.id === 371312001);
    expect(street?.demonstration).toMatchObject({ named: c.childNamed, total: c.childTotal });
  });

  it('sums the counties for the city and never shows what the caller cannot read', async () => {
    const city = await (await as('linyi')).caller.dashboard.get({});
    const c = await counted('city_id', 3713, 'county_id', 371312);
    expect(city.kpis.demonstration).toMatchObject({ named: c.named, total: c.total });
    expect(city.children.find((x) => x.id === 371312)?.demonstration).toMatchObject({ named: c.childNamed, total: c.childTotal });
    // 兰山区's office sees its own streets only, none of 河东区's.
    const lanshan = await (await as('lanshan')).caller.dashboard.get({});
    const own = await counted('county_id', 371302, 'township_id', 0);
    expect(lanshan.kpis.demonstration?.total ?? 0).toBe(own.total);
  });
});

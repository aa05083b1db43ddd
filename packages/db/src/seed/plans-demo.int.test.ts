import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../scope.js';
import { createTestDatabase } from '../testing/index.js';
import { seedDemo } from './demo.js';
import { seedPlansDemo } from './plans-demo.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('seedPlansDemo', () => {
  let env: TestDatabase;
  beforeAll(async () => {
    env = await createTestDatabase({ templateKey: 'demo-accounts', seed: async (db) => void (await seedDemo(db)) });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('publishes 临沂市’s work points with six tasks for the city’s units and every county below it', async () => {
    const plans = await env.db.selectFrom('plans').select(['id', 'jurisdiction_id', 'status', 'title']).execute();
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ jurisdiction_id: 3713, status: 'published' });
    const tasks = await env.db.selectFrom('plan_tasks').select('id').where('plan_id', '=', plans[0]!.id).execute();
    expect(tasks).toHaveLength(6);
    const counties = await env.db.selectFrom('jurisdictions').select('id').where('parent_id', '=', 3713).execute();
    const perTask = await env.db.selectFrom('plan_assignments').select('jurisdiction_id').where('task_id', '=', tasks[0]!.id).where('kind', '=', 'child').execute();
    expect(perTask.map((a) => a.jurisdiction_id).sort()).toEqual(counties.map((c) => c.id).sort());
  });

  it('lets 河东区 read the plan and its own assignments, and adds nothing when run again', async () => {
    expect(await seedPlansDemo(env.db)).toEqual({ plans: 0 });
    const seen = await withScope(env.db, { userId: 1, level: 'county', jurisdictionId: 371312 }, async (tx) => ({
      plans: (await tx.selectFrom('plans').select('id').execute()).length,
      tasks: (await tx.selectFrom('plan_tasks').select('id').execute()).length,
      assignments: (await tx.selectFrom('plan_assignments').select('jurisdiction_id').execute()).map((a) => a.jurisdiction_id),
      reports: (await tx.selectFrom('plan_reports').select('id').execute()).length,
    }));
    expect(seen).toEqual({ plans: 1, tasks: 6, assignments: [371312, 371312, 371312, 371312, 371312, 371312], reports: 0 });
  });
});

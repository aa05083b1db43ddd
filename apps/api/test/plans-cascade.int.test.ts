import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_MESSAGES } from '@fz/domain';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { countRows } from './plan-helpers.js';
import { TODAY, failure, sessions, unitIdOf } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
const as = sessions(() => services);
const caller = async (username: string) => (await as(username)).caller;
/** 临沂市's published work points (demo seed) and its first task. */
let cityPlan: number;
let cityTask: number;

const task = (over: Record<string, unknown> = {}) => ({ number: '1', title: '贯彻落实合法性审核', text: '贯彻落实合法性审核。', units: [] as Array<{ name: string; unitId: number | null; lead: boolean }>, ...over });
const draft = (jurisdictionId: number, tasks: ReturnType<typeof task>[], over: Record<string, unknown> = {}) => ({ jurisdictionId, title: '2026年工作要点', kind: 'work_points' as const, periodStart: '2026-01-01', periodEnd: '2026-12-31', tasks, ...over });

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  const above = await (await caller('hedong')).plans.list({ relation: 'above', limit: 50 });
  cityPlan = above.items.find((p) => p.issuerName === '临沂市')!.id;
  cityTask = (await (await caller('hedong')).plans.get({ id: cityPlan })).tasks[0]!.id;
});
afterAll(() => env.close());

describe('plans cascade down the levels', () => {
  it('shows a published plan to every level below its issuer, but not a draft, and never to a sibling', async () => {
    const linyi = await caller('linyi');
    const cityDraft = await linyi.plans.createDraft(draft(3713, [task({ units: [{ name: '临沂市司法局', unitId: await unitIdOf(env.db, 3713, '临沂市司法局'), lead: true }] })]));
    const hedong = await caller('hedong');
    expect((await hedong.plans.list({ relation: 'above', limit: 50 })).items.map((p) => p.id)).toEqual([cityPlan]);
    expect((await (await caller('street')).plans.get({ id: cityPlan })).tasks).toHaveLength(6);
    expect((await failure(hedong.plans.get({ id: cityDraft.id }))).code).toBe('NOT_FOUND');
    const own = await hedong.plans.createDraft(draft(371312, [task({ units: [{ name: '河东区司法局', unitId: await unitIdOf(env.db, 371312, '河东区司法局'), lead: true }] })]));
    expect((await failure((await caller('lanshan')).plans.get({ id: own.id }))).code).toBe('NOT_FOUND');
    expect((await linyi.plans.list({ jurisdictionId: 3713, relation: 'subtree', limit: 50 })).items.map((p) => p.id)).toEqual(expect.arrayContaining([own.id, cityDraft.id, cityPlan]));
  });

  it('never lets a lower level change an upper plan', async () => {
    const hedong = await caller('hedong');
    const plan = await hedong.plans.get({ id: cityPlan });
    expect(plan.allowed).toEqual({ update: false, publish: false, link: false, remind: false });
    expect((await failure(hedong.plans.remind({ planId: cityPlan, period: '2026-Q4' }))).code).toBe('FORBIDDEN');
    expect((await failure(hedong.plans.link({ planId: cityPlan, version: plan.version, links: [{ taskId: cityTask, upperTaskId: null }] }))).code).toBe('FORBIDDEN');
    expect((await failure(hedong.plans.grid({ planId: cityPlan }))).code).toBe('NOT_FOUND');
  });

  it('links a county task to the city task it implements, and the city sees which counties took it up', async () => {
    const hedong = await caller('hedong');
    const sfj = await unitIdOf(env.db, 371312, '河东区司法局');
    const mine = await hedong.plans.createDraft(draft(371312, [task({ units: [{ name: '河东区司法局', unitId: sfj, lead: true }], upperTaskId: cityTask }), task({ number: '2', units: [{ name: '河东区司法局', unitId: sfj, lead: true }] })]));
    expect(mine.upperTasks).toEqual([expect.objectContaining({ id: cityTask, planId: cityPlan, issuerName: '临沂市' })]);
    const published = await hedong.plans.publish({ id: mine.id, version: mine.version });
    const cityTask2 = (await hedong.plans.get({ id: cityPlan })).tasks[1]!.id;
    const linked = await hedong.plans.link({ planId: mine.id, version: published.version, links: [{ taskId: published.tasks[1]!.id, upperTaskId: cityTask2 }] });
    expect(linked.tasks.map((t) => t.upperTaskId)).toEqual([cityTask, cityTask2]);

    const coverage = await (await caller('linyi')).plans.coverage({ planId: cityPlan });
    expect(coverage.tasks.slice(0, 3).map((t) => t.coveredBy)).toEqual([[371312], [371312], []]);
    expect(coverage.tasks[0]!.links[0]).toMatchObject({ jurisdictionId: 371312, planId: mine.id, taskNumber: '1' });
    expect(coverage.children.find((c) => c.id === 371312)).toMatchObject({ name: '河东区', covered: 2, total: 6 });
    expect(coverage.children.find((c) => c.id === 371302)).toMatchObject({ covered: 0 });
    // A draft does not count yet: 兰山区 links one but has not published it.
    await (await caller('lanshan')).plans.createDraft(draft(371302, [task({ units: [{ name: '兰山区司法局', unitId: await unitIdOf(env.db, 371302, '兰山区司法局'), lead: true }], upperTaskId: cityTask })]));
    expect((await (await caller('linyi')).plans.coverage({ planId: cityPlan })).tasks[0]!.coveredBy).toEqual([371312]);
  });

  it('links only to tasks of published plans above, never a sibling’s or one’s own', async () => {
    const hedong = await caller('hedong');
    const lanshanPlan = await (await caller('lanshan')).plans.createDraft(draft(371302, [task({ units: [{ name: '兰山区司法局', unitId: await unitIdOf(env.db, 371302, '兰山区司法局'), lead: true }] })]));
    const lanshanPublished = await (await caller('lanshan')).plans.publish({ id: lanshanPlan.id, version: lanshanPlan.version });
    const sibling = lanshanPublished.tasks[0]!.id;
    expect(await failure(hedong.plans.createDraft(draft(371312, [task({ upperTaskId: sibling })])))).toEqual({ code: 'BAD_REQUEST', message: PLAN_MESSAGES.upperTaskNotFound });
    const own = await hedong.plans.createDraft(draft(371312, [task()]));
    expect(await failure(hedong.plans.link({ planId: own.id, version: own.version, links: [{ taskId: own.tasks[0]!.id, upperTaskId: own.tasks[0]!.id }] }))).toEqual({ code: 'BAD_REQUEST', message: PLAN_MESSAGES.upperTaskNotAbove });
    expect(await failure(hedong.plans.link({ planId: own.id, version: own.version, links: [{ taskId: cityTask, upperTaskId: null }] }))).toEqual({ code: 'BAD_REQUEST', message: PLAN_MESSAGES.taskNotInPlan });
  });

  it('hands a city’s "各县区" task to every county below it, through each county’s office', async () => {
    const linyi = await caller('linyi');
    const plan = await linyi.plans.createDraft(draft(3713, [task({ allChildren: true, note: '各有关部门' })]));
    const published = await linyi.plans.publish({ id: plan.id, version: plan.version });
    const counties = await env.db.selectFrom('jurisdictions').select('id').where('parent_id', '=', 3713).execute();
    expect(await countRows(env.db, 'plan_assignments', 'plan_id', published.id)).toBe(counties.length);
    const hedongShare = (await (await caller('hedong')).assignments.mine({ planId: published.id, limit: 10 })).items;
    expect(hedongShare).toHaveLength(1);
    expect(hedongShare[0]).toMatchObject({ kind: 'child', task: { note: '各有关部门' }, plan: { issuerName: '临沂市' } });
  });

  it('refuses what cannot be published or saved, with a reason', async () => {
    const hedong = await caller('hedong');
    const orphan = await hedong.plans.createDraft(draft(371312, [task({ number: '3' })]));
    expect(await failure(hedong.plans.publish({ id: orphan.id, version: orphan.version }))).toEqual({ code: 'BAD_REQUEST', message: PLAN_MESSAGES.taskWithoutAssignee(['3']) });
    expect((await failure(hedong.plans.saveDraft({ ...draft(371312, [task()]), id: orphan.id, version: orphan.version + 1 }))).code).toBe('CONFLICT');
    const other = await unitIdOf(env.db, 371302, '兰山区司法局');
    expect(await failure(hedong.plans.createDraft(draft(371312, [task({ units: [{ name: '兰山区司法局', unitId: other, lead: true }] })])))).toEqual({ code: 'BAD_REQUEST', message: PLAN_MESSAGES.unitNotInJurisdiction });
    expect((await failure(hedong.plans.createDraft(draft(371312, [task()], { periodEnd: '2025-12-31' })))).message).toContain(PLAN_MESSAGES.periodOrder);
    expect((await failure((await caller('hedong-sfj')).plans.createDraft(draft(371312, [task()])))).code).toBe('FORBIDDEN');
  });

  it('explains what an import cannot read', async () => {
    const hedong = await caller('hedong');
    const preview = (text: string) => failure(hedong.plans.importPreview({ jurisdictionId: 371312, text }));
    expect(await preview('')).toEqual({ code: 'BAD_REQUEST', message: PLAN_MESSAGES.emptyText });
    expect(await preview('关于做好2026年法治政府建设工作的通知\n请各单位认真贯彻落实。')).toEqual({ code: 'BAD_REQUEST', message: PLAN_MESSAGES.noTasks });
    expect(await preview(`1.任务。${'长'.repeat(200_001)}`)).toEqual({ code: 'BAD_REQUEST', message: `输入不符合要求(text: ${PLAN_MESSAGES.textTooLong})` });
    expect((await failure(hedong.plans.importPreview({ jurisdictionId: 371302, text: '1.任务。' }))).code).toBe('NOT_FOUND');
    expect((await failure((await caller('street')).plans.importPreview({ jurisdictionId: 371312001, text: '1.任务。' }))).code).toBe('FORBIDDEN');
  });
});

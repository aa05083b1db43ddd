import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_MESSAGES } from '@fz/domain';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { HEDONG_PLAN, countRows, seedText } from './plan-helpers.js';
import { TODAY, failure, sessions, unitIdOf } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
const as = sessions(() => services);
const caller = async (username: string) => (await as(username)).caller;
let sfj: number; // 河东区司法局
let bianban: number; // 河东区委编办
let townships: number;

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  sfj = await unitIdOf(env.db, 371312, '河东区司法局');
  bianban = await unitIdOf(env.db, 371312, '河东区委编办');
  const t = await env.db.selectFrom('jurisdictions').select((eb) => eb.fn.countAll<string>().as('n')).where('parent_id', '=', 371312).executeTakeFirstOrThrow();
  townships = Number(t.n);
});
afterAll(() => env.close());

type Preview = Awaited<ReturnType<Awaited<ReturnType<typeof caller>>['plans']['importPreview']>>;
let preview: Preview;
let planId: number;
/** Tasks naming 区司法局, by number: its assignments. */
const SFJ_TASKS = ['1', '2', '3', '4', '5', '7', '9', '10', '11', '14', '15', '16', '17', '18', '20', '23', '25', '28'];

describe('河东区 imports its plan, publishes it, and follows up the reports', () => {
  it('reads the Hedong plan into a draft of 29 tasks in 9 sections, matching units to 河东区’s and storing nothing', async () => {
    const audits = await countRows(env.db, 'audit_log', 'action', 'plan.create');
    preview = await (await caller('hedong')).plans.importPreview({ jurisdictionId: 371312, text: seedText(HEDONG_PLAN), sourceName: 'hedong.txt' });
    expect(preview.stats).toMatchObject({ sections: 9, tasks: 29, tasksToAllChildren: 28 });
    const unit = (name: string) => preview.units.find((u) => u.name === name);
    expect(unit('区司法局')).toMatchObject({ unitId: sfj, unitName: '河东区司法局', how: 'alias', taskNumbers: SFJ_TASKS });
    expect(unit('区行政审批局')?.unitName).toBe('河东区行政审批服务局');
    expect(unit('河东公安分局')?.unitName).toBe('河东区公安分局');
    expect(preview.unmatchedNames).toEqual(expect.arrayContaining(['区商务局', '区大数据局', '区法院', '区委办公室', '区教体局']));
    expect(preview.unmatchedNames).toHaveLength(23);
    expect(preview.draft.tasks[0]!.units).toEqual([
      { name: '区委编办', unitId: bianban, lead: true },
      { name: '区司法局', unitId: sfj, lead: false },
      { name: '区发改局', unitId: await unitIdOf(env.db, 371312, '河东区发改局'), lead: false },
      { name: '区商务局', unitId: null, lead: false },
    ]);
    expect(preview.draft).toMatchObject({ title: '河东区贯彻落实《法治政府建设实施纲要(2021-2025年)》实施方案(征求意见稿)', kind: 'implementation_plan', sourceName: 'hedong.txt' });
    // The title's years belong to the 纲要 it quotes: the draft proposes the current year instead.
    expect([preview.draft.periodStart, preview.draft.periodEnd]).toEqual(['2026-01-01', '2026-12-31']);
    expect(preview.warnings.map((w) => w.line)).toEqual([85, 86]);
    expect(await countRows(env.db, 'audit_log', 'action', 'plan.create')).toBe(audits);
  });

  it('drafts once however often the client resends, and refuses to publish while names are unmatched', async () => {
    const hedong = await caller('hedong');
    const dsj = await hedong.units.create({ jurisdictionId: 371312, name: '河东区大数据局', shortName: '大数据局', kind: 'department' });
    const input = { ...preview.draft, jurisdictionId: 371312, idempotencyKey: randomUUID(), unitMappings: [{ name: '区大数据局', unitId: dsj.id }] };
    const plan = await hedong.plans.createDraft(input);
    expect((await hedong.plans.createDraft(input)).id).toBe(plan.id);
    expect(await countRows(env.db, 'audit_log', 'action', 'plan.create')).toBe(1);
    planId = plan.id;
    expect(plan).toMatchObject({ status: 'draft', issuerName: '河东区', allowed: { update: true, publish: true, remind: false } });
    expect(plan.tasks).toHaveLength(29);
    expect(plan.tasks[1]!.units.map((u) => u.name)).toContain('河东区大数据局');
    const refused = await failure(hedong.plans.publish({ id: plan.id, version: plan.version }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/^以下单位尚未对应到本级单位,请先对应、新建或转为备注:区商务局、/);
  });

  it('publishes once the rest are kept as notes: one assignment per unit and per township, in one go', async () => {
    const hedong = await caller('hedong');
    const dsj = (await hedong.plans.get({ id: planId })).tasks[1]!.units.find((u) => u.name === '河东区大数据局')!.unitId;
    const keepAsNotes = preview.unmatchedNames.filter((n) => n !== '区大数据局').map((name) => ({ name, unitId: null }));
    const draft = await hedong.plans.get({ id: planId });
    const saved = await hedong.plans.saveDraft({ ...preview.draft, id: planId, version: draft.version, unitMappings: [{ name: '区大数据局', unitId: dsj }, ...keepAsNotes] });
    expect(saved.tasks[0]!.note).toBe('区商务局');
    expect(saved.tasks[5]).toMatchObject({ units: [], allChildren: true, note: '区政府各部门' });
    const published = await hedong.plans.publish({ id: planId, version: saved.version });
    expect(published).toMatchObject({ status: 'published', allowed: { update: false, publish: false, remind: true, link: true } });
    const named = published.tasks.reduce((n, t) => n + t.units.length, 0);
    expect(await countRows(env.db, 'plan_assignments', 'plan_id', planId)).toBe(named + 28 * townships);
    expect(published.assignmentCount).toBe(named + 28 * townships);

    const again = await hedong.plans.publish({ id: planId, version: saved.version });
    expect(again.version).toBe(published.version);
    expect(await countRows(env.db, 'plan_assignments', 'plan_id', planId)).toBe(named + 28 * townships);
    expect(await countRows(env.db, 'audit_log', 'action', 'plan.publish')).toBe(1);
    expect(await failure(hedong.plans.saveDraft({ ...preview.draft, id: planId, version: published.version }))).toEqual({ code: 'BAD_REQUEST', message: PLAN_MESSAGES.notDraft });
  });

  it('hands 司法局 its tasks; it reports, and the county’s grid turns green for it', async () => {
    const mine = await (await caller('hedong-sfj')).assignments.mine({ planId, limit: 200 });
    // In the document's order, also when read two at a time.
    expect(mine.items.map((a) => a.task.number)).toEqual(SFJ_TASKS);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await (await caller('hedong-sfj')).assignments.mine({ planId, limit: 2, cursor });
      paged.push(...page.items.map((a) => a.task.number));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(SFJ_TASKS);
    const first = mine.items.find((a) => a.task.number === '1')!;
    expect(first).toMatchObject({ lead: false, kind: 'unit', period: { key: '2026-Q4', dueDate: '2027-01-05' }, state: 'pending', report: null });
    expect(mine.items.find((a) => a.task.number === '5')!.lead).toBe(true);

    const report = await (await caller('hedong-sfj')).assignments.report({ assignmentId: first.id, period: '2026-Q4', text: '已完成权责清单动态调整,向社会公布', percent: 40 });
    expect(report).toMatchObject({ period: '2026-Q4', percent: 40, reportedOn: TODAY, reportedByName: '河东区司法局填报员', version: 0 });
    const grid = await (await caller('hedong')).plans.grid({ planId, period: '2026-Q4' });
    expect(grid.period).toMatchObject({ key: '2026-Q4', label: '2026年第四季度', dueDate: '2027-01-05' });
    const cell = grid.rows[0]!.cells.find((c) => c.unitId === sfj)!;
    expect(cell).toMatchObject({ state: 'reported', percent: 40, assignmentId: first.id });
    expect(grid.totals.reported).toBe(1);
    expect(grid.columns[0]).toMatchObject({ unitName: '河东区政府办公室', kind: 'unit' });
    expect(grid.columns.at(-1)!.kind).toBe('child');
  });

  it('shows a report after the due date as late and no report as missing', async () => {
    const first = (await (await caller('hedong-sfj')).assignments.mine({ planId, period: '2026-Q3', limit: 200 })).items.find((a) => a.task.number === '1')!;
    expect(first).toMatchObject({ period: { key: '2026-Q3', dueDate: '2026-10-05' }, state: 'missing' });
    await (await caller('hedong-sfj')).assignments.report({ assignmentId: first.id, period: '2026-Q3', text: '补报第三季度进展', percent: 30 });
    const grid = await (await caller('hedong')).plans.grid({ planId, period: '2026-Q3' });
    const states = grid.rows[0]!.cells.map((c) => [c.unitId === sfj ? 'sfj' : 'other', c.state]);
    expect(states.filter(([who]) => who === 'sfj')).toEqual([['sfj', 'late']]);
    expect(new Set(states.filter(([who]) => who === 'other').map(([, s]) => s))).toEqual(new Set(['missing']));
  });

  it('reminds every unit without a report for the period, at most once a day', async () => {
    const hedong = await caller('hedong');
    const sent = await hedong.plans.remind({ planId, period: '2026-Q3' });
    const total = await countRows(env.db, 'plan_assignments', 'plan_id', planId);
    expect(sent).toMatchObject({ period: '2026-Q3', missing: total - 1, reminded: total - 1, alreadyRemindedToday: 0 });
    expect(await hedong.plans.remind({ planId, period: '2026-Q3' })).toMatchObject({ reminded: 0, alreadyRemindedToday: total - 1 });
    expect(await countRows(env.db, 'plan_reminders', 'plan_id', planId)).toBe(total - 1);
    expect(await countRows(env.db, 'audit_log', 'action', 'plan.remind')).toBe(1);
    const lead = (await (await caller('hedong-sfj')).assignments.mine({ planId, period: '2026-Q3', limit: 200 })).items.find((a) => a.task.number === '5')!;
    expect(lead.reminder).toEqual({ day: TODAY, fromName: '河东区政府办公室' });
  });

  it('keeps the first report date and needs the version to change a report; a resend changes nothing', async () => {
    const sfjCaller = await caller('hedong-sfj');
    const first = (await sfjCaller.assignments.mine({ planId, limit: 200 })).items.find((a) => a.task.number === '1')!;
    const same = { assignmentId: first.id, period: '2026-Q4', text: '已完成权责清单动态调整,向社会公布', percent: 40 };
    expect(await sfjCaller.assignments.report(same)).toMatchObject({ id: first.report!.id, version: 0 });
    expect((await failure(sfjCaller.assignments.report({ ...same, percent: 60 }))).code).toBe('CONFLICT');
    const changed = await sfjCaller.assignments.report({ ...same, percent: 60, version: 0 });
    expect(changed).toMatchObject({ percent: 60, version: 1, reportedOn: TODAY });
    expect((await failure(sfjCaller.assignments.report({ ...same, percent: 70, version: 0 }))).code).toBe('CONFLICT');
    expect(await failure(sfjCaller.assignments.report({ ...same, period: '2027-Q1' }))).toEqual({ code: 'BAD_REQUEST', message: PLAN_MESSAGES.badPeriod });
    expect((await failure(sfjCaller.assignments.report({ ...same, percent: 101 }))).code).toBe('BAD_REQUEST');
  });

  it('lets the lead unit follow its co-units’ reports, and keeps units to their own tasks', async () => {
    const street = await caller('street');
    const own = (await street.assignments.mine({ planId, limit: 200 })).items.find((a) => a.task.number === '5')!;
    expect(own).toMatchObject({ kind: 'child', lead: false, plan: { issuerName: '河东区' } });
    await street.assignments.report({ assignmentId: own.id, period: '2026-Q4', text: '街道已开展合法性审查', percent: 50 });
    const lead = (await (await caller('hedong-sfj')).assignments.mine({ planId, limit: 200 })).items.find((a) => a.task.number === '5')!;
    const jiuqu = lead.coUnits.find((c) => c.unitName === '九曲街道办事处')!;
    expect(jiuqu).toMatchObject({ kind: 'child', state: 'reported', report: { text: '街道已开展合法性审查', percent: 50 } });
    expect(lead.coUnits).toHaveLength(townships);

    const sfjTask = (await (await caller('hedong-sfj')).assignments.mine({ planId, limit: 200 })).items[0]!;
    const report = { assignmentId: sfjTask.id, period: '2026-Q4', text: '代报', percent: 10 };
    expect((await failure(street.assignments.report(report))).code).toBe('NOT_FOUND');
    expect((await failure((await caller('hedong')).assignments.report(report))).code).toBe('FORBIDDEN');
    expect((await failure((await caller('lanshan')).plans.grid({ planId }))).code).toBe('NOT_FOUND');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, outcome, servicesFor } from './helpers.js';
import { PDF, TODAY, auditCount, failure, multipart, sessions } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const as = sessions(() => services);
let campaignId: number;
let jiuqu: number; // 九曲街道's application

type Tree = Array<{ id: number; code: string; leaf: boolean; maxScore: number | null; children: Tree; extra: { assessment: { version: number; selfScore: number | null } | null } }>;
const leavesOf = (tree: Tree): Tree => tree.flatMap((n) => (n.leaf ? [n] : leavesOf(n.children)));

async function evidence(token: string, applicationId: number, indicatorId: number, name: string, data: Buffer, headers: Record<string, string> = { 'x-fz-csrf': '1' }) {
  const body = multipart(name, data);
  return app.inject({ method: 'POST', url: `/api/demonstration/applications/${applicationId}/indicators/${indicatorId}/evidence`, payload: body.payload, headers: { 'content-type': body.contentType, cookie: `fz_sid=${token}`, ...headers } });
}

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
  const street = (await as('street')).caller;
  const mine = await street.demonstration.applications.list({});
  expect(mine.items).toHaveLength(1);
  jiuqu = mine.items[0]!.id;
  campaignId = mine.items[0]!.campaignId;
});
afterAll(async () => {
  await app.close();
  await env.close();
});

describe('a street’s application from self-assessment to naming', () => {
  it('九曲街道 fills three indicators with evidence and submits; 河东区 reviews; 临沂市 evaluates and names; the county’s share moves', async () => {
    const street = await as('street');
    const hedong = (await as('hedong')).caller;
    const linyi = (await as('linyi')).caller;
    const boardBefore = await hedong.demonstration.campaigns.board({ id: campaignId });
    expect(boardBefore.node).toMatchObject({ id: 371312, name: '河东区' });
    expect(boardBefore.summary.named).toMatchObject({ count: 2, total: 11, meetsTarget: false, text: '2 / 11 = 18%,目标 2/3 ✗' });
    expect(boardBefore.summary.needed).toBe(8);

    let a = await street.caller.demonstration.applications.get({ id: jiuqu });
    expect(a).toMatchObject({ status: 'in_progress', jurisdictionName: '九曲街道', progress: { completed: 27, total: 30 }, allowed: { events: [], assess: true } });
    expect(await failure(street.caller.demonstration.applications.transition({ id: jiuqu, version: a.version, event: 'submit' }))).toEqual({ code: 'BAD_REQUEST', message: '请先完成全部指标的自评后再提交申报' });

    const open = leavesOf(a.tree as Tree).filter((l) => l.extra.assessment?.selfScore == null);
    expect(open.map((l) => l.code)).toEqual(['5.3', '5.4', '5.5']);
    for (const leaf of open) {
      const res = await evidence(street.token, jiuqu, leaf.id, `${leaf.code}佐证材料.pdf`, Buffer.concat([PDF, Buffer.from(leaf.code)]));
      expect(res.statusCode).toBe(201);
      // The upload created the indicator's assessment (version 0); evidence never bumps it.
      const saved = await street.caller.demonstration.applications.saveAssessment({ applicationId: jiuqu, indicatorId: leaf.id, version: 0, selfScore: leaf.maxScore!, explanation: '已按评分标准落实,佐证材料已上传' });
      expect(saved.assessment.selfScore).toBe(leaf.maxScore);
    }
    a = await street.caller.demonstration.applications.get({ id: jiuqu });
    expect(a.progress).toMatchObject({ completed: 30, total: 30, percent: 100, maxScore: 100 });
    expect(a.allowed.events).toEqual(['submit']);
    const submitted = await street.caller.demonstration.applications.transition({ id: jiuqu, version: a.version, event: 'submit' });
    expect(submitted.status).toBe('submitted');
    expect(submitted.submittedAt).not.toBeNull();

    // The county reviews: it starts from the self scores and takes half a point off one indicator.
    const started = await hedong.demonstration.applications.transition({ id: jiuqu, version: submitted.version, event: 'startReview' });
    let reviewing = await hedong.demonstration.applications.get({ id: jiuqu });
    expect(reviewing.progress.reviewed).toBe(30);
    const first = leavesOf(reviewing.tree as Tree)[0]!;
    await hedong.demonstration.applications.review({ applicationId: jiuqu, indicatorId: first.id, version: first.extra.assessment!.version, reviewedScore: first.maxScore! - 0.5, comment: '述法报告缺少一季度记录' });
    reviewing = await hedong.demonstration.applications.get({ id: jiuqu });
    expect(reviewing.progress.reviewedScore).toBe(reviewing.progress.selfScore - 0.5);
    const toEvaluation = await hedong.demonstration.applications.transition({ id: jiuqu, version: started.version, event: 'completeReview', note: '初审通过,报市评估' });
    expect(toEvaluation.status).toBe('evaluation');
    // The county may not name; the city does, once it has the survey's score.
    expect(await outcome(hedong.demonstration.applications.transition({ id: jiuqu, version: toEvaluation.version, event: 'name' }))).toBe('FORBIDDEN');
    expect(await failure(linyi.demonstration.applications.transition({ id: jiuqu, version: toEvaluation.version, event: 'name' }))).toEqual({ code: 'BAD_REQUEST', message: '请先录入群众满意度测评得分' });
    const evaluated = await linyi.demonstration.applications.evaluate({ id: jiuqu, version: toEvaluation.version, satisfactionScore: 91.5, comment: '群众满意度较高' });
    expect(evaluated.result.passes).toBe(true);
    const named = await linyi.demonstration.applications.transition({ id: jiuqu, version: evaluated.version, event: 'name', note: '同意命名' });
    expect(named.status).toBe('named');

    const boardAfter = await hedong.demonstration.campaigns.board({ id: campaignId });
    expect(boardAfter.summary.named).toMatchObject({ count: 3, total: 11, text: '3 / 11 = 27%,目标 2/3 ✗' });
    expect(boardAfter.rows.find((r) => r.jurisdictionId === 371312001)).toMatchObject({ status: 'named', completed: 30, passes: true, selfScore: 96.5, reviewedScore: 96 });
    const seen = await street.caller.demonstration.applications.get({ id: jiuqu });
    expect(seen.timeline.filter((e) => ['submit', 'startReview', 'completeReview', 'evaluate', 'name'].includes(e.event)).map((e) => e.event)).toEqual(['submit', 'startReview', 'completeReview', 'evaluate', 'name']);
    expect(seen.result).toMatchObject({ passes: true, vetoed: false });
  });
});

describe('who sees what of the campaign', () => {
  it('a township never sees another township’s application, neither alone nor in a list or board', async () => {
    const xiangong = (await as('xiangong')).caller;
    expect(await outcome(xiangong.demonstration.applications.get({ id: jiuqu }))).toBe('NOT_FOUND');
    const own = await xiangong.demonstration.applications.list({});
    expect(own.items.map((i) => i.jurisdictionName)).toEqual(['相公街道']);
    const board = await xiangong.demonstration.campaigns.board({ id: campaignId });
    expect(board.node.name).toBe('相公街道');
    expect(board.rows.map((r) => r.jurisdictionId)).toEqual([371312004]);
    expect(await outcome(xiangong.demonstration.campaigns.board({ id: campaignId, jurisdictionId: 371312 }))).toBe('NOT_FOUND');
  });

  it('the city sees every participant; each county only its own townships and its own share', async () => {
    const city = await (await as('linyi')).caller.demonstration.campaigns.board({ id: campaignId });
    expect(city.node.name).toBe('临沂市');
    expect(city.rows).toHaveLength(22);
    const lanshan = await (await as('lanshan')).caller.demonstration.campaigns.board({ id: campaignId });
    expect(lanshan.rows).toHaveLength(11);
    expect(lanshan.rows.every((r) => String(r.jurisdictionId).startsWith('371302'))).toBe(true);
    expect(lanshan.summary.named).toMatchObject({ count: 0, total: 11, meetsTarget: false });
    expect(await outcome((await as('lanshan')).caller.demonstration.applications.get({ id: jiuqu }))).toBe('NOT_FOUND');
  });

  it('lists the campaign for each level that takes part, with that level’s share', async () => {
    const forStreet = await (await as('street')).caller.demonstration.campaigns.list({});
    expect(forStreet.map((c) => [c.ownerName, c.participants])).toEqual([['临沂市', 1]]);
    const forCounty = await (await as('hedong')).caller.demonstration.campaigns.list({});
    expect(forCounty.find((c) => c.id === campaignId)).toMatchObject({ participants: 11, target: { numerator: 2, denominator: 3 } });
    const got = await (await as('street')).caller.demonstration.campaigns.get({ id: campaignId });
    expect(got).toMatchObject({ ownerName: '临沂市', myApplication: { id: jiuqu }, allowed: { update: false }, system: { name: '临沂市法治镇街创建指标体系', satisfactionPct: 15 } });
  });

  it('audits every step', async () => {
    const rows = await env.db.selectFrom('audit_log').select('action').where('subject_type', 'in', ['Application', 'ApplicationFile']).where('subject_id', 'in', [String(jiuqu)]).execute();
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['application.assess', 'application.submit', 'application.startReview', 'application.review', 'application.completeReview', 'application.evaluate', 'application.name']));
    expect(await auditCount(env.db)).toBeGreaterThan(rows.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { METRIC_MESSAGES } from '@fz/domain';
import { buildApp } from '../src/app.js';
import { cleanOrphans } from '../src/jobs/orphans.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { countRows } from './plan-helpers.js';
import { PDF, TODAY, failure, multipart, sessions } from './rect-helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
const as = sessions(() => services);

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await env.close();
});

/** 临沂市 asks its townships for one more mediation figure, published (the demo has LY-01…03). */
async function cityRate(code: string, target = '95') {
  const linyi = (await as('linyi')).caller;
  const draft = await linyi.metrics.create({
    jurisdictionId: 3713,
    code,
    name: '人民调解协议履行率',
    kind: 'rate',
    direction: 'higher',
    target: { op: '>=', value: target },
    reportingLevels: ['township'],
    numeratorLabel: '已履行协议数',
    denominatorLabel: '调解协议数',
  });
  return linyi.metrics.publish({ id: draft.id, version: draft.version });
}

describe('rolling figures up the tree', () => {
  it('sums a rate’s numerators and denominators: 9/10 and 1/1 make 90.9% for the county, missing ≥95%, where averaging the rates would say 95%', async () => {
    const metric = await cityRate('LY-T1');
    await (await as('street')).caller.metrics.report({ metricId: metric.id, jurisdictionId: 371312001, period: '2025', numerator: 9, denominator: 10, note: '依据街道调解台账' });
    await (await as('xiangong')).caller.metrics.report({ metricId: metric.id, jurisdictionId: 371312004, period: '2025', numerator: '1', denominator: '1' });

    const county = await (await as('hedong')).caller.metrics.table({ jurisdictionId: 371312, period: '2025' });
    const row = county.rows.find((r) => r.metric.id === metric.id)!;
    expect(row).toMatchObject({ source: 'rollup', sourceLevel: 'township', value: { numerator: '10', denominator: '11', text: '90.9%' }, hit: false, coverage: { reported: 2, expected: 11 } });
    // What averaging the streets' rates would have said: 95%, meeting the target.
    const reported = row.children.flatMap((c) => (c.value?.value == null ? [] : [c.value.value]));
    expect(reported.reduce((a, v) => a + v, 0) / reported.length).toBe(95);
    const children = Object.fromEntries(row.children.map((c) => [c.jurisdictionId, c.value?.text ?? null]));
    expect(children).toMatchObject({ 371312001: '90%', 371312004: '100%', 371312005: null });

    // The city sums the same townships' reports (its counties are not a reporting level of this metric).
    const city = await (await as('linyi')).caller.metrics.table({ jurisdictionId: 3713, period: '2025' });
    const cityRow = city.rows.find((r) => r.metric.id === metric.id)!;
    expect(cityRow).toMatchObject({ value: { text: '90.9%' }, hit: false });
    expect(cityRow.children.find((c) => c.jurisdictionId === 371312)?.value?.text).toBe('90.9%');
    expect(cityRow.children.find((c) => c.jurisdictionId === 371302)?.value).toBeNull();
  });

  it('gives a county its own report and the change on the year, and hides a sibling’s figures', async () => {
    const hedong = await (await as('hedong')).caller.metrics.table({ jurisdictionId: 371312, period: '2025', withChildren: false });
    const attended = hedong.rows.find((r) => r.metric.code === 'SD-05')!;
    expect(attended).toMatchObject({ source: 'own', value: { text: '96.7%' }, hit: false, previous: { text: '70%' }, yoy: { text: '较上年提高26.7个百分点', better: true } });
    expect(attended.own).toMatchObject({ version: 0 });
    expect(attended.canReport).toBe(true);
    expect(hedong.rows.find((r) => r.metric.code === 'SD-03')?.yoy?.text).toBe('同比增长266.7%');
    expect(await failure((await as('lanshan')).caller.metrics.table({ jurisdictionId: 371312, period: '2025' }))).toMatchObject({ code: 'NOT_FOUND' });
    const street = (await as('street')).caller;
    expect(await failure(street.metrics.getValue({ id: attended.own!.valueId }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('reporting a figure', () => {
  it('refuses what the metric does not ask for, and keeps changes in order', async () => {
    const metric = await cityRate('LY-T2');
    const street = (await as('street')).caller;
    const report = (over: Partial<Parameters<typeof street.metrics.report>[0]>) => street.metrics.report({ metricId: metric.id, jurisdictionId: 371312001, period: '2025', numerator: 5, denominator: 8, ...over });
    expect(await failure(report({ period: '2027' }))).toMatchObject({ code: 'BAD_REQUEST', message: METRIC_MESSAGES.futurePeriod });
    expect(await failure(report({ period: '2025-Q1' }))).toMatchObject({ code: 'BAD_REQUEST', message: METRIC_MESSAGES.badPeriod });
    expect(await failure(report({ numerator: 9 }))).toMatchObject({ code: 'BAD_REQUEST', message: METRIC_MESSAGES.rateAboveDenominator });
    expect(await failure(report({ denominator: null }))).toMatchObject({ code: 'BAD_REQUEST', message: METRIC_MESSAGES.denominatorRequired });
    expect(await failure(report({ numerator: 0.1 + 0.2 }))).toMatchObject({ code: 'BAD_REQUEST' });
    const hedong = (await as('hedong')).caller;
    expect(await failure(hedong.metrics.report({ metricId: metric.id, jurisdictionId: 371312, period: '2025', numerator: 1, denominator: 1 }))).toMatchObject({ code: 'BAD_REQUEST', message: METRIC_MESSAGES.levelNotReporting });
    expect(await failure(hedong.metrics.report({ metricId: metric.id, jurisdictionId: 371312001, period: '2025', numerator: 1, denominator: 1 }))).toMatchObject({ code: 'FORBIDDEN' });

    const first = await report({});
    expect(first).toMatchObject({ numerator: '5', denominator: '8', figure: { text: '62.5%' }, hit: false, version: 0 });
    const audits = await countRows(env.db, 'audit_log', 'action', 'metric.report.update');
    expect(await report({})).toMatchObject({ version: 0 });
    expect(await failure(report({ numerator: 6 }))).toMatchObject({ code: 'CONFLICT' });
    expect(await report({ numerator: 6, version: 0, note: '补录1件' })).toMatchObject({ numerator: '6', version: 1, note: '补录1件' });
    expect(await countRows(env.db, 'audit_log', 'action', 'metric.report.update')).toBe(audits + 1);
  });

  it('keeps a published metric’s meaning but lets its owner rename it and move its target', async () => {
    const metric = await cityRate('LY-T3');
    const linyi = (await as('linyi')).caller;
    const fields = { code: 'LY-T3', name: '人民调解协议履行率', kind: 'rate' as const, reportingLevels: ['township' as const], numeratorLabel: '已履行协议数', denominatorLabel: '调解协议数' };
    expect(await failure(linyi.metrics.update({ ...fields, id: metric.id, version: metric.version, kind: 'average', unit: '件' }))).toMatchObject({ code: 'BAD_REQUEST', message: METRIC_MESSAGES.frozen });
    const moved = await linyi.metrics.update({ ...fields, id: metric.id, version: metric.version, name: '调解协议履行率', target: { op: '>=', value: 98 } });
    expect([moved.name, moved.targetText, moved.version]).toEqual(['调解协议履行率', '≥98%', metric.version + 1]);
    expect(await failure(linyi.metrics.create({ ...fields, jurisdictionId: 3713, name: '另一个指标' }))).toMatchObject({ code: 'BAD_REQUEST', message: METRIC_MESSAGES.duplicateCode });
    // 河东区 reads the city's published metric; 兰山区's street would too, but not a draft.
    const list = await (await as('street')).caller.metrics.list({ scope: 'applicable' });
    expect(list.items.map((m) => m.code)).toEqual(expect.arrayContaining(['LY-01', 'LY-02', 'LY-T3']));
    expect(list.items.every((m) => m.reportsHere)).toBe(true);
  });

  it('takes evidence files from the reporting jurisdiction only, and the clean-up keeps them', async () => {
    const metric = await cityRate('LY-T4');
    const value = await (await as('street')).caller.metrics.report({ metricId: metric.id, jurisdictionId: 371312001, period: '2025', numerator: 3, denominator: 4 });
    const upload = async (username: string, headers: Record<string, string> = { 'x-fz-csrf': '1' }) => {
      const body = multipart('调解协议履行台账.pdf', PDF);
      return app.inject({ method: 'POST', url: `/api/metric-values/${value.id}/files`, payload: body.payload, headers: { 'content-type': body.contentType, cookie: `fz_sid=${(await as(username)).token}`, ...headers } });
    };
    const first = await upload('street');
    expect([first.statusCode, first.json().duplicate]).toEqual([201, false]);
    expect((await upload('street')).statusCode).toBe(200);
    expect((await upload('street', {})).statusCode).toBe(403);
    expect((await upload('hedong')).statusCode).toBe(403);
    expect((await upload('xiangong')).statusCode).toBe(404);
    expect((await (await as('hedong')).caller.metrics.getValue({ id: value.id })).files.map((f) => f.name)).toEqual(['调解协议履行台账.pdf']);
    const url = `/api/metric-value-files/${first.json().id}`;
    const get = async (username: string) => app.inject({ method: 'GET', url, headers: { cookie: `fz_sid=${(await as(username)).token}` } });
    const download = await get('linyi');
    expect([download.statusCode, download.rawPayload.equals(PDF)]).toEqual([200, true]);
    expect((await get('lanshan')).statusCode).toBe(404);
    expect(await cleanOrphans(env.db, services.storage, { olderThanMs: 0, now: new Date(Date.now() + 1000) })).toMatchObject({ deleted: 0 });
    expect((await get('street')).statusCode).toBe(200);
  });
});

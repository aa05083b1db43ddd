import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { createMongoAbility } from '@casl/ability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITIONS, addDays } from '@fz/domain';
import type { AppAbility } from '@fz/domain';
import { rollupDifferences } from '@fz/db';
import type { Services } from '../src/trpc/context.js';
import { sweepOverdue } from '../src/jobs/overdue-sweep.js';
import { demoDatabase, servicesFor } from './helpers.js';
import type { Caller } from './helpers.js';
import { ALLOW_ALL_RULES } from './matrix.js';
import { sessions } from './rect-helpers.js';

/**
 * The rollups' invariant: after any sequence of item creations, lifecycle events, edits,
 * delegations, light-rule changes and overdue sweeps on any day, every rollup row equals its
 * recomputation from the base rows, for every node. Each layer of authorization is out of the
 * way (an allow-all ability; RLS still scopes the province's session) so every command the
 * lifecycle accepts can happen; commands it refuses change nothing and are skipped.
 */

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let today = '2026-06-15';
const login = sessions(() => services);
let province: Caller;
const inspections: Array<{ id: number; targets: number[] }> = [];
const townships = new Map<number, number[]>();
const items: number[] = [];

beforeAll(async () => {
  env = await demoDatabase();
  const allowAll = () => createMongoAbility(ALLOW_ALL_RULES) as unknown as AppAbility;
  services = servicesFor(env.db, { today: () => today, abilityFor: allowAll });
  province = (await login('province')).caller;
  const linyi = (await login('linyi')).caller;
  const period = { periodStart: '2026-01-01', periodEnd: '2026-01-10' };
  for (const [caller, type, targets] of [
    [province, 'rule_of_law', [371312, 371302]],
    [linyi, 'special', [371312]],
  ] as const) {
    inspections.push({ id: (await caller.inspections.create({ type, title: `性质测试${type}`, ...period, targetIds: [...targets] })).id, targets: [...targets] });
  }
  for (const county of [371312, 371302]) {
    const rows = await env.db.selectFrom('jurisdictions').select('id').where('parent_id', '=', county).orderBy('id').limit(3).execute();
    townships.set(county, rows.map((r) => r.id));
  }
});
afterAll(() => env.close());

type Command =
  | { kind: 'create'; inspection: number; target: number; deadline: number }
  | { kind: 'event'; item: number; event: number; days: number }
  | { kind: 'measures' | 'evidence'; item: number }
  | { kind: 'flag'; item: number; on: boolean }
  | { kind: 'delegate'; item: number; township: number }
  | { kind: 'rule'; jurisdiction: 37 | 3713; days: number }
  | { kind: 'sweep'; days: number }
  | { kind: 'tick'; days: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), inspection: fc.nat(1), target: fc.nat(1), deadline: fc.integer({ min: -20, max: 60 }) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('event' as const), item: fc.nat(), event: fc.nat(), days: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('measures' as const, 'evidence' as const), item: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flag' as const), item: fc.nat(), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delegate' as const), item: fc.nat(), township: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rule' as const), jurisdiction: fc.constantFrom(37 as const, 3713 as const), days: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const), days: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), days: fc.integer({ min: 0, max: 30 }) }) },
);

const REFUSED = new Set(['BAD_REQUEST', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND']);

/** One of the last few items created, so a run takes some of them deep into their lifecycle. */
async function current(itemIndex: number) {
  const id = items[items.length - 1 - (itemIndex % Math.min(items.length, 3))]!;
  return env.db.selectFrom('rectification_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

let numbers = 0;
async function run(c: Command): Promise<void> {
  if (c.kind === 'tick') today = addDays(today, c.days);
  else if (c.kind === 'sweep') await sweepOverdue(env.db, (today = addDays(today, c.days)));
  else if (c.kind === 'rule') await province.lightRules.set({ jurisdictionId: c.jurisdiction, yellowWithinDays: c.days }).catch(() => undefined);
  else if (c.kind === 'create') {
    const ins = inspections[c.inspection % inspections.length]!;
    const input = { inspectionId: ins.id, targetId: ins.targets[c.target % ins.targets.length]!, number: `P-${++numbers}`, problem: '性质测试问题', category: 'enforcement' as const, requirement: '限期整改', deadline: addDays(today, c.deadline) };
    items.push((await province.items.create(input)).id);
  } else if (items.length > 0) {
    const item = await current(c.item);
    const ref = { id: item.id, version: item.version };
    if (c.kind === 'event') {
      // One of the events the item's status allows; its other requirements may still refuse it.
      const allowed = TRANSITIONS.filter((t) => t.from.includes(item.status));
      const event = allowed[c.event % allowed.length]!.event;
      // What a closure request needs besides the status, so closures happen often enough.
      if (event === 'requestClosure') {
        await attachEvidence(item);
        ref.version = (await province.items.setMeasures({ ...ref, measures: '建立台账,限期整改' })).version;
      }
      const payload = { reason: '性质测试理由', note: '性质测试进展', situation: '已整改', newDeadline: addDays(item.deadline, c.days) };
      await province.items.transition({ ...ref, event, ...payload });
    } else if (c.kind === 'measures') await province.items.setMeasures({ ...ref, measures: '建立台账,限期整改' });
    else if (c.kind === 'flag') await province.items.flag({ ...ref, flagged: c.on, reason: '整改滞后' });
    else if (c.kind === 'delegate') {
      const choices = townships.get(item.jurisdiction_id) ?? [];
      if (choices.length > 0) await province.items.delegate({ ...ref, townshipId: choices[c.township % choices.length]! });
    } else await attachEvidence(item);
  }
}

/** An evidence row, as the upload route would leave it (the file itself does not matter here). */
async function attachEvidence(item: Awaited<ReturnType<typeof current>>): Promise<void> {
  const sha = createHash('sha256').update(`${item.id}:${++numbers}`).digest('hex');
  const { jurisdiction_id, province_id, city_id, county_id, township_id } = item;
  await env.db
    .insertInto('attachments')
    .values({ item_id: item.id, jurisdiction_id, province_id, city_id, county_id, township_id, sha256: sha, size_bytes: 10, mime: 'application/pdf', original_name: '佐证.pdf', storage_key: `sha256/${sha}` })
    .execute();
}

describe('rollups', () => {
  it('equal their recomputation from base rows after any sequence of writes, for every node', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40, size: 'max' }), async (commands) => {
        for (const c of commands) {
          await run(c).catch((e: unknown) => {
            const code = (e as { code?: string }).code;
            if (!code || !REFUSED.has(code)) throw e;
          });
        }
        expect(await rollupDifferences(env.db)).toEqual([]);
      }),
      // A fixed seed: the same sequences every run, so the coverage checks below cannot flake.
      { numRuns: 40, seed: 20261125 },
    );
    // The runs did reach the interesting states, so the property was not vacuous.
    const statuses = await env.db.selectFrom('rectification_items').select(['status', 'overdue_since', 'township_id', 'flagged']).where('problem', '=', '性质测试问题').execute();
    expect(new Set(statuses.map((s) => s.status)).size).toBeGreaterThanOrEqual(5);
    expect(statuses.some((s) => s.status === 'closed')).toBe(true);
    expect(statuses.some((s) => s.overdue_since !== null)).toBe(true);
    expect(statuses.some((s) => s.township_id !== null)).toBe(true);
  });
});

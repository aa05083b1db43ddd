import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMongoAbility } from '@casl/ability';
import { defineAbilityFor } from '@fz/domain';
import type { AppAbility } from '@fz/domain';
import { withSystem } from '@fz/db';
import { appRouter } from '../src/router.js';
import type { Meta } from '../src/trpc/meta.js';
import type { Services } from '../src/trpc/context.js';
import { loadPrincipal } from '../src/modules/auth/session.js';
import { callerFor, demoDatabase, fakeRequest, loginAs, outcome, servicesFor } from './helpers.js';
import { ALLOW_ALL_RULES, MATRIX, makeTarget } from './matrix.js';
import { heldQueue } from './onboarding-fixture.js';

type Relation = 'own' | 'subtree' | 'sibling' | 'ancestor';
/** Each demo user and the jurisdictions around it. */
const CALLERS: Record<string, Partial<Record<Relation, string>>> = {
  province: { own: '37', subtree: '371312', sibling: '11' },
  leader: { own: '37', subtree: '371312001', sibling: '110101' },
  linyi: { own: '3713', subtree: '371312', sibling: '3701', ancestor: '37' },
  hedong: { own: '371312', subtree: '371312001', sibling: '371302', ancestor: '3713' },
  'hedong-sfj': { own: '371312', subtree: '371312004', sibling: '371302', ancestor: '3713' },
  street: { own: '371312001', sibling: '371312004', ancestor: '371312' },
};

let env: Awaited<ReturnType<typeof demoDatabase>>;
beforeAll(async () => {
  env = await demoDatabase();
});
afterAll(() => env.close());

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>;

describe('authorization coverage', () => {
  it('every procedure declares its authorization', () => {
    const missing = Object.entries(procedures).filter(([, p]) => !p._def.meta?.authz).map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('every procedure that needs a permission has matrix cases', () => {
    const needing = Object.entries(procedures)
      .filter(([, p]) => typeof p._def.meta?.authz === 'object')
      .map(([path]) => path)
      .sort();
    expect(needing.filter((p) => !(p in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((p) => !(p in procedures))).toEqual([]);
  });

  it('session-only procedures refuse anonymous callers', async () => {
    const anon = callerFor(servicesFor(env.db));
    expect(await outcome(anon.auth.me())).toBe('UNAUTHORIZED');
    expect(await outcome(anon.auth.logout())).toBe('UNAUTHORIZED');
    expect(await outcome(anon.auth.changePassword({ oldPassword: 'Demo@2026', newPassword: 'Other@2026x' }))).toBe('UNAUTHORIZED');
    for (const path of Object.keys(MATRIX)) expect(procedures[path]?._def.meta?.authz).not.toBe('public');
  });
});

/**
 * Runs every matrix case for every demo user and relation. `layer` picks what protects:
 * both layers (the product), CASL alone (RLS bypassed), or RLS alone (an allow-all ability).
 */
/** Per procedure, whether calls reached their target: both outcomes must occur. */
const observed = new Map<string, Set<boolean>>();
const sessions = new Map<string, { token: string; ability: AppAbility }>();

/** Logs in once per demo user; the same session serves every layer's services. */
async function sessionOf(username: string) {
  let s = sessions.get(username);
  if (!s) {
    const { caller, token } = await loginAs(servicesFor(env.db), username);
    const me = await caller.auth.me();
    s = { token, ability: defineAbilityFor((await loadPrincipal(env.db, me.user.id))!) };
    sessions.set(username, s);
  }
  return s;
}

/**
 * Runs every matrix case for every demo user and relation. `layer` picks what protects:
 * both layers (the product), CASL alone (RLS bypassed), or RLS alone (an allow-all ability).
 */
function runMatrix(layer: 'both' | 'casl-only' | 'rls-only') {
  describe(`authorization matrix (${layer})`, () => {
    for (const [username, relations] of Object.entries(CALLERS)) {
      for (const [relation, code] of Object.entries(relations) as Array<[Relation, string]>) {
        for (const [path, c] of Object.entries(MATRIX)) {
          it(`${username} → ${relation} (${code}) → ${path}`, async () => {
            // A queue that only records: background exports are filed, their jobs are not run here.
            const overrides: Partial<Services> = { queue: heldQueue() };
            if (layer === 'casl-only') overrides.runScoped = overrides.runScopedRead = (_scope, fn) => withSystem(env.db, fn);
            if (layer === 'rls-only') overrides.abilityFor = () => createMongoAbility(ALLOW_ALL_RULES) as unknown as AppAbility;
            const { token, ability } = await sessionOf(username);
            const caller = callerFor(servicesFor(env.db, overrides), fakeRequest(token));
            const target = await makeTarget(env.db, code);
            let result = 'OK';
            let got = false;
            try {
              got = await c.run(caller, target);
            } catch (e) {
              result = (e as { code?: string }).code ?? `THREW ${String(e)}`;
            }
            if (result !== 'OK') expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result);
            const reached = result === 'OK' && got;
            const otherTenant = relation === 'sibling' || relation === 'ancestor';
            if (layer === 'rls-only') {
              // With an allow-all ability, RLS alone must still keep other tenants out.
              if (otherTenant) expect(reached).toBe(false);
              return;
            }
            const expected = c.expected(ability, target);
            const seen = observed.get(path) ?? new Set<boolean>();
            observed.set(path, seen.add(reached));
            if (otherTenant) expect(expected).toBe(false);
            expect(reached).toBe(expected);
          });
        }
      }
    }
  });
}

runMatrix('both');
runMatrix('casl-only');
runMatrix('rls-only');

describe('matrix sanity', () => {
  it('every procedure was both allowed and denied somewhere, so no case is vacuous', () => {
    for (const path of Object.keys(MATRIX)) expect([path, [...(observed.get(path) ?? [])].sort()]).toEqual([path, [false, true]]);
  });
});

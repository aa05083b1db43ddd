import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@fz/db';
import { buildApp } from '../src/app.js';
import { appRouter } from '../src/router.js';
import { demoDatabase, servicesFor } from './helpers.js';

/**
 * Every procedure, fed random, invalid, oversized and hostile input through HTTP as a signed-in
 * county office (admin + supervisor, so most calls get past authorization into the code): the
 * answer is never a 5xx, a failure always carries a message and never a stack or SQL text, and a
 * refused mutation leaves every table exactly as it was.
 */

let env: Awaited<ReturnType<typeof demoDatabase>>;
let app: FastifyInstance;
let cookie = '';

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] };
}
const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
/** Ending the session would sign the rest of the run out; it takes no input anyway. */
const SKIPPED = new Set(['auth.logout']);

const HOSTILE_TEXT = [
  "'; drop table rectification_items; --",
  "371312' OR '1'='1",
  '*.{1,}',
  '37.*|!371312',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u0000\u0001\u0007\u001b[31m\u007f',
  '😀🇨🇳👨‍👩‍👧'.repeat(40),
  '${jndi:ldap://x/a}',
  '%00%2e%2e%2f',
  '\\x27 union select password_hash from users --',
  '   ',
  '',
  'null',
  '2147483648',
  '-1',
  '2026-02-30',
  '9999-99-99',
];
const NUMBERS = [-1, 0, 0.5, -0, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, 371312, 37];

const hostileScalar = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.constant('长'.repeat(60_000)),
  fc.constantFrom(...NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const hostileValue = fc.oneof({ weight: 6, arbitrary: hostileScalar }, { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 3 }) });

/** The top-level keys of a procedure's zod input, so most inputs reach past "not an object". */
function inputKeys(p: ProcedureDef): string[] {
  const schema = p._def.inputs[0];
  if (typeof schema !== 'object' || schema === null || !('shape' in schema)) return [];
  const shape = (schema as { shape: unknown }).shape;
  return typeof shape === 'object' && shape !== null ? Object.keys(shape) : [];
}

function inputFor(p: ProcedureDef): fc.Arbitrary<unknown> {
  const keys = inputKeys(p);
  const shaped = keys.length ? [fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] }), fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: keys.length })] : [];
  return fc.oneof(...shaped, fc.anything({ maxDepth: 2 }), hostileScalar);
}

/** Every row of every table that requests do not touch by themselves (sessions note their last use). */
async function fingerprint(db: Db): Promise<string> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions', 'login_failures')
    order by 1`.execute(db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const r = await sql<{ f: string }>`select count(*)::text || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0)::text as f from ${sql.table(name)} t`.execute(db);
    parts.push(`${name}=${r.rows[0]?.f}`);
  }
  return parts.join(' ');
}

/** The message a failed answer carries: a tRPC error's, or a plain HTTP error's. */
function messageOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { error?: { message?: unknown; json?: { message?: unknown } }; message?: unknown };
  return b.error?.json?.message ?? b.error?.message ?? b.message;
}

const LEAKS = /\bselect\b.*\bfrom\b|\binsert into\b|syntax error|violates|relation "|column "|\bat .*\.(ts|js):\d+|node_modules|stack/i;

async function call(path: string, type: 'query' | 'mutation', input: unknown) {
  const json = input === undefined ? '' : JSON.stringify(input);
  return type === 'query'
    ? app.inject({ method: 'GET', url: `/trpc/${path}${json ? `?input=${encodeURIComponent(json)}` : ''}`, headers: { cookie } })
    : app.inject({ method: 'POST', url: `/trpc/${path}`, headers: { cookie, 'content-type': 'application/json', 'x-fz-csrf': '1' }, payload: json || '{}' });
}

beforeAll(async () => {
  env = await demoDatabase();
  app = await buildApp({ services: servicesFor(env.db), ping: async () => true, webDist: null, logLevel: 'silent' });
  const res = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: { 'content-type': 'application/json', 'x-fz-csrf': '1' }, payload: { username: 'hedong', password: 'Demo@2026' } });
  cookie = `fz_sid=${res.cookies.find((c) => c.name === 'fz_sid')?.value ?? ''}`;
});
afterAll(async () => {
  await app.close();
  await env.close();
});

const stats = { calls: 0, refused: 0, refusedMutations: 0 };

describe('hostile input', () => {
  it('the session is a real one (the run is not all 401s)', async () => {
    const me = await call('auth.me', 'query', undefined);
    expect(me.statusCode).toBe(200);
  });

  for (const [path, p] of Object.entries(procedures)) {
    if (SKIPPED.has(path) || p._def.type === 'subscription') continue;
    const type = p._def.type;
    it(`${path} answers hostile input with a 4xx and a message, and a refused ${type} changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(inputFor(p), async (input) => {
          const before = type === 'mutation' ? await fingerprint(env.db) : '';
          const res = await call(path, type, input);
          stats.calls++;
          expect(res.statusCode, `${path} ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode < 400) return;
          stats.refused++;
          let body: unknown;
          try {
            body = JSON.parse(res.body);
          } catch {
            body = undefined;
          }
          const message = messageOf(body);
          expect(typeof message === 'string' && message.length > 0, `${path} answered ${res.statusCode} without a message: ${res.body.slice(0, 200)}`).toBe(true);
          expect(res.body).not.toMatch(LEAKS);
          if (type === 'mutation') {
            stats.refusedMutations++;
            expect(await fingerprint(env.db), `${path} wrote something although refused`).toBe(before);
          }
        }),
        { numRuns: type === 'mutation' ? 12 : 20 },
      );
    });
  }

  it('tried every procedure with many inputs and refused most of them', () => {
    expect(stats.calls).toBeGreaterThan(200);
    expect(stats.refused / stats.calls).toBeGreaterThan(0.5);
    expect(stats.refusedMutations).toBeGreaterThan(50);
  });
});

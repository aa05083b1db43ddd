import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '@fz/domain';
import type { Database } from './schema.js';
import { withJobs, withScope } from './scope.js';
import { ancestorsOf, createPgliteTestDb, createTestDatabase, insertFixtureTree } from './testing/index.js';

const CODES = ['37', '3713', '371312', '371302'];

/** 河东区 (371312) and 兰山区 (371302) each uploaded a file; 河东区's succeeded and left its passwords for its uploader. */
async function fixture(db: Kysely<Database>) {
  await insertFixtureTree(db, CODES);
  const user = async (code: string, username: string) => {
    const unit = await db.selectFrom('units').select('id').where('jurisdiction_id', '=', Number(code)).executeTakeFirstOrThrow();
    return (
      await db
        .insertInto('users')
        .values({ username, display_name: username, unit_id: unit.id, jurisdiction_id: Number(code), ...ancestorsOf(code), password_hash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const hedongAdmin = await user('371312', 'hd-admin');
  const hedongOther = await user('371312', 'hd-other');
  const lanshanAdmin = await user('371302', 'ls-admin');
  const upload = async (code: string, by: number, status: 'succeeded' | 'queued') =>
    (
      await db
        .insertInto('onboarding_imports')
        .values({ jurisdiction_id: Number(code), ...ancestorsOf(code), uploaded_by: by, uploaded_by_name: 'x', file_name: 'a.xlsx', sha256: 'a'.repeat(64), size_bytes: 10, file_data: null, status, finished_at: status === 'succeeded' ? new Date() : null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const hedong = await upload('371312', hedongAdmin, 'succeeded');
  const lanshan = await upload('371302', lanshanAdmin, 'queued');
  await db
    .insertInto('onboarding_credentials')
    .values({ import_id: hedong, jurisdiction_id: 371312, ...ancestorsOf('371312'), uploaded_by: hedongAdmin, credentials: JSON.stringify([{ username: 'u1', displayName: 'U', jurisdiction: 'x', unit: 'y', password: 'Secret#1' }]), expires_at: new Date(Date.now() - 1000) })
    .execute();
  return { hedongAdmin, hedongOther, lanshanAdmin, hedong, lanshan };
}

const scope = (userId: number, level: Level, code: string) => ({ userId, level, jurisdictionId: Number(code) });

function suite(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  describe(`onboarding tables under row-level security (${name})`, () => {
    let env: { db: Kysely<Database>; close(): Promise<void> };
    let f: Awaited<ReturnType<typeof fixture>>;
    beforeAll(async () => {
      env = await open();
      f = await fixture(env.db);
    });
    afterAll(() => env.close());

    const visible = (userId: number, level: Level, code: string) =>
      withScope(env.db, scope(userId, level, code), async (tx) => ({
        imports: (await sql<{ id: number }>`select id from onboarding_imports order by id`.execute(tx)).rows.map((r) => r.id),
        credentials: (await sql<{ id: number }>`select import_id as id from onboarding_credentials`.execute(tx)).rows.map((r) => r.id),
      }));

    it('a county reads its own imports only, and only the uploader its passwords', async () => {
      expect(await visible(f.hedongAdmin, 'county', '371312')).toEqual({ imports: [f.hedong], credentials: [f.hedong] });
      expect(await visible(f.hedongOther, 'county', '371312')).toEqual({ imports: [f.hedong], credentials: [] });
      expect(await visible(f.lanshanAdmin, 'county', '371302')).toEqual({ imports: [f.lanshan], credentials: [] });
    });

    it('the city reads both imports but not the passwords, not even with the uploader’s id in another scope', async () => {
      expect(await visible(f.lanshanAdmin, 'city', '3713')).toEqual({ imports: [f.hedong, f.lanshan], credentials: [] });
      expect(await visible(f.hedongAdmin, 'county', '371302')).toEqual({ imports: [f.lanshan], credentials: [] });
    });

    it('a sibling cannot file an import or passwords in another county', async () => {
      const s = scope(f.lanshanAdmin, 'county', '371302');
      const wrong = withScope(env.db, s, (tx) =>
        tx.insertInto('onboarding_imports').values({ jurisdiction_id: 371312, ...ancestorsOf('371312'), uploaded_by: f.lanshanAdmin, uploaded_by_name: 'x', file_name: 'b.xlsx', sha256: 'b'.repeat(64), size_bytes: 1, file_data: null }).execute(),
      );
      await expect(wrong).rejects.toThrow(/row-level security/);
    });

    it('one live import per file and jurisdiction; a failed one does not count', async () => {
      const again = env.db.insertInto('onboarding_imports').values({ jurisdiction_id: 371312, ...ancestorsOf('371312'), uploaded_by: f.hedongAdmin, uploaded_by_name: 'x', file_name: 'a.xlsx', sha256: 'a'.repeat(64), size_bytes: 10, file_data: null }).execute();
      await expect(again).rejects.toThrow(/duplicate key/);
      await env.db.insertInto('onboarding_imports').values({ jurisdiction_id: 371312, ...ancestorsOf('371312'), uploaded_by: f.hedongAdmin, uploaded_by_name: 'x', file_name: 'a.xlsx', sha256: 'a'.repeat(64), size_bytes: 10, file_data: null, status: 'failed', finished_at: new Date() }).execute();
    });

    it('tells a request which usernames are taken anywhere, and nothing more', async () => {
      const taken = await withScope(env.db, scope(f.lanshanAdmin, 'county', '371302'), async (tx) => (await sql<{ n: string }>`select usernames_taken(array[${sql.join(['hd-admin', 'ls-admin', 'nobody'])}]::text[]) as n`.execute(tx)).rows.map((r) => r.n).sort());
      expect(taken).toEqual(['hd-admin', 'ls-admin']);
    });

    it('a background export is its requester’s alone: not a colleague’s, not the city’s; the jobs role only deletes it', async () => {
      const exp = (
        await env.db
          .insertInto('ledger_exports')
          .values({ jurisdiction_id: 371312, ...ancestorsOf('371312'), requested_by: f.hedongAdmin, requested_by_name: 'x', request_key: '00000000-0000-4000-8000-000000000001', filter: '{}', total_rows: 0, expires_at: new Date(Date.now() - 1000) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const exportsOf = (userId: number, level: Level, code: string) => withScope(env.db, scope(userId, level, code), async (tx) => (await sql<{ id: number }>`select id from ledger_exports`.execute(tx)).rows.map((r) => r.id));
      expect(await exportsOf(f.hedongAdmin, 'county', '371312')).toEqual([exp]);
      expect(await exportsOf(f.hedongOther, 'county', '371312')).toEqual([]);
      expect(await exportsOf(f.lanshanAdmin, 'city', '3713')).toEqual([]);
      expect(await exportsOf(f.lanshanAdmin, 'county', '371302')).toEqual([]);
      // A colleague cannot file one under the requester's name.
      const forged = withScope(env.db, scope(f.hedongOther, 'county', '371312'), (tx) =>
        tx.insertInto('ledger_exports').values({ jurisdiction_id: 371312, ...ancestorsOf('371312'), requested_by: f.hedongAdmin, requested_by_name: 'x', request_key: '00000000-0000-4000-8000-000000000002', filter: '{}', total_rows: 0, expires_at: new Date() }).execute(),
      );
      await expect(forged).rejects.toThrow(/row-level security/);
      await expect(withJobs(env.db, (tx) => sql`select file_data from ledger_exports`.execute(tx))).rejects.toThrow(/permission denied/);
      const gone = await withJobs(env.db, (tx) => tx.deleteFrom('ledger_exports').where('expires_at', '<', new Date()).executeTakeFirst());
      expect(Number(gone.numDeletedRows)).toBe(1);
    });

    it('the jobs role deletes expired passwords and may not read them', async () => {
      await expect(withJobs(env.db, (tx) => sql`select credentials from onboarding_credentials`.execute(tx))).rejects.toThrow(/permission denied/);
      const gone = await withJobs(env.db, (tx) => tx.deleteFrom('onboarding_credentials').where('expires_at', '<', new Date()).executeTakeFirst());
      expect(Number(gone.numDeletedRows)).toBe(1);
    });
  });
}

suite('PostgreSQL', () => createTestDatabase());
suite('PGlite', () => createPgliteTestDb());

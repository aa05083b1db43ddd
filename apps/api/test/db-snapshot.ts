import { sql } from 'kysely';
import { createDb } from '@fz/db';
import type { Db } from '@fz/db';

/**
 * What a restore must reproduce, read as a superuser (RLS does not hide rows from it): every
 * table's row count and content hash, sequences, row-level security, policies, grants and
 * triggers. Two snapshots are compared with toEqual.
 */
export interface DbSnapshot {
  tables: Record<string, { rows: number; md5: string }>;
  sequences: Record<string, string>;
  rowSecurity: string[];
  policies: string[];
  grants: string[];
  triggers: string[];
}

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%'`;
const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function rowsOf<T>(db: Db, text: string): Promise<T[]> {
  return (await sql.raw<T>(text).execute(db)).rows;
}
const lines = async (db: Db, text: string) => (await rowsOf<{ line: string }>(db, text)).map((r) => r.line);

export async function snapshot(url: string): Promise<DbSnapshot> {
  const { db: c, close } = await createDb({ databaseUrl: url, poolMax: 1 });
  try {
    const tables = await rowsOf<{ schema: string; name: string }>(c, `
      select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and ${USER_SCHEMAS} order by 1, 2`);
    const content: DbSnapshot['tables'] = {};
    for (const t of tables) {
      const rel = `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
      // The whole row as text, ordered by that text: equal tables give equal hashes whatever their physical order.
      const rows = await rowsOf<{ n: number; md5: string | null }>(c, `select count(*)::int as n, md5(string_agg(t::text, E'\\n' order by t::text)) as md5 from ${rel} t`);
      content[`${t.schema}.${t.name}`] = { rows: rows[0]!.n, md5: rows[0]!.md5 ?? '' };
    }
    const sequences: DbSnapshot['sequences'] = {};
    for (const s of await rowsOf<{ name: string }>(c, `select schemaname || '.' || sequencename as name from pg_sequences where schemaname not in ('pg_catalog', 'information_schema') order by 1`)) {
      const [schema, name] = s.name.split('.') as [string, string];
      const rows = await rowsOf<{ v: string }>(c, `select last_value::text || ' ' || is_called::text as v from ${quoteIdent(schema)}.${quoteIdent(name)}`);
      sequences[s.name] = rows[0]!.v;
    }
    return {
      tables: content,
      sequences,
      rowSecurity: await lines(c, `
        select n.nspname || '.' || c.relname || ' enabled=' || c.relrowsecurity || ' forced=' || c.relforcerowsecurity as line
        from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relrowsecurity and ${USER_SCHEMAS} order by 1`),
      policies: await lines(c, `
        select concat_ws(' | ', schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check) as line from pg_policies order by 1`),
      // Table, sequence and view privileges, column privileges, function and schema privileges of every role.
      grants: await lines(c, `
        select * from (
          select n.nspname || '.' || c.relname || ' ' || a.grantee::regrole::text || ' ' || a.privilege_type as line
          from pg_class c join pg_namespace n on n.oid = c.relnamespace, aclexplode(c.relacl) a where ${USER_SCHEMAS}
          union all
          select n.nspname || '.' || c.relname || '.' || att.attname || ' ' || a.grantee::regrole::text || ' ' || a.privilege_type
          from pg_attribute att join pg_class c on c.oid = att.attrelid join pg_namespace n on n.oid = c.relnamespace, aclexplode(att.attacl) a where ${USER_SCHEMAS}
          union all
          select n.nspname || '.' || p.proname || ' ' || a.grantee::regrole::text || ' ' || a.privilege_type
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace, aclexplode(p.proacl) a where ${USER_SCHEMAS}
          union all
          select n.nspname || ' ' || a.grantee::regrole::text || ' ' || a.privilege_type from pg_namespace n, aclexplode(n.nspacl) a where ${USER_SCHEMAS}
        ) g order by 1`),
      triggers: await lines(c, `
        select n.nspname || '.' || c.relname || ' ' || t.tgname || ' ' || t.tgenabled::text as line
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where not t.tgisinternal and ${USER_SCHEMAS} order by 1`),
    };
  } finally {
    await close();
  }
}

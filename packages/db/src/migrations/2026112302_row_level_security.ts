import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Migrations are frozen history: they must not depend on today's schema types or app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const TENANT_TABLES = ['jurisdictions', 'units', 'users', 'role_memberships', 'audit_log'];

// `(select …)` makes each setting an InitPlan evaluated once per query, not once per row, and
// keeps the comparison a plain equality on an indexed column.
const setting = (level: string) => `(select nullif(current_setting('app.scope_${level}', true), '')::int)`;
const SCOPE = ['province', 'city', 'county', 'township'].map((l) => `${l}_id = ${setting(l)}`).join('\n   or ');

const statements = [
  // Many test databases in one cluster migrate at once and roles are cluster-wide, so a
  // concurrent creator may win; either error means the role exists.
  `do $$
begin
  -- An owner without CREATEROLE (production) finds the role made by a superuser beforehand.
  if not exists (select 1 from pg_roles where rolname = 'fz_app') then
    create role fz_app nologin nobypassrls;
  end if;
exception when duplicate_object or unique_violation then null;
end $$`,
  // A pre-existing role with these attributes would silently defeat RLS: refuse to continue.
  `do $$
begin
  if exists (select 1 from pg_roles where rolname = 'fz_app' and (rolsuper or rolbypassrls)) then
    raise exception 'role fz_app must not be SUPERUSER or BYPASSRLS';
  end if;
end $$`,
  // SET ROLE needs membership (superusers have it implicitly); a plain owner role gets it here.
  // PostgreSQL 16 split membership into SET/INHERIT options, and a CREATEROLE creator may hold
  // ADMIN without SET.
  `do $$
begin
  if current_setting('server_version_num')::int >= 160000 then
    if not pg_has_role(current_user, 'fz_app', 'SET') then
      execute format('grant fz_app to %I with set true', current_user);
    end if;
  elsif not pg_has_role(current_user, 'fz_app', 'MEMBER') then
    execute format('grant fz_app to %I', current_user);
  end if;
exception when unique_violation then null;
end $$`,

  `grant usage on schema public to fz_app`,
  `grant select, insert, update, delete on units, users, role_memberships to fz_app`,
  `grant select on jurisdictions to fz_app`,
  `grant select, insert on audit_log to fz_app`,
  `grant usage on sequence units_id_seq, users_id_seq, role_memberships_id_seq, audit_log_id_seq to fz_app`,
  // sessions and login_failures: no grants, only the owner (withSystem) touches them.

  ...TENANT_TABLES.flatMap((t) => [
    `alter table ${t} enable row level security`,
    `alter table ${t} force row level security`,
    `create policy ${t}_scope on ${t} for all to fz_app using (\n      ${SCOPE}\n) with check (\n      ${SCOPE}\n)`,
    // FORCE would also lock out a non-superuser owner (login, seeding, jobs run as the owner
    // through withSystem); this policy keeps it working. Superusers skip RLS anyway.
    `do $$ begin execute format('create policy ${t}_owner on ${t} for all to %I using (true) with check (true)', current_user); end $$`,
  ]),

  // Grants keep fz_app from rewriting history; this trigger stops the owner too (only
  // dropping the trigger or a superuser's session_replication_role = replica gets past it).
  `create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$`,
  `create trigger audit_log_append_only before update or delete or truncate on audit_log
  for each statement execute function audit_log_append_only()`,
];

export async function up(db: AnyDb): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

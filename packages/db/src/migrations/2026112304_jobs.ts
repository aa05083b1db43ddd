import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Migrations are frozen history: they must not depend on today's schema types or app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Tables the background jobs (overdue sweep, reminders, orphan clean-up) read or write across every tenant. */
const JOB_TABLES = ['rectification_items', 'light_rules', 'item_events', 'audit_log', 'notices', 'notice_receipts', 'attachments'];

const role = [
  // Roles are cluster-wide and test databases migrate concurrently: either error means it exists.
  `do $$
begin
  -- An owner without CREATEROLE (production) finds the role made by a superuser beforehand.
  if not exists (select 1 from pg_roles where rolname = 'fz_jobs') then
    create role fz_jobs nologin nobypassrls;
  end if;
exception when duplicate_object or unique_violation then null;
end $$`,
  `do $$
begin
  if exists (select 1 from pg_roles where rolname = 'fz_jobs' and (rolsuper or rolbypassrls)) then
    raise exception 'role fz_jobs must not be SUPERUSER or BYPASSRLS';
  end if;
end $$`,
  // The connecting (owner) role must be able to SET ROLE fz_jobs; see the row-level security migration.
  `do $$
begin
  if current_setting('server_version_num')::int >= 160000 then
    if not pg_has_role(current_user, 'fz_jobs', 'SET') then
      execute format('grant fz_jobs to %I with set true', current_user);
    end if;
  elsif not pg_has_role(current_user, 'fz_jobs', 'MEMBER') then
    execute format('grant fz_jobs to %I', current_user);
  end if;
exception when unique_violation then null;
end $$`,
];

// What the jobs may do, and nothing else: no users, sessions or units; items only gain
// `overdue_since`; history tables are insert-only; attachments expose only their storage key.
const grants = [
  `grant usage on schema public to fz_jobs`,
  `grant select on rectification_items, light_rules, notices to fz_jobs`,
  `grant update (overdue_since) on rectification_items to fz_jobs`,
  `grant insert on item_events, audit_log, notices, notice_receipts to fz_jobs`,
  `grant select (storage_key) on attachments to fz_jobs`,
  `grant usage on sequence item_events_id_seq, audit_log_id_seq, notices_id_seq to fz_jobs`,
  // The jobs see every tenant: that is their purpose. The grants above bound what they can do.
  ...JOB_TABLES.map((t) => `create policy ${t}_jobs on ${t} for all to fz_jobs using (true) with check (true)`),
];

const reminders = [
  // System reminders (临期/逾期提醒) go to the unit's notice inbox; (item, kind, day) makes
  // them at most daily. Ordinary 督办通知 have no day, and NULLs never collide in a unique index.
  `alter table notices add column kind text not null default 'supervision' check (kind in ('supervision', 'due_soon', 'overdue'))`,
  `alter table notices add column reminder_day date`,
  `alter table notices add constraint notices_reminder_day_check check ((kind = 'supervision') = (reminder_day is null))`,
  `alter table notices add constraint notices_reminder_from_system_check check (kind = 'supervision' or from_user_id is null)`,
  `alter table notices add constraint notices_reminder_key unique (item_id, kind, reminder_day)`,
];

const indexes = [
  // The sweep's candidates: open items not yet marked overdue, by deadline. Marked and closed
  // items leave the index, so it stays small however long the ledger grows.
  `create index rectification_items_sweep_idx on rectification_items (deadline, id) where overdue_since is null and status <> 'closed'`,
  // Orphan clean-up asks, per stored object, whether any row still points at it.
  `create index attachments_storage_key_idx on attachments (storage_key)`,
];

export async function up(db: AnyDb): Promise<void> {
  for (const s of [...role, ...grants, ...reminders, ...indexes]) await sql.raw(s).execute(db);
}

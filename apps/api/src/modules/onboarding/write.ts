import { ONBOARDING_CREDENTIALS_HOURS } from '@fz/domain';
import type { Principal } from '@fz/domain';
import type { NewAuditLogRow, OnboardingCredential, Tx } from '@fz/db';
import type { AuditInput } from '../../trpc/audit.js';
import { unitDto, unitRecord } from '../units/queries.js';
import type { UnitRow } from '../units/queries.js';
import { userDto, userRecord } from '../users/queries.js';
import type { UserRow } from '../users/queries.js';
import { unitKey } from './check-units.js';
import type { InitialPassword } from './passwords.js';
import type { ImportPlan } from './validate.js';

/** Rows per INSERT: a few thousand bound parameters per statement, a province in a few dozen statements. */
const BATCH = 500;

export interface WriteCtx {
  principal: Principal;
  /** Builds an audit row of the uploader (actor, request id = the import). */
  auditRow: (a: AuditInput) => NewAuditLogRow;
}

const place = (p: ImportPlan['units'][number]['place']) => ({ jurisdiction_id: p.id, province_id: p.provinceId, city_id: p.cityId, county_id: p.countyId, township_id: p.townshipId });
const userReturning = ['id', 'username', 'display_name', 'unit_id', 'jurisdiction_id', 'is_active', 'is_demo', 'version', 'province_id', 'city_id', 'county_id', 'township_id'] as const;
const unitReturning = ['id', 'jurisdiction_id', 'name', 'short_name', 'kind', 'sort_order', 'is_active', 'version', 'province_id', 'city_id', 'county_id', 'township_id'] as const;

async function insertAudit(tx: Tx, rows: NewAuditLogRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await tx.insertInto('audit_log').values(rows.slice(i, i + BATCH)).execute();
}

async function insertUnits(tx: Tx, ctx: WriteCtx, plan: ImportPlan): Promise<Map<string, UnitRow>> {
  const created = new Map<string, UnitRow>();
  for (let i = 0; i < plan.units.length; i += BATCH) {
    const part = plan.units.slice(i, i + BATCH);
    const rows: UnitRow[] = await tx
      .insertInto('units')
      .values(part.map((u) => ({ ...place(u.place), name: u.name, short_name: u.shortName, kind: u.kind, sort_order: u.sortOrder })))
      .returning(unitReturning)
      .execute();
    for (const r of rows) created.set(unitKey(r.jurisdiction_id, r.name), r);
    await insertAudit(tx, rows.map((r) => ctx.auditRow({ action: 'unit.create', subjectType: 'Unit', subjectId: r.id, jurisdiction: unitRecord(r), unitId: r.id, after: unitDto(r) })));
  }
  return created;
}

/**
 * Writes a validated plan in the caller's one transaction: units (then their ids for the users
 * joining them), users with `must_change_password` and their roles, and the audit rows
 * users.create and units.create write one by one (`unit.create`, `user.create`), all as
 * multi-row INSERTs. Returns the credentials, in the file's order, for the uploader.
 */
export async function writePlan(tx: Tx, ctx: WriteCtx, plan: ImportPlan, passwords: readonly InitialPassword[]): Promise<{ units: number; credentials: OnboardingCredential[] }> {
  const units = await insertUnits(tx, ctx, plan);
  const credentials: OnboardingCredential[] = [];
  for (let i = 0; i < plan.users.length; i += BATCH) {
    const part = plan.users.slice(i, i + BATCH);
    const unitIdOf = (u: (typeof part)[number]) => ('existingId' in u.unit ? u.unit.existingId : units.get(u.unit.newKey)!.id);
    const rows: UserRow[] = await tx
      .insertInto('users')
      .values(part.map((u, k) => ({ ...place(u.place), username: u.username, display_name: u.displayName, unit_id: unitIdOf(u), password_hash: passwords[i + k]!.hash, must_change_password: true })))
      .returning(userReturning)
      .execute();
    const byName = new Map(rows.map((r) => [r.username, r]));
    await tx
      .insertInto('role_memberships')
      .values(part.flatMap((u) => u.roles.map((role) => ({ ...place(u.place), user_id: byName.get(u.username)!.id, role }))))
      .execute();
    await insertAudit(
      tx,
      part.map((u) => {
        const row = byName.get(u.username)!;
        return ctx.auditRow({ action: 'user.create', subjectType: 'User', subjectId: row.id, jurisdiction: userRecord(row), unitId: row.unit_id, after: userDto(row, u.unit.name, u.roles) });
      }),
    );
    part.forEach((u, k) => credentials.push({ username: u.username, displayName: u.displayName, jurisdiction: u.place.name, unit: u.unit.name, password: passwords[i + k]!.password }));
  }
  return { units: units.size, credentials };
}

/** The initial passwords, for the uploader alone (RLS), until downloaded once or expired. */
export async function storeCredentials(tx: Tx, importId: number, owner: { jurisdiction_id: number; province_id: number; city_id: number | null; county_id: number | null; township_id: number | null }, uploadedBy: number, credentials: OnboardingCredential[]): Promise<void> {
  if (credentials.length === 0) return;
  await tx
    .insertInto('onboarding_credentials')
    .values({ import_id: importId, ...owner, uploaded_by: uploadedBy, credentials: JSON.stringify(credentials), expires_at: new Date(Date.now() + ONBOARDING_CREDENTIALS_HOURS * 3_600_000) })
    .execute();
}

import type { NewAuditLogRow } from '@fz/db';

/** Who the timeline names for what the system did by itself. */
export const SYSTEM_ACTOR = '系统';
/** The sender of reminders in a unit's notice inbox. */
export const REMINDER_SENDER = '系统提醒';

/** A row of a tenant table: where it lives. */
export interface TenantRow {
  jurisdiction_id: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

export const placeOf = (r: TenantRow): TenantRow => ({
  jurisdiction_id: r.jurisdiction_id,
  province_id: r.province_id,
  city_id: r.city_id,
  county_id: r.county_id,
  township_id: r.township_id,
});

export interface SystemAuditEntry {
  action: string;
  subjectType: string;
  subjectId: number;
  unitId: number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * An audit row of a job, filed in the tenant of the record it touched. No user: the actor is
 * the system (a name no username can take), and request_id names the job run.
 */
export function systemAudit(at: TenantRow, e: SystemAuditEntry, runId: string): NewAuditLogRow {
  return {
    ...placeOf(at),
    actor_user_id: null,
    actor_username: SYSTEM_ACTOR,
    unit_id: e.unitId,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: String(e.subjectId),
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    request_id: runId,
    ip: null,
  };
}

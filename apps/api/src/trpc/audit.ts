import type { Principal, ScopedRecord } from '@fz/domain';
import type { NewAuditLogRow, Tx } from '@fz/db';
import { writeAudit } from '@fz/db';

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string | number | null;
  /** The record's jurisdiction (with ancestors): audit rows live in the tenant of the record. */
  jurisdiction: ScopedRecord & { jurisdictionId: number };
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** The audit row of one signed-in request's change; `auditWriter` writes one, batch writers (imports) many at once. */
export function auditRow(principal: Principal, username: string, req: { requestId: string; ip: string | null }, a: AuditInput): NewAuditLogRow {
  return {
    actor_user_id: principal.userId,
    actor_username: username,
    jurisdiction_id: a.jurisdiction.jurisdictionId,
    province_id: a.jurisdiction.provinceId,
    city_id: a.jurisdiction.cityId,
    county_id: a.jurisdiction.countyId,
    township_id: a.jurisdiction.townshipId,
    unit_id: a.unitId ?? null,
    action: a.action,
    subject_type: a.subjectType,
    subject_id: a.subjectId === null ? null : String(a.subjectId),
    before: a.before === undefined ? null : JSON.stringify(a.before),
    after: a.after === undefined ? null : JSON.stringify(a.after),
    request_id: req.requestId,
    ip: req.ip,
  };
}

/** Writes audit rows for one signed-in request (tRPC procedures and plain HTTP routes alike). */
export function auditWriter(principal: Principal, username: string, req: { requestId: string; ip: string | null }) {
  return (trx: Tx, a: AuditInput): Promise<string> => writeAudit(trx, auditRow(principal, username, req, a));
}

import type { ItemStatus } from '@fz/domain';
import type { Db } from '@fz/db';
import { makeRectFixture } from './rect-fixture.js';

export interface ItemSpec {
  code: string;
  unitId: number;
  deadline: string;
  status?: ItemStatus;
}

/** An item of `code` (inspected by its parent level) with the given deadline and status; returns its id. */
export async function itemWith(db: Db, spec: ItemSpec): Promise<number> {
  const { itemId } = await makeRectFixture(db, spec.code, spec.unitId);
  const status = spec.status ?? 'acknowledged';
  await db
    .updateTable('rectification_items')
    .set({ deadline: spec.deadline, original_deadline: spec.deadline, status, closed_at: status === 'closed' ? new Date() : null })
    .where('id', '=', itemId)
    .execute();
  return itemId;
}

export async function remindersOf(db: Db, itemId: number) {
  return db.selectFrom('notices').select(['kind', 'reminder_day', 'unit_id', 'from_name', 'requires_reply', 'text']).where('item_id', '=', itemId).where('kind', '<>', 'supervision').orderBy('id').execute();
}

export async function systemAuditOf(db: Db, subjectType: string, subjectId: number) {
  return db.selectFrom('audit_log').select(['action', 'actor_user_id', 'actor_username', 'request_id', 'jurisdiction_id']).where('subject_type', '=', subjectType).where('subject_id', '=', String(subjectId)).where('actor_user_id', 'is', null).orderBy('id').execute();
}

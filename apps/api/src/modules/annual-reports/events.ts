import type { AnnualReportStatus } from '@fz/domain';
import type { AnnualReportEventTable, Tx } from '@fz/db';
import type { ItemCtx } from '../items/events.js';
import type { ReportRow } from './queries.js';

/**
 * Appends to the report's timeline, filed under the report's jurisdiction. The actor's name and
 * unit are copied: the author cannot read the reviewer's rows, nor the reviewer's users.
 */
export async function recordReportEvent(tx: Tx, ctx: ItemCtx, r: ReportRow, e: { event: AnnualReportEventTable['event']; from: AnnualReportStatus | null; to: AnnualReportStatus; reason?: string | null }): Promise<void> {
  const unit = await tx.selectFrom('units').select('name').where('id', '=', ctx.principal.unitId).executeTakeFirst();
  await tx
    .insertInto('annual_report_events')
    .values({
      report_id: r.id,
      jurisdiction_id: r.jurisdiction_id,
      province_id: r.province_id,
      city_id: r.city_id,
      county_id: r.county_id,
      township_id: r.township_id,
      event: e.event,
      from_status: e.from,
      to_status: e.to,
      reason: e.reason ?? null,
      actor_user_id: ctx.principal.userId,
      actor_name: ctx.session.displayName,
      actor_unit_name: unit?.name ?? null,
    })
    .execute();
}

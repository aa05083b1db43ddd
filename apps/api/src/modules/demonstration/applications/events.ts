import type { ApplicationStatus, ApplicationTimelineKind } from '@fz/domain';
import type { Tx } from '@fz/db';
import type { DemoCtx } from '../common.js';
import { placeOf, unitNameOf } from '../common.js';
import type { ApplicationChanges, ApplicationRow } from './queries.js';
import { applicationSnapshot, updateApplication } from './queries.js';

export interface ApplicationEntry {
  event: ApplicationTimelineKind;
  from?: ApplicationStatus | null;
  to?: ApplicationStatus | null;
  reason?: string | null;
  note?: string | null;
  payload?: Record<string, unknown>;
}

/** Appends to the application's timeline, filed under the participant, with the actor's name and unit copied. */
export async function recordApplicationEvent(tx: Tx, ctx: DemoCtx, app: ApplicationRow, e: ApplicationEntry): Promise<void> {
  await tx
    .insertInto('application_events')
    .values({
      application_id: app.id,
      jurisdiction_id: app.jurisdiction_id,
      province_id: app.province_id,
      city_id: app.city_id,
      county_id: app.county_id,
      township_id: app.township_id,
      actor_user_id: ctx.principal.userId,
      actor_name: ctx.session.displayName,
      actor_unit_name: await unitNameOf(tx, ctx),
      event: e.event,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      reason: e.reason ?? null,
      note: e.note ?? null,
      payload: e.payload === undefined ? null : JSON.stringify(e.payload),
    })
    .execute();
}

/** One change of an application: the versioned update (CONFLICT when stale), a timeline entry and an audit row. */
export async function changeApplication(tx: Tx, ctx: DemoCtx, before: ApplicationRow, version: number, changes: ApplicationChanges, entry: ApplicationEntry): Promise<ApplicationRow> {
  const after = await updateApplication(tx, before.id, version, changes);
  await recordApplicationEvent(tx, ctx, after, entry);
  await ctx.audit(tx, {
    action: `application.${entry.event}`,
    subjectType: 'Application',
    subjectId: after.id,
    jurisdiction: placeOf(before),
    before: applicationSnapshot(before),
    after: { ...applicationSnapshot(after), ...(entry.reason && { reason: entry.reason }), ...(entry.note && { note: entry.note }), ...entry.payload },
  });
  return after;
}


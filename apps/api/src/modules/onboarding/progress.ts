import { sql } from 'kysely';
import { ONBOARDING_MAX_STORED_ERRORS, ONBOARDING_RUNNING } from '@fz/domain';
import type { OnboardingRowError, OnboardingStatus } from '@fz/domain';
import type { Tx } from '@fz/db';

/**
 * What the job records on its import row as it goes, each in its own short transaction (under
 * the uploader's scope), so the page polling `onboarding.get` sees it move.
 */

/** A run records progress every second or so; one silent this long has died with its worker. */
const STALE_MINUTES = 15;

/**
 * Takes a queued import for this run, or one whose run died (no progress for a while: a crashed
 * worker, retried by the queue); null when it is finished or another run is at it.
 */
export async function claimImport(tx: Tx, id: number) {
  return tx
    .updateTable('onboarding_imports')
    .set({ status: 'validating', processed_rows: 0, started_at: sql<Date>`coalesce(started_at, now())`, updated_at: new Date() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', 'in', ONBOARDING_RUNNING), eb('updated_at', '<', sql<Date>`now() - make_interval(mins => ${STALE_MINUTES})`)])]))
    .returning(['id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id', 'uploaded_by', 'file_name', 'sha256', 'file_data'])
    .executeTakeFirst();
}

export async function setTotals(tx: Tx, id: number, unitRows: number, userRows: number): Promise<void> {
  await tx.updateTable('onboarding_imports').set({ unit_rows: unitRows, user_rows: userRows, total_rows: unitRows + userRows, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Moves to `status` (validating → importing restarts the count) or advances the count; never backwards within a phase. */
export async function setProgress(tx: Tx, id: number, status: OnboardingStatus, processed: number): Promise<void> {
  await tx
    .updateTable('onboarding_imports')
    .set((eb) => ({
      processed_rows: sql<number>`case when ${eb.ref('status')} = ${status} then greatest(${eb.ref('processed_rows')}, least(${processed}, ${eb.ref('total_rows')})) else least(${processed}, ${eb.ref('total_rows')}) end`,
      status,
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .where('status', 'in', ONBOARDING_RUNNING)
    .execute();
}

/** Ends an import as failed, with its row errors (the first ones kept, all counted) or a file-level message. Nothing else was written. */
export async function failImport(tx: Tx, id: number, outcome: { errors: OnboardingRowError[] } | { failure: string }): Promise<void> {
  const errors = 'errors' in outcome ? outcome.errors : [];
  await tx
    .updateTable('onboarding_imports')
    .set({
      status: 'failed',
      errors: JSON.stringify(errors.slice(0, ONBOARDING_MAX_STORED_ERRORS)),
      error_count: errors.length,
      failure: 'failure' in outcome ? outcome.failure : null,
      file_data: null,
      finished_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', 'in', ONBOARDING_RUNNING)
    .execute();
}

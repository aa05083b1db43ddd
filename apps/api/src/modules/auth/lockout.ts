import { LOGIN_LOCK_MINUTES, LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS } from '@fz/domain';
import type { Db } from '@fz/db';

const WINDOW_MS = LOGIN_LOCK_MINUTES * 60_000;

/**
 * Failures are counted per normalised username whether or not the user exists, and per network
 * address under the key `ip:<address>` (a colon never occurs in a username), with a higher
 * threshold: one address trying many usernames is refused too.
 */
export function addressKey(ip: string): string {
  return `ip:${ip}`;
}

const thresholdOf = (key: string) => (key.startsWith('ip:') ? LOGIN_MAX_FAILURES_PER_ADDRESS : LOGIN_MAX_FAILURES);

export async function isLocked(db: Db, username: string, now = new Date()): Promise<boolean> {
  const row = await db.selectFrom('login_failures').select('locked_until').where('username', '=', username).executeTakeFirst();
  return !!row?.locked_until && new Date(row.locked_until) > now;
}

/** Records a failure under `username` (or an address key); returns true when this failure locks it. */
export async function recordFailure(db: Db, username: string, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('login_failures')
      .select(['failed_count', 'first_failed_at'])
      .where('username', '=', username)
      .forUpdate()
      .executeTakeFirst();
    const fresh = !row || now.getTime() - new Date(row.first_failed_at).getTime() > WINDOW_MS;
    const count = fresh ? 1 : row.failed_count + 1;
    const lockedUntil = count >= thresholdOf(username) ? new Date(now.getTime() + WINDOW_MS) : null;
    await tx
      .insertInto('login_failures')
      .values({ username, failed_count: count, first_failed_at: fresh ? now : new Date(row.first_failed_at), locked_until: lockedUntil })
      .onConflict((oc) =>
        oc.column('username').doUpdateSet({
          failed_count: count,
          first_failed_at: fresh ? now : new Date(row.first_failed_at),
          locked_until: lockedUntil,
        }),
      )
      .execute();
    return lockedUntil !== null;
  });
}

export async function clearFailures(db: Db, username: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username).execute();
}

import type { AppAbility, Level, Principal } from '@fz/domain';
import { calendarDate, defineAbilityFor } from '@fz/domain';
import type { Db, Tx } from '@fz/db';
import { withScope } from '@fz/db';
import type { Storage } from '../storage/storage.js';
import { readRunner } from '../ops/read-replica.js';

export interface Scope {
  userId: number;
  level: Level;
  jurisdictionId: number;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Work handed to the background job queue (pg-boss), picked up by whichever process runs the jobs. */
export interface JobQueue {
  /** Queues the run of an onboarding import (批量导入) as its uploader. */
  sendOnboarding(payload: { importId: number; uploaderId: number; jurisdictionId: number }): Promise<void>;
  /** Queues a background ledger export (后台导出) as its requester. */
  sendLedgerExport(payload: { exportId: number; requesterId: number; jurisdictionId: number }): Promise<void>;
}

/** Long-lived parts shared by every request. Tests replace `runScoped` or `abilityFor` to prove each isolation layer alone. */
export interface Services {
  db: Db;
  runScoped: <T>(scope: Scope, fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** Read-only work that may lag a moment (dashboards): a READ ONLY scoped transaction on the read replica if one is configured, else on the primary. */
  runScopedRead: <T>(scope: Scope, fn: (tx: Tx) => Promise<T>) => Promise<T>;
  abilityFor: (principal: Principal) => AppAbility;
  cookieSecure: boolean;
  log: Logger;
  /** Today's calendar date (yyyy-mm-dd, Beijing time): deadlines and lights. Tests may fix it. */
  today: () => string;
  /** Evidence files. */
  storage: Storage;
  /** The job queue; absent where no process sends jobs (most tests): uploads that need it answer 503. */
  queue?: JobQueue;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
}

/** What a procedure may know about the HTTP request, without depending on Fastify. */
export interface RequestInfo {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  sessionToken: string | null;
  /** The anti-CSRF header was present (browsers cannot send it cross-site without CORS). */
  csrfOk: boolean;
  setSessionCookie(token: string, opts: CookieOptions): void;
  clearSessionCookie(): void;
  /** Adds the caller to this request's log lines once the session is known (absent outside HTTP). */
  bindLog?(fields: RequestLogFields): void;
}

/** Who a request's log lines are about: the user and their jurisdiction's division code (the tenant). */
export interface RequestLogFields {
  userId: number;
  tenant: string;
}

export interface Context {
  services: Services;
  req: RequestInfo;
}

export const SESSION_COOKIE = 'fz_sid';

export function defaultServices(db: Db, opts: { cookieSecure: boolean; log: Logger; storage: Storage; replica?: Db }): Services {
  return {
    db,
    runScoped: (scope, fn) => withScope(db, scope, fn),
    runScopedRead: readRunner({ primary: db, replica: opts.replica, log: opts.log }),
    abilityFor: defineAbilityFor,
    cookieSecure: opts.cookieSecure,
    log: opts.log,
    today: () => calendarDate(new Date()),
    storage: opts.storage,
  };
}

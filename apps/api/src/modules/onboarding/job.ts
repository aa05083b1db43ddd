import { AppError, ONBOARDING_MAX_UNZIPPED_BYTES, ONBOARDING_MESSAGES, USERS_SHEET, USER_IMPORT_COLUMNS, defineAbilityFor, levelOfCode, subjectOf } from '@fz/domain';
import type { OnboardingRowError, Principal } from '@fz/domain';
import type { Db, Tx } from '@fz/db';
import { withScope } from '@fz/db';
import type { Logger } from '../../trpc/context.js';
import { auditRow } from '../../trpc/audit.js';
import { loadPrincipal } from '../auth/session.js';
import { loadWorkbook } from '../items/excel/read-sheet.js';
import { isUniqueViolation } from '../units/queries.js';
import { loadLookups, takenUsernames } from './lookups.js';
import { initialPasswords } from './passwords.js';
import type { InitialPassword } from './passwords.js';
import { claimImport, failImport, setProgress, setTotals } from './progress.js';
import { readOnboardingSheets } from './sheets.js';
import { fileKeys, validateRows } from './validate.js';
import type { ImportPlan } from './validate.js';
import { storeCredentials, writePlan } from './write.js';

/** What the queue carries: the import and who uploaded it where (the job acts as that user). */
export interface OnboardingJobPayload {
  importId: number;
  uploaderId: number;
  jurisdictionId: number;
}

export type OnboardingRunResult = 'skipped' | 'succeeded' | 'failed';

type Claimed = NonNullable<Awaited<ReturnType<typeof claimImport>>>;

class Failed extends Error {
  constructor(readonly outcome: { errors: OnboardingRowError[] } | { failure: string }) {
    super('onboarding import failed');
  }
}

const USERNAME_COLUMN = USER_IMPORT_COLUMNS[0].name;

/** The uploader as they are now: still active, same place, still allowed to import. */
async function importerOf(db: Db, p: OnboardingJobPayload): Promise<Principal> {
  const principal = await loadPrincipal(db, p.uploaderId);
  const j = principal?.jurisdiction;
  const allowed = principal && j && j.id === p.jurisdictionId && defineAbilityFor(principal).can('create', subjectOf('OnboardingImport', { ...j, jurisdictionId: j.id }));
  if (!principal || !allowed) throw new Failed({ failure: ONBOARDING_MESSAGES.uploaderGone });
  return principal;
}

/** The final transaction: the row still ours to finish, usernames still free, then everything at once. */
async function commitPlan(tx: Tx, row: Claimed, principal: Principal, username: string, plan: ImportPlan, passwords: InitialPassword[]): Promise<void> {
  const current = await tx.selectFrom('onboarding_imports').select('status').where('id', '=', row.id).forUpdate().executeTakeFirst();
  if (current?.status !== 'importing') throw new Failed({ failure: ONBOARDING_MESSAGES.jobFailed });
  const taken = await takenUsernames(tx, plan.users.map((u) => u.username));
  if (taken.size > 0) {
    throw new Failed({ errors: plan.users.filter((u) => taken.has(u.username)).map((u) => ({ sheet: USERS_SHEET, row: u.row, column: USERNAME_COLUMN, message: ONBOARDING_MESSAGES.raceUsernames })) });
  }
  const req = { requestId: `onboarding:${row.id}`, ip: null };
  const ctx = { principal, auditRow: (a: Parameters<typeof auditRow>[3]) => auditRow(principal, username, req, a) };
  const written = await writePlan(tx, ctx, plan, passwords);
  const owner = { jurisdiction_id: row.jurisdiction_id, province_id: row.province_id, city_id: row.city_id, county_id: row.county_id, township_id: row.township_id };
  await storeCredentials(tx, row.id, owner, principal.userId, written.credentials);
  const j = principal.jurisdiction;
  const summary = { fileName: row.file_name, sha256: row.sha256, unitsCreated: written.units, usersCreated: plan.users.length };
  await tx.insertInto('audit_log').values(ctx.auditRow({ action: 'onboarding.import', subjectType: 'OnboardingImport', subjectId: row.id, jurisdiction: { ...j, jurisdictionId: j.id }, unitId: principal.unitId, after: summary })).execute();
  await tx
    .updateTable('onboarding_imports')
    .set((eb) => ({ status: 'succeeded', processed_rows: eb.ref('total_rows'), units_created: written.units, users_created: plan.users.length, file_data: null, finished_at: new Date(), updated_at: new Date() }))
    .where('id', '=', row.id)
    .execute();
}

/**
 * Runs one onboarding import as its uploader, under the uploader's RLS scope throughout (never
 * as the owner or a superuser): read the file, check every row (progress recorded), generate
 * and hash the initial passwords (progress recorded), then write everything in one
 * transaction. Any problem: the import fails with its row errors and nothing is written. Safe
 * to run again for the same import (a retry after a crash): a finished import is skipped.
 */
export async function runOnboardingImport(db: Db, payload: OnboardingJobPayload, log: Logger): Promise<OnboardingRunResult> {
  const level = levelOfCode(String(payload.jurisdictionId));
  if (!level) return 'skipped';
  const scoped = <T>(fn: (tx: Tx) => Promise<T>) => withScope(db, { userId: payload.uploaderId, level, jurisdictionId: payload.jurisdictionId }, fn);
  const row = await scoped((tx) => claimImport(tx, payload.importId));
  if (!row || row.uploaded_by !== payload.uploaderId) return 'skipped';
  const id = row.id;
  try {
    const principal = await importerOf(db, payload);
    if (!row.file_data) throw new Failed({ failure: ONBOARDING_MESSAGES.jobFailed });
    const sheets = readOnboardingSheets(await loadWorkbook(Buffer.from(row.file_data), ONBOARDING_MAX_UNZIPPED_BYTES));
    await scoped((tx) => setTotals(tx, id, sheets.units.length, sheets.users.length));
    const importer = { ability: defineAbilityFor(principal), scope: { level: principal.jurisdiction.level, id: principal.jurisdiction.id } };
    const keys = fileKeys(sheets, importer);
    const { look, username } = await scoped(async (tx) => ({
      look: await loadLookups(tx, keys.placeIds, keys.usernames),
      username: (await tx.selectFrom('users').select('username').where('id', '=', principal.userId).executeTakeFirstOrThrow()).username,
    }));
    const checked = await validateRows(sheets, importer, look, (n) => scoped((tx) => setProgress(tx, id, 'validating', n)));
    if ('errors' in checked) throw new Failed({ errors: checked.errors });
    const { plan } = checked;
    await scoped((tx) => setProgress(tx, id, 'importing', plan.units.length));
    const passwords = await initialPasswords(plan.users.length, (n) => scoped((tx) => setProgress(tx, id, 'importing', plan.units.length + n)));
    await scoped((tx) => commitPlan(tx, row, principal, username, plan, passwords));
    log.info({ onboardingImport: id, units: plan.units.length, users: plan.users.length }, 'onboarding import done');
    return 'succeeded';
  } catch (e) {
    const outcome = e instanceof Failed ? e.outcome : e instanceof AppError && e.code === 'BAD_REQUEST' ? { failure: e.message } : isUniqueViolation(e) ? { failure: ONBOARDING_MESSAGES.raceUsernames } : null;
    if (!outcome) log.error({ err: e, onboardingImport: id }, 'onboarding import failed');
    await scoped((tx) => failImport(tx, id, outcome ?? { failure: ONBOARDING_MESSAGES.jobFailed }));
    return 'failed';
  }
}

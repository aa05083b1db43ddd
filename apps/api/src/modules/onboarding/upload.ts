import { AppError, ONBOARDING_MESSAGES, subjectOf } from '@fz/domain';
import type { Principal } from '@fz/domain';
import type { Tx } from '@fz/db';
import type { JobQueue, Scope, Services } from '../../trpc/context.js';
import { forbidden } from '../../trpc/init.js';
import { ownPlace } from '../../sql/place.js';
import type { ItemCtx } from '../items/events.js';
import { isUniqueViolation } from '../units/queries.js';
import { failImport } from './progress.js';

export interface UploadedFile {
  name: string;
  sha256: string;
  data: Buffer;
}

export interface Accepted {
  id: number;
  /** The same file was already imported, or is being imported, here: that import, not a new one. */
  existing: boolean;
}

/** FORBIDDEN unless the caller may upload onboarding files for its own jurisdiction (admins). */
export function assertMayUpload(ctx: Pick<ItemCtx, 'ability' | 'principal'>): void {
  const j = ctx.principal.jurisdiction;
  if (!ctx.ability.can('create', subjectOf('OnboardingImport', { ...j, jurisdictionId: j.id }))) throw forbidden();
}

async function liveImportOf(tx: Tx, p: Principal, sha256: string): Promise<number | undefined> {
  const row = await tx.selectFrom('onboarding_imports').select('id').where('jurisdiction_id', '=', p.jurisdiction.id).where('sha256', '=', sha256).where('status', '<>', 'failed').executeTakeFirst();
  return row?.id;
}

/**
 * Files an upload as a queued import of the caller's jurisdiction and queues its job. The same
 * file while one of it runs or after it succeeded (a unique index, so also two uploads at the
 * same moment) gives back that import instead. Without a queue the import fails at once (503).
 */
export async function acceptUpload(services: Services, scope: Scope, ctx: ItemCtx, file: UploadedFile, requestId: string): Promise<Accepted> {
  assertMayUpload(ctx);
  const p = ctx.principal;
  let id: number;
  try {
    id = await services.runScoped(scope, async (tx) => {
      const row = await tx
        .insertInto('onboarding_imports')
        .values({ ...ownPlace(p), uploaded_by: p.userId, uploaded_by_name: ctx.session.displayName, file_name: file.name, sha256: file.sha256, size_bytes: file.data.length, file_data: file.data, request_id: requestId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const existing = await services.runScoped(scope, (tx) => liveImportOf(tx, p, file.sha256));
    if (existing === undefined) throw e;
    return { id: existing, existing: true };
  }
  await enqueue(services.queue, services, scope, { importId: id, uploaderId: p.userId, jurisdictionId: p.jurisdiction.id });
  return { id, existing: false };
}

async function enqueue(queue: JobQueue | undefined, services: Services, scope: Scope, payload: Parameters<JobQueue['sendOnboarding']>[0]): Promise<void> {
  try {
    if (!queue) throw new Error('no job queue in this process');
    await queue.sendOnboarding(payload);
  } catch (e) {
    services.log.error({ err: e, onboardingImport: payload.importId }, 'could not queue the onboarding import');
    await services.runScoped(scope, (tx) => failImport(tx, payload.importId, { failure: ONBOARDING_MESSAGES.queueUnavailable }));
    throw new AppError('SERVICE_UNAVAILABLE', ONBOARDING_MESSAGES.queueUnavailable);
  }
}

import { createHash } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Tx } from '@fz/db';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MESSAGES, EVIDENCE_TYPES, EXCEL_MESSAGES, MESSAGES, sniffEvidence } from '@fz/domain';
import type { AppAbility } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { storeEvidence } from '../modules/attachments/service.js';
import type { StoredFile } from '../modules/attachments/service.js';
import type { ItemCtx } from '../modules/items/events.js';
import { HttpFailure, callerOf, idParam, sendError, sendFile } from './session-route.js';

/**
 * The steps every file route repeats: one multipart file in, a stored file out. Upload routes
 * refuse before the body is read, sniff the content, store it under its sha256 and only then
 * record it in a transaction; download routes look the row up under RLS and send the bytes with
 * a disposition that previews only images and PDFs.
 */

/** One file per request; its size limit is set per route. */
const PART_LIMITS = { files: 1, fields: 2, parts: 3, headerPairs: 50 };

export async function ensureMultipart(app: FastifyInstance): Promise<void> {
  if (!app.hasRequestDecorator('isMultipart')) await app.register(fastifyMultipart, { limits: { ...PART_LIMITS, fileSize: EVIDENCE_MAX_BYTES } });
}

/** The one file of a multipart upload, read whole (the size limit is multipart's: 413 past it). */
export async function uploadedFile(req: FastifyRequest, fileSize: number): Promise<{ data: Buffer; filename: string }> {
  if (!req.isMultipart()) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
  const part = await req.file({ limits: { ...PART_LIMITS, fileSize } });
  if (!part) throw new HttpFailure(400, EVIDENCE_MESSAGES.noFile);
  return { data: await part.toBuffer(), filename: part.filename };
}

/** An uploaded workbook for an import: checked to be .xlsx by its content, named and hashed (the import's idempotency). */
export async function uploadedXlsx(req: FastifyRequest, fileSize: number): Promise<{ data: Buffer; name: string; sha256: string }> {
  const { data, filename } = await uploadedFile(req, fileSize);
  if (sniffEvidence(data, filename) !== 'xlsx') throw new HttpFailure(400, EXCEL_MESSAGES.notXlsx);
  return { data, name: filename.slice(0, 200), sha256: createHash('sha256').update(data).digest('hex') };
}

const previewable = (mime: string) => Object.values(EVIDENCE_TYPES).some((t) => t.mime === mime && t.inline);

export interface StoredFileRow {
  id: number;
  storage_key: string;
  mime: string;
  original_name: string;
}

/**
 * POST `path` (`:id` plus whatever `params` reads): `target` checks the caller may attach before
 * the body is read, `attach` records the stored file (201, or 200 for a file already attached).
 */
export function fileUploadRoute<P>(
  app: FastifyInstance,
  services: Services,
  route: {
    path: string;
    params: (req: FastifyRequest) => P;
    target: (tx: Tx, ability: AppAbility, params: P) => Promise<unknown>;
    attach: (tx: Tx, ctx: ItemCtx, params: P, file: StoredFile) => Promise<{ duplicate: boolean }>;
  },
): void {
  app.post(route.path, { bodyLimit: EVIDENCE_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const params = route.params(req);
      const { ctx, scope } = await callerOf(services, req, true);
      // Refuse before reading the body: no file is stored for a caller who may not attach.
      await services.runScoped(scope, (tx) => route.target(tx, ctx.ability, params));
      const { data, filename } = await uploadedFile(req, EVIDENCE_MAX_BYTES);
      const stored = await storeEvidence(services.storage, data, filename);
      const dto = await services.runScoped(scope, (tx) => route.attach(tx, ctx, params, stored));
      return reply.code(dto.duplicate ? 200 : 201).send(dto);
    } catch (e) {
      return sendError(req, reply, e, EVIDENCE_MESSAGES.tooLarge);
    }
  });
}

/** GET `path` (`:id`): the row `find` returns under the caller's RLS scope, then its bytes. */
export function fileDownloadRoute(app: FastifyInstance, services: Services, route: { path: string; find: (tx: Tx, ability: AppAbility, id: number) => Promise<StoredFileRow> }): void {
  app.get(route.path, async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, false);
      const row = await services.runScoped(scope, (tx) => route.find(tx, ctx.ability, id));
      const data = await services.storage.get(row.storage_key);
      if (!data) {
        req.log.error({ route: route.path, fileId: row.id, key: row.storage_key }, 'file missing from storage');
        throw new HttpFailure(404, MESSAGES.notFound);
      }
      return sendFile(reply, { buffer: data, fileName: row.original_name, mime: row.mime, inline: previewable(row.mime) });
    } catch (e) {
      return sendError(req, reply, e, MESSAGES.badInput);
    }
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EXCEL_MESSAGES, ITEM_IMPORT_MAX_BYTES, LEDGER_EXPORT_MESSAGES, MESSAGES, itemExportInput } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { issuableInspection } from '../modules/items/excel/access.js';
import { exportLedger } from '../modules/items/excel/export.js';
import { importItems } from '../modules/items/excel/import.js';
import { loadWorkbook, readImportSheet } from '../modules/items/excel/read-sheet.js';
import { importTemplate } from '../modules/items/excel/template.js';
import { isExpired } from '../modules/exports/queries.js';
import { ensureMultipart, uploadedXlsx } from './file-route.js';
import { HttpFailure, callerOf, sendXlsx, idParam, sendError } from './session-route.js';

/** Longest `input` query parameter the export accepts (the list filters as JSON). */
const MAX_FILTER_CHARS = 4000;

/** The export's filters: `?input=<JSON>`, the same object items.list takes (paging is ignored). */
function exportFilter(req: FastifyRequest) {
  const raw = (req.query as { input?: unknown }).input;
  let value: unknown = {};
  if (raw !== undefined) {
    if (typeof raw !== 'string' || raw.length > MAX_FILTER_CHARS) throw new HttpFailure(400, EXCEL_MESSAGES.badFilter);
    try {
      value = JSON.parse(raw);
    } catch {
      throw new HttpFailure(400, EXCEL_MESSAGES.badFilter);
    }
  }
  const parsed = itemExportInput.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new HttpFailure(400, first ? `${MESSAGES.badInput}(${first.path.join('.') || '输入'}: ${first.message})` : MESSAGES.badInput);
}

/**
 * The ledger's Excel files, outside tRPC because they carry files; each behaves like the
 * procedure it stands beside (session, CSRF for the upload, ability, RLS scope, audit).
 * GET  /api/items/export.xlsx?input=<JSON of items.list filters>
 * GET  /api/inspections/:id/items/template.xlsx
 * POST /api/inspections/:id/items/import (multipart, one .xlsx ≤ 5 MB, x-fz-csrf: 1)
 */
export async function registerItemExcelRoutes(app: FastifyInstance, services: Services): Promise<void> {
  // The evidence routes register multipart for the whole app; the limits below are per request.
  await ensureMultipart(app);

  app.get('/api/items/export.xlsx', async (req, reply) => {
    try {
      const { ctx, scope } = await callerOf(services, req, false);
      if (!ctx.ability.can('read', 'RectificationItem')) throw new HttpFailure(403, MESSAGES.forbidden);
      const filter = exportFilter(req);
      const file = await services.runScoped(scope, (tx) => exportLedger(tx, ctx, services.today(), filter));
      return sendXlsx(reply, file);
    } catch (e) {
      return sendError(req, reply, e, MESSAGES.badInput);
    }
  });

  // A background export's file (后台导出): its requester's alone (RLS), until it expires.
  app.get('/api/ledger-exports/:id/file', async (req, reply) => {
    try {
      const id = idParam(req);
      const { scope } = await callerOf(services, req, false);
      const row = await services.runScoped(scope, (tx) => tx.selectFrom('ledger_exports').select(['status', 'file_name', 'file_data', 'expires_at']).where('id', '=', id).executeTakeFirst());
      if (!row) throw new HttpFailure(404, MESSAGES.notFound);
      if (isExpired(row)) throw new HttpFailure(410, LEDGER_EXPORT_MESSAGES.expired);
      if (row.status !== 'succeeded' || !row.file_data || !row.file_name) throw new HttpFailure(409, LEDGER_EXPORT_MESSAGES.notReady);
      return sendXlsx(reply, { buffer: Buffer.from(row.file_data), fileName: row.file_name });
    } catch (e) {
      return sendError(req, reply, e, MESSAGES.badInput);
    }
  });

  app.get('/api/inspections/:id/items/template.xlsx', async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, false);
      const file = await services.runScoped(scope, (tx) => importTemplate(tx, ctx.ability, id));
      return sendXlsx(reply, file);
    } catch (e) {
      return sendError(req, reply, e, MESSAGES.badInput);
    }
  });

  app.post('/api/inspections/:id/items/import', { bodyLimit: ITEM_IMPORT_MAX_BYTES + 64 * 1024 }, async (req, reply) => {
    try {
      const id = idParam(req);
      const { ctx, scope } = await callerOf(services, req, true);
      // Refuse before parsing anything a caller who may not issue here uploads.
      await services.runScoped(scope, (tx) => issuableInspection(tx, ctx.ability, id));
      const { data, name, sha256 } = await uploadedXlsx(req, ITEM_IMPORT_MAX_BYTES);
      const sheet = readImportSheet(await loadWorkbook(data));
      const file = { name, sha256 };
      const outcome = await services.runScoped(scope, (tx) => importItems(tx, ctx, id, sheet, file));
      if ('imported' in outcome) return reply.code(201).send(outcome);
      const [first] = outcome.errors;
      const message = first ? EXCEL_MESSAGES.failed(first.row, first.column, first.message, outcome.errors.length - 1) : MESSAGES.badInput;
      // `error.message` as every other failure of these routes; `message` and `errors` for the import dialog.
      return reply.code(400).send({ error: { message }, message, errors: outcome.errors });
    } catch (e) {
      return sendError(req, reply, e, EXCEL_MESSAGES.tooLarge);
    }
  });
}

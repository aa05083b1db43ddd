import { sql } from 'kysely';
import { AppError, reportListInput } from '@fz/domain';
import type { Tx } from '@fz/db';
import { authorized } from '../../../trpc/init.js';
import { allowedWhere } from '../../../sql/ability-where.js';
import { decodeCursor, encodeCursor, numberAt } from '../../../sql/cursor.js';
import { inSubtree, listRoot } from '../../../sql/subtree.js';
import { iso } from '../common.js';
import type { FileDto } from '../applications/get.js';

const BAD_CURSOR = '分页参数无效,请刷新后重试';

async function filesOfReports(tx: Tx, ids: number[]): Promise<Map<number, FileDto[]>> {
  const byReport = new Map<number, FileDto[]>();
  if (ids.length === 0) return byReport;
  const rows = await tx.selectFrom('application_files').select(['id', 'report_id', 'original_name', 'size_bytes', 'mime', 'sha256', 'uploaded_by_name', 'created_at']).where('report_id', 'in', ids).orderBy('id').execute();
  for (const f of rows) byReport.set(f.report_id!, [...(byReport.get(f.report_id!) ?? []), { id: f.id, name: f.original_name, size: f.size_bytes, mime: f.mime, sha256: f.sha256, uploadedByName: f.uploaded_by_name, createdAt: iso(f.created_at)! }]);
  return byReport;
}

/**
 * Progress reports as a timeline, newest first: of one application, of one campaign, or of every
 * participant in a node's subtree the caller may read. Keyset pages.
 */
export const listReports = authorized('read', 'Application')
  .input(reportListInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const root = await listRoot(tx, ctx.ability, ctx.principal, input.jurisdictionId);
      let q = tx
        .selectFrom('progress_reports as p')
        .innerJoin('applications as a', 'a.id', 'p.application_id')
        .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
        .select([
          'p.id',
          'p.application_id',
          'p.jurisdiction_id',
          'p.text',
          'p.author_name',
          'p.author_unit_name',
          'p.created_at',
          'a.campaign_id',
          'a.status',
          'j.name as jurisdiction_name',
          sql<string>`to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created_key'),
        ])
        .where(inSubtree('p', root))
        .where(allowedWhere(ctx.ability, 'read', 'Application', 'p'))
        .orderBy('p.created_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(input.limit + 1);
      if (input.applicationId !== undefined) q = q.where('p.application_id', '=', input.applicationId);
      if (input.campaignId !== undefined) q = q.where('a.campaign_id', '=', input.campaignId);
      const after = decodeCursor(input.cursor);
      if (after) {
        const at = after[0];
        if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new AppError('BAD_REQUEST', BAD_CURSOR);
        q = q.where(sql<boolean>`(p.created_at, p.id) < (${at}::timestamptz, ${numberAt(after, 1)})`);
      }
      const rows = await q.execute();
      const page = rows.slice(0, input.limit);
      const files = await filesOfReports(
        tx,
        page.map((r) => r.id),
      );
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          applicationId: r.application_id,
          campaignId: r.campaign_id,
          jurisdictionId: r.jurisdiction_id,
          jurisdictionName: r.jurisdiction_name,
          applicationStatus: r.status,
          text: r.text,
          authorName: r.author_name,
          authorUnitName: r.author_unit_name,
          createdAt: iso(r.created_at)!,
          files: files.get(r.id) ?? [],
        })),
        nextCursor: rows.length > input.limit && last ? encodeCursor([last.created_key, last.id]) : null,
      };
    }),
  );

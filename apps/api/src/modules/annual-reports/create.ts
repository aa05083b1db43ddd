import { AppError, ancestorIdsOfCode, annualReportCreateInput, annualReportTitle, defaultIntro, governmentName, levelOfCode } from '@fz/domain';
import type { Db } from '@fz/db';
import { assertCan, authorized, notFound } from '../../trpc/init.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { gatherFigures } from './figures.js';
import { recordReportEvent } from './events.js';
import { reportColumns, reportDetail, reportRecord, reportReturning, reportSnapshot } from './queries.js';

interface Reviewer {
  id: number;
  name: string;
}

/**
 * The level that reviews a jurisdiction's report: the nearest ancestor that is not a placeholder
 * pseudo-city (市辖区), null for a province. Read as the connecting role, like the breadcrumb of
 * auth.me: the author may know its ancestors' names, never read their records. Read before the
 * request's transaction opens (PGlite has one connection).
 */
async function reviewerOf(db: Db, jurisdictionId: number): Promise<Reviewer | null> {
  const a = ancestorIdsOfCode(String(jurisdictionId));
  const above = [a.provinceId, a.cityId, a.countyId, a.townshipId].filter((id): id is number => id !== null && id !== jurisdictionId);
  if (above.length === 0) return null;
  const rows = await db.selectFrom('jurisdictions').select(['id', 'name', 'kind']).where('id', 'in', above).execute();
  const nearest = rows.filter((r) => r.kind !== 'placeholder').sort((x, y) => y.id - x.id)[0];
  return nearest ? { id: nearest.id, name: nearest.name } : null;
}

/**
 * A jurisdiction's report for a year, opened with the usual title, issuing body, opening
 * paragraph and the figures generated from its data. One per jurisdiction and year: asking again
 * returns the report that exists.
 */
export const createReport = authorized('create', 'AnnualReport')
  .input(annualReportCreateInput)
  .mutation(async ({ ctx, input }) => {
    if (levelOfCode(String(input.jurisdictionId)) === null) throw notFound();
    const reviewer = await reviewerOf(ctx.services.db, input.jurisdictionId);
    return ctx.tx(async (tx) => {
      const j = await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
      assertCan(ctx.ability, 'create', 'AnnualReport', j);
      if (j.kind === 'placeholder') throw new AppError('BAD_REQUEST', '该行政区划为统计用虚拟节点,不能编写年度报告');
      const existing = () => tx.selectFrom('annual_reports as r').select(reportColumns).where('r.jurisdiction_id', '=', j.id).where('r.year', '=', input.year).executeTakeFirst();
      const found = await existing();
      if (found) return reportDetail(tx, ctx.ability, found);
      const government = governmentName(j.name, j.level);
      const inserted = await tx
        .insertInto('annual_reports')
        .values({
          jurisdiction_id: j.id,
          province_id: j.provinceId,
          city_id: j.cityId,
          county_id: j.countyId,
          township_id: j.townshipId,
          level: j.level,
          issuer_name: j.name,
          reviewer_jurisdiction_id: reviewer?.id ?? null,
          reviewer_name: reviewer?.name ?? null,
          year: input.year,
          title: annualReportTitle(government, input.year),
          issuing_body: government,
          issue_date: null,
          intro: defaultIntro(j.name, j.level, input.year),
          created_by: ctx.principal.userId,
        })
        .onConflict((oc) => oc.columns(['jurisdiction_id', 'year']).doNothing())
        .returning(reportReturning)
        .executeTakeFirst();
      // Another request opened the year's report a moment ago.
      if (!inserted) return reportDetail(tx, ctx.ability, (await existing())!);
      const figures = await gatherFigures(tx, ctx.ability, inserted, ctx.services.today());
      const row = await tx
        .updateTable('annual_reports')
        .set({ figures: figures.text, figures_generated_at: new Date() })
        .where('id', '=', inserted.id)
        .returning(reportReturning)
        .executeTakeFirstOrThrow();
      await recordReportEvent(tx, ctx, row, { event: 'create', from: null, to: 'draft' });
      await ctx.audit(tx, { action: 'annualReport.create', subjectType: 'AnnualReport', subjectId: row.id, jurisdiction: reportRecord(row), unitId: ctx.principal.unitId, after: reportSnapshot(row) });
      return reportDetail(tx, ctx.ability, row);
    });
  });

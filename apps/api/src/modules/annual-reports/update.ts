import { annualReportRefreshInput, annualReportUpdateInput } from '@fz/domain';
import type { AnnualReportUpdateInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { gatherFigures } from './figures.js';
import type { ReportRow } from './queries.js';
import { assertEditable, assertReportVersion, reportDetail, reportRecord, reportReturning, visibleReport } from './queries.js';

/** Input fields and the columns they are stored in. */
const FIELDS = {
  title: 'title',
  issuingBody: 'issuing_body',
  intro: 'intro',
  measures: 'measures',
  firstResponsible: 'first_responsible',
  problems: 'problems',
  nextYear: 'next_year',
  figures: 'figures',
} as const satisfies Record<Exclude<keyof AnnualReportUpdateInput, 'id' | 'version'>, keyof ReportRow>;
type Field = keyof typeof FIELDS;

/** The fields of the input that differ from the stored report. */
function changes(r: ReportRow, input: AnnualReportUpdateInput): Field[] {
  return (Object.keys(FIELDS) as Field[]).filter((f) => input[f] !== undefined && input[f] !== r[FIELDS[f]]);
}

/**
 * Saves the editor's text (any of title, issuing body, opening, the four sections, figures) of a
 * draft or returned report. Sending what is stored changes nothing; otherwise the version must be
 * the one the editor loaded. The audit row keeps every changed text before and after.
 */
export const updateReport = authorized('update', 'AnnualReport')
  .input(annualReportUpdateInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleReport(tx, ctx.ability, input.id, 'update');
      assertEditable(before);
      const changed = changes(before, input);
      if (changed.length === 0) return reportDetail(tx, ctx.ability, before);
      assertReportVersion(before, input.version);
      const after = await tx
        .updateTable('annual_reports')
        .set((eb) => ({ ...Object.fromEntries(changed.map((f) => [FIELDS[f], input[f]])), version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', before.id)
        .returning(reportReturning)
        .executeTakeFirstOrThrow();
      await ctx.audit(tx, {
        action: 'annualReport.update',
        subjectType: 'AnnualReport',
        subjectId: after.id,
        jurisdiction: reportRecord(after),
        unitId: ctx.principal.unitId,
        before: { version: before.version, ...Object.fromEntries(changed.map((f) => [f, before[FIELDS[f]]])) },
        after: { version: after.version, ...Object.fromEntries(changed.map((f) => [f, after[FIELDS[f]]])) },
      });
      return reportDetail(tx, ctx.ability, after);
    }),
  );

/** 刷新数据: writes the figures block again from the data (indicators, rectification, demonstration), replacing the edited text (kept in the audit row). */
export const refreshFigures = authorized('update', 'AnnualReport')
  .input(annualReportRefreshInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleReport(tx, ctx.ability, input.id, 'update');
      assertEditable(before);
      assertReportVersion(before, input.version);
      const figures = await gatherFigures(tx, ctx.ability, before, ctx.services.today());
      const after = await tx
        .updateTable('annual_reports')
        .set((eb) => ({ figures: figures.text, figures_generated_at: new Date(), version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', before.id)
        .returning(reportReturning)
        .executeTakeFirstOrThrow();
      await ctx.audit(tx, { action: 'annualReport.refreshFigures', subjectType: 'AnnualReport', subjectId: after.id, jurisdiction: reportRecord(after), unitId: ctx.principal.unitId, before: { version: before.version, figures: before.figures }, after: { version: after.version, figures: after.figures } });
      return reportDetail(tx, ctx.ability, after);
    }),
  );

import { reportPostInput } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { iso, placeOf, unitNameOf } from '../common.js';
import { assertEditable } from '../applications/assess.js';
import { recordApplicationEvent } from '../applications/events.js';
import { visibleApplication } from '../applications/queries.js';

/**
 * A progress note (进展报送) of the participant; files follow through
 * POST /api/demonstration/reports/:id/files. Reports are append-only.
 */
export const postReport = authorized('reportProgress', 'Application')
  .input(reportPostInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const app = await visibleApplication(tx, ctx.ability, input.applicationId, 'reportProgress');
      assertEditable(app, 'report');
      const report = await tx
        .insertInto('progress_reports')
        .values({
          application_id: app.id,
          jurisdiction_id: app.jurisdiction_id,
          province_id: app.province_id,
          city_id: app.city_id,
          county_id: app.county_id,
          township_id: app.township_id,
          text: input.text,
          author_user_id: ctx.principal.userId,
          author_name: ctx.session.displayName,
          author_unit_name: await unitNameOf(tx, ctx),
        })
        .returning(['id', 'text', 'author_name', 'author_unit_name', 'created_at'])
        .executeTakeFirstOrThrow();
      await recordApplicationEvent(tx, ctx, app, { event: 'report', note: input.text, payload: { reportId: report.id } });
      await ctx.audit(tx, { action: 'application.report', subjectType: 'ProgressReport', subjectId: report.id, jurisdiction: placeOf(app), after: { applicationId: app.id, text: input.text } });
      return { id: report.id, applicationId: app.id, text: report.text, authorName: report.author_name, authorUnitName: report.author_unit_name, createdAt: iso(report.created_at)!, files: [] };
    }),
  );

import { sql } from 'kysely';
import { annualReportFiguresInput, composeFigures } from '@fz/domain';
import type { AppAbility, RectificationCounts } from '@fz/domain';
import type { Tx } from '@fz/db';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import type { JurisdictionRecord } from '../jurisdictions/queries.js';
import { ancestorColumn } from '../jurisdictions/queries.js';
import { loadMetricTable } from '../metrics/table.js';
import type { ReportRow } from './queries.js';
import { visibleReport } from './queries.js';

/** The report's jurisdiction as the metric table takes it (from the report's own columns: the author may not read its ancestors). */
function nodeOf(r: ReportRow): JurisdictionRecord {
  return {
    id: r.jurisdiction_id,
    jurisdictionId: r.jurisdiction_id,
    code: String(r.jurisdiction_id),
    name: r.issuer_name,
    level: r.level,
    kind: 'regular',
    parentId: null,
    provinceId: r.province_id,
    cityId: r.city_id,
    countyId: r.county_id,
    townshipId: r.township_id,
  };
}

/** The Beijing calendar year as a timestamp range. */
const yearRange = (year: number) => ({ from: `${year}-01-01T00:00:00+08:00`, to: `${year + 1}-01-01T00:00:00+08:00` });

/**
 * Findings the levels above issued to the area in the year (督察反馈问题) and how many are closed
 * now: items of the subtree supervised by one of the report's strict ancestors, issued (Beijing
 * date of creation, as the dashboards count) in the year. The area's own inspections of its
 * townships are its supervision, not findings against it.
 */
async function rectificationCounts(tx: Tx, ability: AppAbility, r: ReportRow): Promise<RectificationCounts> {
  const above = [r.province_id, r.city_id, r.county_id, r.township_id].filter((id): id is number => id !== null && id !== r.jurisdiction_id);
  if (above.length === 0) return { issued: 0, closed: 0, flagged: 0 };
  const { from, to } = yearRange(r.year);
  const { rows } = await sql<RectificationCounts>`
    select count(*)::int as issued, (count(*) filter (where i.status = 'closed'))::int as closed, (count(*) filter (where i.flagged and i.status <> 'closed'))::int as flagged
    from rectification_items i
    where ${sql.ref(`i.${ancestorColumn(r.level)}`)} = ${r.jurisdiction_id}
      and i.supervising_jurisdiction_id in (${sql.join(above)})
      and i.created_at >= ${from}::timestamptz and i.created_at < ${to}::timestamptz
      and ${allowedWhere(ability, 'read', 'RectificationItem', 'i')}`.execute(tx);
  return rows[0] ?? { issued: 0, closed: 0, flagged: 0 };
}

/** Demonstration applications of the area named (命名) in the year. */
async function demonstrationNamed(tx: Tx, ability: AppAbility, r: ReportRow): Promise<number> {
  const { from, to } = yearRange(r.year);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from applications a
    where ${sql.ref(`a.${ancestorColumn(r.level)}`)} = ${r.jurisdiction_id} and a.status = 'named'
      and a.decided_at >= ${from}::timestamptz and a.decided_at < ${to}::timestamptz
      and ${allowedWhere(ability, 'read', 'Application', 'a')}`.execute(tx);
  return rows[0]?.n ?? 0;
}

/** The figures block of a report, generated from the data, and the numbers it was made from. */
export async function gatherFigures(tx: Tx, ability: AppAbility, r: ReportRow, today: string) {
  const table = await loadMetricTable(tx, ability, nodeOf(r), String(r.year), { withChildren: false, today });
  const [rectification, named] = await Promise.all([rectificationCounts(tx, ability, r), demonstrationNamed(tx, ability, r)]);
  const metrics = table.rows.map((row) => ({
    name: row.metric.name,
    kind: row.metric.kind,
    denominatorLabel: row.metric.denominatorLabel,
    figure: row.value,
    target: row.metric.targetText,
    hit: row.hit,
    yoy: row.yoy,
    coverage: row.coverage,
    sourceLevel: row.sourceLevel,
  }));
  return { text: composeFigures({ metrics, rectification, demonstrationNamed: named }), metrics, rectification, demonstrationNamed: named };
}

/** The figures the report would get from the data now (a preview: nothing is stored). */
export const previewFigures = authorized('read', 'AnnualReport')
  .input(annualReportFiguresInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const r = await visibleReport(tx, ctx.ability, input.id);
      return gatherFigures(tx, ctx.ability, r, ctx.services.today());
    }),
  );

import { addSums, cycleOfPeriod, figureOf, metricPeriodLabel, metricPeriodRange, metricTableInput, previousPeriod, sourceLevelFor, subjectOf, targetHit, yearOnYear } from '@fz/domain';
import type { AppAbility, Figure, Level, Sums } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, authorized } from '../../trpc/init.js';
import type { JurisdictionRecord } from '../jurisdictions/queries.js';
import { ancestorColumn, readableJurisdiction } from '../jurisdictions/queries.js';
import type { MetricRow } from './queries.js';
import { metricDto, metricShape } from './queries.js';
import type { AncestorColumn, ChildNode, CountRow, SumRow } from './table-queries.js';
import { applicableMetrics, childrenOf, jurisdictionCounts, ownValues, sumsBelow } from './table-queries.js';

interface Place {
  level: Level;
  id: number;
  /** The column that holds this place among its descendants' ancestors (null for the node itself: every row is below it). */
  column: AncestorColumn | null;
}

/** One group per place at the source level, or several (a child's townships by county): added exactly. */
const sumsOf = (rows: SumRow[], withDenominator: boolean): Sums | null => (rows.length === 0 ? null : addSums(rows.map((r) => ({ numerator: r.n, denominator: r.d })), withDenominator));

export interface Cell {
  sourceLevel: Level | null;
  sums: Sums | null;
  coverage: { reported: number; expected: number };
}

/** A place's figure for one metric and period: its own report, or the sum of the reports of the shallowest reporting level below it. */
function cellOf(m: MetricRow, at: Place, period: string, sums: SumRow[], counts: CountRow[]): Cell {
  const sourceLevel = sourceLevelFor(m.reporting_levels, at.level);
  if (sourceLevel === null) return { sourceLevel, sums: null, coverage: { reported: 0, expected: 0 } };
  const inPlace = <T extends { keys: SumRow['keys'] }>(r: T) => at.column === null || r.keys[at.column] === at.id;
  const groups = sums.filter((r) => r.metric_id === m.id && r.period === period && r.level === sourceLevel && inPlace(r));
  const expected = sourceLevel === at.level ? 1 : counts.filter((r) => r.level === sourceLevel && inPlace(r)).reduce((a, r) => a + r.c, 0);
  return { sourceLevel, sums: sumsOf(groups, m.kind !== 'count'), coverage: { reported: groups.reduce((a, r) => a + r.c, 0), expected } };
}

const figure = (m: MetricRow, c: Cell): Figure | null => (c.sums === null ? null : figureOf(metricShape(m), c.sums));
const hit = (m: MetricRow, c: Cell): boolean | null => (c.sums === null ? null : targetHit(metricShape(m), c.sums));

export interface TableOptions {
  withChildren: boolean;
  today: string;
}

/**
 * The indicator table of a node for a period: each applicable metric's figure for the node (its
 * own report at a reporting level, else the rollup), target hit, the figure a year earlier and
 * the change, the node's own report (to edit it) and, for drill-down, each child's figure. Four
 * statements whatever the size of the subtree: metrics, children, grouped sums, jurisdiction counts.
 */
export async function loadMetricTable(tx: Tx, ability: AppAbility, node: JurisdictionRecord, period: string, opts: TableOptions) {
  const cycle = cycleOfPeriod(period)!;
  const previous = previousPeriod(period);
  const metrics = await applicableMetrics(tx, ability, node, cycle);
  const children = opts.withChildren ? await childrenOf(tx, node.id) : [];
  const childColumns = [...new Set(children.map((c) => ancestorColumn(c.level)))];
  const levelsBelow = [...new Set(metrics.flatMap((m) => m.reporting_levels))];
  const ids = metrics.map((m) => m.id);
  const [sums, counts, own] = await Promise.all([
    sumsBelow(tx, ability, node, ids, [period, previous], childColumns),
    jurisdictionCounts(tx, node, levelsBelow, childColumns),
    ownValues(tx, ability, node.id, ids, period),
  ]);
  const here: Place = { level: node.level, id: node.id, column: null };
  const places = children.map((c: ChildNode): Place & ChildNode => ({ ...c, column: ancestorColumn(c.level) }));
  const open = metricPeriodRange(period)!.start <= opts.today;
  const mayReportHere = ability.can('update', subjectOf('MetricValue', { ...node }));
  const rows = metrics.map((m) => {
    const cell = cellOf(m, here, period, sums, counts);
    const before = cellOf(m, here, previous, sums, counts);
    const mine = own.find((v) => v.metric_id === m.id);
    const reportsHere = m.reporting_levels.includes(node.level);
    return {
      metric: metricDto(m),
      sourceLevel: cell.sourceLevel,
      source: reportsHere ? ('own' as const) : ('rollup' as const),
      value: figure(m, cell),
      hit: hit(m, cell),
      coverage: cell.coverage,
      previous: figure(m, before),
      yoy: cell.sums === null || before.sums === null ? null : yearOnYear(metricShape(m), cell.sums, before.sums),
      own: mine ? { valueId: mine.id, version: mine.version, note: mine.note, reportedByName: mine.reported_by_name, updatedAt: new Date(mine.updated_at).toISOString(), fileCount: Number(mine.file_count ?? 0) } : null,
      canReport: reportsHere && open && node.kind !== 'placeholder' && mayReportHere,
      children: places.map((p) => {
        const c = cellOf(m, p, period, sums, counts);
        return { jurisdictionId: p.id, sourceLevel: c.sourceLevel, value: figure(m, c), hit: hit(m, c), coverage: c.coverage };
      }),
    };
  });
  return {
    node: { id: node.id, name: node.name, level: node.level },
    period,
    periodLabel: metricPeriodLabel(period),
    previousPeriod: previous,
    children: children.map((c) => ({ id: c.id, name: c.name, level: c.level })),
    rows,
  };
}
export type MetricTableData = Awaited<ReturnType<typeof loadMetricTable>>;

/** 指标表: a node's figures for a period, with targets, year-on-year change and its children's figures. */
export const metricTable = authorized('read', 'MetricValue')
  .input(metricTableInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const node = await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
      assertCan(ctx.ability, 'read', 'MetricValue', node);
      return loadMetricTable(tx, ctx.ability, node, input.period, { withChildren: input.withChildren, today: ctx.services.today() });
    }),
  );

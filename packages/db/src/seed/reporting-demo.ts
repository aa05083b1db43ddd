import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { addSums, annualReportTitle, composeFigures, defaultIntro, figureOf, governmentName, targetHit, targetText, yearOnYear } from '@fz/domain';
import type { FigureLine, MetricShape, RectificationCounts, Sums } from '@fz/domain';
import type { Database } from '../schema.js';
import { HEDONG_2025, LANSHAN_2025 } from './annual-report-texts.js';
import type { DemoReportText } from './annual-report-texts.js';
import { COUNTY_FIGURES, DEMO_METRICS, TOWNSHIP_YEARS, townshipMediation } from './reporting-data.js';
import type { DemoMetric } from './reporting-data.js';

const anc = (j: { id: number; province_id: number; city_id: number | null; county_id: number | null; township_id: number | null }) => ({
  jurisdiction_id: j.id,
  province_id: j.province_id,
  city_id: j.city_id,
  county_id: j.county_id,
  township_id: j.township_id,
});

const shapeOf = (m: DemoMetric): MetricShape => ({ kind: m.kind, unit: m.unit, direction: m.direction, cycle: 'year', targetOp: m.target?.[0] ?? null, targetValue: m.target?.[1] ?? null });

interface Township {
  id: number;
  name: string;
  county: number;
  index: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
}

/** A township's figure for one of the city's mediation metrics. */
function mediationSums(code: string, t: Township, year: number): Sums {
  const { cases, settled } = townshipMediation(t.index, t.county, year);
  return code === 'LY-01' ? { numerator: String(cases), denominator: null } : { numerator: String(settled), denominator: String(cases) };
}

/** A county's figure and how many reports make it, from the demo data (its own, or its townships' summed). */
function countySums(m: DemoMetric, county: number, year: number, townships: Township[]): { sums: Sums | null; reported: number; expected: number } {
  if (m.levels.includes('county')) {
    const f = COUNTY_FIGURES[county]?.[year]?.[m.code];
    return { sums: f ? { numerator: f[0], denominator: f[1] } : null, reported: f ? 1 : 0, expected: 1 };
  }
  const mine = townships.filter((t) => t.county === county);
  const reported = TOWNSHIP_YEARS[county]?.includes(year) ? mine : [];
  return { sums: reported.length ? addSums(reported.map((t) => mediationSums(m.code, t, year)), m.kind !== 'count') : null, reported: reported.length, expected: mine.length };
}

/** The figures block of a county's report, as annualReports.figures generates it from the same data. */
async function figuresOf(db: Kysely<Database>, county: number, year: number, townships: Township[]): Promise<string> {
  const metrics: FigureLine[] = DEMO_METRICS.map((m) => {
    const now = countySums(m, county, year, townships);
    const before = countySums(m, county, year - 1, townships);
    const shape = shapeOf(m);
    return {
      name: m.name,
      kind: m.kind,
      denominatorLabel: m.denominator,
      figure: now.sums && figureOf(shape, now.sums),
      target: targetText(shape),
      hit: now.sums && targetHit(shape, now.sums),
      yoy: now.sums && before.sums && yearOnYear(shape, now.sums, before.sums),
      coverage: { reported: now.reported, expected: now.expected },
      sourceLevel: m.levels[0]!,
    };
  });
  const range = { from: `${year}-01-01T00:00:00+08:00`, to: `${year + 1}-01-01T00:00:00+08:00` };
  const { rows } = await sql<RectificationCounts & { named: number }>`
    select count(*)::int as issued, (count(*) filter (where status = 'closed'))::int as closed, (count(*) filter (where flagged and status <> 'closed'))::int as flagged,
      (select count(*)::int from applications a where a.county_id = ${county} and a.status = 'named' and a.decided_at >= ${range.from}::timestamptz and a.decided_at < ${range.to}::timestamptz) as named
    from rectification_items where county_id = ${county} and supervising_jurisdiction_id in (37, 3713)
      and created_at >= ${range.from}::timestamptz and created_at < ${range.to}::timestamptz`.execute(db);
  const r = rows[0]!;
  return composeFigures({ metrics, rectification: { issued: r.issued, closed: r.closed, flagged: r.flagged }, demonstrationNamed: r.named });
}

async function seedMetrics(db: Kysely<Database>): Promise<Map<string, { id: number; owner: number }>> {
  const owners = await db.selectFrom('jurisdictions').select(['id', 'name', 'province_id', 'city_id', 'county_id', 'township_id']).where('id', 'in', [...new Set(DEMO_METRICS.map((m) => m.owner))]).execute();
  const now = new Date();
  await db
    .insertInto('metrics')
    .values(
      DEMO_METRICS.map((m) => {
        const o = owners.find((x) => x.id === m.owner)!;
        return {
          ...anc(o),
          owner_name: o.name,
          code: m.code,
          name: m.name,
          unit: m.unit,
          kind: m.kind,
          direction: m.direction,
          target_op: m.target?.[0] ?? null,
          target_value: m.target?.[1] ?? null,
          cycle: 'year' as const,
          reporting_levels: m.levels,
          numerator_label: m.numerator,
          denominator_label: m.denominator,
          group_name: m.group,
          sort_order: m.sort,
          status: 'published' as const,
          published_at: now,
          created_by: null,
        };
      }),
    )
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'code']).doNothing())
    .execute();
  const rows = await db.selectFrom('metrics').select(['id', 'code', 'jurisdiction_id']).where('code', 'in', DEMO_METRICS.map((m) => m.code)).where('jurisdiction_id', 'in', owners.map((o) => o.id)).execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, owner: r.jurisdiction_id }]));
}

async function seedValues(db: Kysely<Database>, metrics: Map<string, { id: number; owner: number }>, townships: Township[]): Promise<number> {
  const counties = await db.selectFrom('jurisdictions').select(['id', 'name', 'province_id', 'city_id', 'county_id', 'township_id']).where('id', 'in', Object.keys(COUNTY_FIGURES).map(Number)).execute();
  const value = (code: string, j: Omit<Township, 'county' | 'index'>, level: 'county' | 'township', year: number, s: Sums) => {
    const m = metrics.get(code)!;
    return { metric_id: m.id, owner_jurisdiction_id: m.owner, ...anc(j), level, period: String(year), numerator: s.numerator, denominator: s.denominator, reported_by: null, reported_by_name: `${j.name}填报员` };
  };
  const rows = [
    ...counties.flatMap((c) =>
      Object.entries(COUNTY_FIGURES[c.id]!).flatMap(([year, figures]) => Object.entries(figures).map(([code, [n, d]]) => value(code, c, 'county', Number(year), { numerator: n, denominator: d }))),
    ),
    ...townships.flatMap((t) => (TOWNSHIP_YEARS[t.county] ?? []).flatMap((year) => ['LY-01', 'LY-02'].map((code) => value(code, t, 'township', year, mediationSums(code, t, year))))),
  ];
  const inserted = await db
    .insertInto('metric_values')
    .values(rows)
    .onConflict((oc) => oc.columns(['metric_id', 'jurisdiction_id', 'period']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

interface DemoReport {
  county: number;
  year: number;
  text: DemoReportText;
  submittedBy: string | null;
  author: string;
}

const REPORTS: DemoReport[] = [
  { county: 371312, year: 2025, text: HEDONG_2025, submittedBy: null, author: 'hedong' },
  { county: 371302, year: 2025, text: LANSHAN_2025, submittedBy: 'lanshan', author: 'lanshan' },
];

async function seedReports(db: Kysely<Database>, townships: Township[]): Promise<number> {
  let made = 0;
  for (const spec of REPORTS) {
    const j = await db.selectFrom('jurisdictions').select(['id', 'name', 'level', 'province_id', 'city_id', 'county_id', 'township_id']).where('id', '=', spec.county).executeTakeFirstOrThrow();
    const reviewer = await db.selectFrom('jurisdictions').select(['id', 'name']).where('id', '=', j.city_id!).executeTakeFirstOrThrow();
    const author = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', spec.author).executeTakeFirst();
    const government = governmentName(j.name, j.level);
    const submitted = spec.submittedBy !== null;
    const report = await db
      .insertInto('annual_reports')
      .values({
        ...anc(j),
        level: j.level,
        issuer_name: j.name,
        reviewer_jurisdiction_id: reviewer.id,
        reviewer_name: reviewer.name,
        year: spec.year,
        title: annualReportTitle(government, spec.year),
        issuing_body: government,
        issue_date: null,
        intro: defaultIntro(j.name, j.level, spec.year),
        measures: spec.text.measures,
        first_responsible: spec.text.firstResponsible,
        problems: spec.text.problems,
        next_year: spec.text.nextYear,
        figures: await figuresOf(db, spec.county, spec.year, townships),
        figures_generated_at: new Date(),
        status: submitted ? 'submitted' : 'draft',
        submitted_at: submitted ? new Date() : null,
        created_by: author?.id ?? null,
      })
      .onConflict((oc) => oc.columns(['jurisdiction_id', 'year']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!report) continue;
    made += 1;
    const actor = { actor_user_id: author?.id ?? null, actor_name: author?.display_name ?? `${j.name}依法治区办`, actor_unit_name: `${j.name}政府办公室` };
    await db
      .insertInto('annual_report_events')
      .values([
        { report_id: report.id, ...anc(j), event: 'create', from_status: null, to_status: 'draft', reason: null, ...actor },
        ...(submitted ? [{ report_id: report.id, ...anc(j), event: 'submit' as const, from_status: 'draft' as const, to_status: 'submitted' as const, reason: null, ...actor }] : []),
      ])
      .execute();
  }
  return made;
}

/**
 * Metrics and annual report demo data (idempotent): 山东省's county metrics and 临沂市's township
 * and county metrics, published; figures of 河东区, 兰山区 and 罗庄区 and of their townships for
 * 2025 and 2026 (河东区 also 2024, so its 2025 report compares with the year before); 河东区's 2025
 * report in draft and 兰山区's submitted to 临沂市, their figures generated from these data.
 */
export async function seedReportingDemo(db: Kysely<Database>): Promise<{ values: number; reports: number }> {
  const run = async (tx: Kysely<Database>) => {
    await sql`select pg_advisory_xact_lock(hashtext('fz:seed-reporting-demo'))`.execute(tx);
    const metrics = await seedMetrics(tx);
    const rows = await tx
      .selectFrom('jurisdictions')
      .select(['id', 'name', 'parent_id', 'province_id', 'city_id', 'county_id', 'township_id'])
      .where('parent_id', 'in', Object.keys(TOWNSHIP_YEARS).map(Number))
      .where('kind', '<>', 'placeholder')
      .orderBy('id')
      .execute();
    const townships: Township[] = rows.map((r) => ({ ...r, county: r.parent_id!, index: rows.filter((x) => x.parent_id === r.parent_id && x.id < r.id).length }));
    const values = await seedValues(tx, metrics, townships);
    const reports = await seedReports(tx, townships);
    return { values, reports };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

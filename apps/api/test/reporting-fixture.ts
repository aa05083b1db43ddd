import { sql } from 'kysely';
import { ancestorIdsOfCode, levelOfCode } from '@fz/domain';
import type { Db } from '@fz/db';

export interface ReportingFixture {
  /** A draft metric of the target, reported at the target's level (version 0). */
  draftMetricId: number;
  /** A published metric of the target, which the target reported for 2025 (9 / 10, version 0). */
  publishedMetricId: number;
  valueId: number;
  /** The target's annual reports: a draft and one submitted to the level above (both version 0). */
  draftReportId: number;
  submittedReportId: number;
}

/** Municipalities' cities are placeholders (市辖区): their counties report to the province. */
const MUNICIPALITIES = new Set([11, 12, 31, 50]);

/** The level that reviews a report of `code`, as annualReports.create finds it; null for a province. */
export function reviewerOfCode(code: string): number | null {
  const a = ancestorIdsOfCode(code);
  const chain = [a.provinceId, a.cityId, a.countyId, a.townshipId].filter((id): id is number => id !== null && id !== Number(code));
  return chain.filter((id) => !(String(id).length === 4 && MUNICIPALITIES.has(a.provinceId))).at(-1) ?? null;
}

let seq = 0;
/** Report years per jurisdiction that no other fixture (nor annualReports.create, 2000–2100) uses. */
const yearsUsed = new Map<string, number>();
const nextYear = (code: string) => {
  const n = yearsUsed.get(code) ?? 0;
  yearsUsed.set(code, n + 1);
  return 2101 + n;
};

/** The fixture rows of a matrix target, in one statement as the system (owner) role. */
export async function makeReportingFixture(db: Db, code: string): Promise<ReportingFixture> {
  const j = Number(code);
  const a = ancestorIdsOfCode(code);
  const level = levelOfCode(code)!;
  const at = sql`${j}, ${a.provinceId}, ${a.cityId}, ${a.countyId}, ${a.townshipId}`;
  const tag = `${Date.now() % 100000}-${++seq}`;
  const reviewer = reviewerOfCode(code);
  const { rows } = await sql<{ draft_id: number; published_id: number; value_id: number; draft_report_id: number; submitted_report_id: number }>`
    with m as (
      insert into metrics (jurisdiction_id, province_id, city_id, county_id, township_id, owner_name, code, name, unit, kind, direction, cycle, reporting_levels, numerator_label, denominator_label, status, published_at)
      values (${at}, '矩阵', ${`MX-D-${tag}`}, '矩阵草稿指标', '%', 'rate', 'higher', 'year', array[${level}]::text[], '分子', '分母', 'draft', null),
             (${at}, '矩阵', ${`MX-P-${tag}`}, '矩阵指标', '%', 'rate', 'higher', 'year', array[${level}]::text[], '分子', '分母', 'published', now())
      returning id, status),
    v as (
      insert into metric_values (metric_id, owner_jurisdiction_id, jurisdiction_id, province_id, city_id, county_id, township_id, level, period, numerator, denominator, reported_by_name)
      select id, ${j}, ${at}, ${level}, '2025', 9, 10, '矩阵' from m where status = 'published'
      returning id),
    r as (
      insert into annual_reports (jurisdiction_id, province_id, city_id, county_id, township_id, level, issuer_name, reviewer_jurisdiction_id, reviewer_name, year, title, issuing_body, measures, first_responsible, problems, next_year, status, submitted_at)
      values (${at}, ${level}, '矩阵', ${reviewer}, '上级', ${nextYear(code)}, '矩阵报告', '矩阵政府', '举措', '职责', '问题', '安排', 'draft', null),
             (${at}, ${level}, '矩阵', ${reviewer}, '上级', ${nextYear(code)}, '矩阵报告', '矩阵政府', '举措', '职责', '问题', '安排', 'submitted', now())
      returning id, status)
    select (select id from m where status = 'draft') as draft_id, (select id from m where status = 'published') as published_id, (select id from v) as value_id,
      (select id from r where status = 'draft') as draft_report_id, (select id from r where status = 'submitted') as submitted_report_id`.execute(db);
  const r = rows[0]!;
  return { draftMetricId: r.draft_id, publishedMetricId: r.published_id, valueId: r.value_id, draftReportId: r.draft_report_id, submittedReportId: r.submitted_report_id };
}

import { sql } from 'kysely';
import type { Db } from '@fz/db';

/**
 * Synthetic rectification data, generated inside PostgreSQL (INSERT … SELECT over
 * generate_series: large batches, no round trip per row) with a fixed random seed. Shapes:
 * every city inspects its counties each year with five kinds of inspection (the province runs
 * 法治督察 and 暗访; the city the others); counties differ in size (×0.5–1.5); 15 % of items are
 * handed down to a township; status follows age against the deadline (older → mostly closed,
 * about 3 in 4 closed on time); open items past their deadline carry the sweep's mark; 3 % are
 * flagged (12 % when overdue); 5 % had an extension approved, 3 % have one pending.
 */

const TYPES = [
  ['rule_of_law', '法治督察', true, 0.4],
  ['special', '专项督察', false, 0.25],
  ['case_file_review', '案卷评查', false, 0.15],
  ['unannounced', '暗访核查', true, 0.1],
  ['onsite', '实地检查', false, 0.1],
] as const;
/** Share of a county's items issued two years ago, last year and this year. */
const YEAR_WEIGHTS = [0.25, 0.35, 0.4] as const;

const FINDINGS = [
  ['normative_documents', '行政规范性文件合法性审核机制落实不到位,部分文件未经合法性审核即印发', '对已印发文件全面排查,补齐合法性审核程序,建立审核台账'],
  ['decisions', '重大行政决策程序规定执行不严格,部分决策事项未公开征求意见', '严格落实重大行政决策程序,补充开展公众参与和风险评估'],
  ['enforcement', '行政执法“三项制度”落实不到位,执法全过程记录不完整', '配齐执法记录设备,规范音像记录的制作、归档和管理'],
  ['enforcement', '重大执法决定法制审核制度落实不到位,部分案件未经法制审核', '开展重大执法决定“回头看”,明确法制审核范围和流程'],
  ['enforcement', '行政处罚自由裁量基准未及时调整,与新修订法律法规不衔接', '对照新法修订裁量基准并向社会公布'],
  ['functions', '权责清单未及时动态调整,部分事项与法律法规修订情况不一致', '对照法律法规“立改废释”情况调整权责清单'],
  ['disputes', '行政机关负责人出庭应诉率未达要求', '落实负责人出庭应诉制度,建立开庭提醒和通报机制'],
  ['disputes', '行政复议决定书网上公开不及时', '落实行政复议决定书网上公开制度,按期完成公开'],
  ['oversight', '政府信息主动公开不全面,部分规范性文件未集中公开', '开展信息公开专项检查,规范性文件集中统一公开'],
  ['digital', '“一网通办”事项网上可办率偏低,部分高频事项未实现全程网办', '梳理高频事项清单,年内实现全程网办'],
  ['emergency', '突发事件应急预案未及时修订,与上级预案衔接不够', '修订专项应急预案,组织开展桌面推演'],
  ['leadership', '行政执法人员年度法律知识培训不足60学时', '制定年度培训计划,建立培训学时台账'],
] as const;

/** Column `i` of a random finding (the same one for each column of a row: r_text picks it). */
const pick = (i: number) => sql.raw(`(array[${FINDINGS.map((f) => `'${f[i]}'`).join(', ')}])[1 + floor(g.r_text * ${FINDINGS.length})::int]`);

/** Helper tables: the counties in scale (with a size factor), their units and their townships. */
export async function prepare(db: Db, province: string | null): Promise<void> {
  const inProvince = province === null ? sql`true` : sql`j.province_id = ${Number(province)}`;
  await sql`select setseed(0.5)`.execute(db);
  await sql`create table bench_counties as select j.id, j.city_id, j.province_id, 0.5 + random() as skew from jurisdictions j where j.level = 'county' and ${inProvince} order by j.id`.execute(db);
  await sql`create table bench_units as select u.jurisdiction_id, (row_number() over (partition by u.jurisdiction_id order by u.id) - 1)::int as idx, u.id as unit_id
    from units u join bench_counties c on c.id = u.jurisdiction_id where u.is_active`.execute(db);
  await sql`create table bench_unit_counts as select jurisdiction_id, count(*)::int as n from bench_units group by 1`.execute(db);
  await sql`create table bench_townships as
    select t.county_id, (row_number() over (partition by t.county_id order by t.id) - 1)::int as idx, t.id as township_id, u.unit_id
    from jurisdictions t join bench_counties c on c.id = t.county_id
    join lateral (select min(u.id) as unit_id from units u where u.jurisdiction_id = t.id) u on u.unit_id is not null
    where t.level = 'township'`.execute(db);
  await sql`create table bench_township_counts as select county_id, count(*)::int as n from bench_townships group by 1`.execute(db);
  for (const s of ['create index on bench_units (jurisdiction_id, idx)', 'create index on bench_townships (county_id, idx)', 'analyze bench_units', 'analyze bench_townships']) await sql.raw(s).execute(db);
}

/**
 * One inspection per city × kind × year (the last three years up to `today`), targeting the
 * city's counties, and the plan of how many items each (inspection, county) gets. Returns the
 * inspection ids in creation order.
 */
export async function planInspections(db: Db, totalItems: number, today: string): Promise<number[]> {
  const year = Number(today.slice(0, 4));
  const types = sql.raw(`(values ${TYPES.map(([t, label, byProvince, w]) => `('${t}', '${label}', ${byProvince}, ${w})`).join(', ')})`);
  const years = sql.raw(`(values ${YEAR_WEIGHTS.map((w, i) => `(${year - 2 + i}, ${w})`).join(', ')})`);
  await sql`create table bench_inspections as
    select (row_number() over (order by y.y, c.id, t.type))::int as seq, c.id as city_id, t.type, t.label, y.y as year, y.w * t.w as weight,
      case when t.by_province or c.kind = 'placeholder' then c.province_id else c.id end as sup_id, c.name as city_name
    from jurisdictions c cross join ${types} t(type, label, by_province, w) cross join ${years} y(y, w)
    where c.level = 'city' and exists (select 1 from bench_counties k where k.city_id = c.id)`.execute(db);
  const { rows } = await sql<{ id: number }>`
    insert into inspections (supervising_jurisdiction_id, province_id, city_id, county_id, township_id, supervising_name, type, title, period_start, period_end, team, status, created_at)
    select s.id, s.province_id, s.city_id, null, null, s.name, b.type, format('%s年度%s(%s)', b.year, b.label, b.city_name), make_date(b.year, 3, 1), make_date(b.year, 3, 10),
      format('基准测试督察组#%s', b.seq), 'rectifying', make_timestamptz(b.year, 3, 11, 9, 0, 0, 'Asia/Shanghai')
    from bench_inspections b join jurisdictions s on s.id = b.sup_id order by b.seq
    returning id`.execute(db);
  await sql`alter table bench_inspections add column inspection_id integer`.execute(db);
  await sql`update bench_inspections b set inspection_id = i.id from inspections i where i.team = format('基准测试督察组#%s', b.seq)`.execute(db);
  await sql`insert into inspection_targets (inspection_id, jurisdiction_id, province_id, city_id, county_id, township_id)
    select b.inspection_id, k.id, k.province_id, k.city_id, k.id, null from bench_inspections b join bench_counties k on k.city_id = b.city_id`.execute(db);
  const { rows: c } = await sql<{ n: number; skew: number }>`select count(*)::int as n, avg(skew)::float as skew from bench_counties`.execute(db);
  const perCounty = totalItems / (c[0]!.n * c[0]!.skew);
  await sql`create table bench_plan as
    select b.inspection_id, k.id as county_id, k.city_id, k.province_id, b.sup_id, b.year, greatest(1, round(${perCounty}::float * k.skew * b.weight))::int as n
    from bench_inspections b join bench_counties k on k.city_id = b.city_id`.execute(db);
  await sql`create index on bench_plan (inspection_id)`.execute(db);
  return rows.map((r) => r.id);
}

/** The items of one inspection (a few thousand rows in one statement: the rollup triggers fire once). */
export async function insertItems(db: Db, inspectionId: number, today: string): Promise<number> {
  const r = await itemsInsert(inspectionId, today).execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export function itemsInsert(inspectionId: number, today: string) {
  return sql`
    insert into rectification_items (inspection_id, target_jurisdiction_id, number, problem, category, requirement, jurisdiction_id, province_id, city_id, county_id, township_id,
      supervising_jurisdiction_id, unit_id, deadline, original_deadline, measures, status, flagged, flagged_at, flag_reason, overdue_since,
      pending_extension_deadline, pending_extension_reason, pending_extension_note, pending_extension_requested_at, closed_at, created_by, created_at, updated_at)
    select g.inspection_id, g.county_id, g.county_id || '-' || lpad(g.seq::text, 5, '0'), ${pick(1)}, ${pick(0)}, ${pick(2)},
      coalesce(tw.township_id, g.county_id), g.province_id, g.city_id, g.county_id, tw.township_id,
      g.sup_id, coalesce(tw.unit_id, bu.unit_id), d.deadline, b.original_deadline,
      case when st.status not in ('issued', 'acknowledged') then '一是明确责任人和时间节点;二是建立整改台账,每月调度;三是健全长效机制' end,
      st.status, fl.flagged, case when fl.flagged then (least(a.created_on + 10, ${today}::date - 1) + time '10:00') at time zone 'Asia/Shanghai' end, case when fl.flagged then '整改进度滞后,列入挂牌督办' end,
      case when st.status <> 'closed' and d.deadline < ${today}::date then d.deadline + 1 end,
      case when px.pending then d.deadline + 30 end, case when px.pending then '涉及多部门协调,需延长整改时限' end, case when px.pending then '已完成整改任务的60%' end,
      case when px.pending then now() end,
      case when st.status = 'closed' then (cl.closed_on + time '16:00') at time zone 'Asia/Shanghai' end, null,
      a.created_at, coalesce((cl.closed_on + time '16:00') at time zone 'Asia/Shanghai', a.created_at)
    from (
      select p.*, s.seq, random() as r_day, random() as r_span, random() as r_closed, random() as r_status, random() as r_close_at,
        random() as r_ext, random() as r_flag, random() as r_place, random() as r_pick, random() as r_text, random() as r_hour
      from bench_plan p cross join lateral generate_series(1, p.n) s(seq) where p.inspection_id = ${inspectionId}
    ) g
    cross join lateral (select make_date(g.year, 1, 1) + floor(g.r_day * (least(make_date(g.year, 12, 31), ${today}::date - 1) - make_date(g.year, 1, 1) + 1))::int as created_on,
      (array[30, 60, 90, 180])[1 + floor(g.r_span * 4)::int] as span) a0
    cross join lateral (select a0.*, (a0.created_on + make_interval(hours => 8 + floor(g.r_hour * 10)::int, mins => floor(g.r_hour * 6000)::int % 60)) at time zone 'Asia/Shanghai' as created_at) a
    cross join lateral (select a.created_on + a.span as original_deadline, ${today}::date - a.created_on as age) b
    cross join lateral (select b.original_deadline + case when g.r_ext < 0.05 then 30 else 0 end as deadline) d
    cross join lateral (select case
      when g.r_closed < least(0.96, b.age::float / (a.span + 20)) then 'closed'
      when b.age < a.span * 0.1 then case when g.r_status < 0.6 then 'issued' else 'acknowledged' end
      when b.age < a.span * 0.5 then case when g.r_status < 0.1 then 'issued' when g.r_status < 0.3 then 'acknowledged' else 'in_progress' end
      else case when g.r_status < 0.55 then 'in_progress' when g.r_status < 0.75 then 'closure_requested' when g.r_status < 0.85 then 'returned' else 'ongoing' end
      end as status) st
    cross join lateral (select case when st.status = 'closed' then least(a.created_on + ceil(a.span * (0.4 + g.r_close_at * 0.8))::int, ${today}::date - 1) end as closed_on) cl
    cross join lateral (select st.status <> 'closed' and g.r_flag < case when d.deadline < ${today}::date then 0.12 else 0.03 end as flagged) fl
    cross join lateral (select st.status in ('acknowledged', 'in_progress', 'returned', 'ongoing') and d.deadline >= ${today}::date and g.r_ext >= 0.05 and g.r_ext < 0.08 as pending) px
    left join bench_township_counts tc on tc.county_id = g.county_id and g.r_place < 0.15
    left join bench_townships tw on tw.county_id = g.county_id and tw.idx = floor(g.r_pick * tc.n)::int
    left join bench_unit_counts uc on uc.jurisdiction_id = g.county_id
    left join bench_units bu on bu.jurisdiction_id = g.county_id and bu.idx = floor(g.r_pick * uc.n)::int`;
}

export async function dropHelpers(db: Db): Promise<void> {
  for (const t of ['bench_plan', 'bench_inspections', 'bench_township_counts', 'bench_townships', 'bench_unit_counts', 'bench_units', 'bench_counties']) await sql.raw(`drop table if exists ${t}`).execute(db);
}

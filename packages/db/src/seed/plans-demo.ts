import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { calendarDate, periodOf } from '@fz/domain';
import type { Database } from '../schema.js';

const CITY = 3713;

/** [section, task title, task text, lead unit suffix, other unit suffixes]; every task also goes to 各县区. */
const TASKS: Array<[number, string, string, string, string[]]> = [
  [0, '严格行政规范性文件合法性审核', '严格行政规范性文件合法性审核。推行合法性审核全覆盖,行政规范性文件合法性审核率100%,落实备案审查“有件必备、有备必审、有错必纠”。', '司法局', ['政府办公室']],
  [0, '规范重大行政决策程序', '规范重大行政决策程序。全面落实重大行政决策事项年度目录公开制度,决策前进行合法性审查并听取法律顾问意见。', '司法局', []],
  [1, '全面落实行政执法“三项制度”', '全面落实行政执法“三项制度”。规范执法全过程记录,重大执法决定法制审核率100%,行政执法人员每年培训不少于60学时。', '司法局', []],
  [1, '加强行政复议和应诉工作', '加强行政复议和应诉工作。行政机关负责人出庭应诉率不低于97%,行政诉讼败诉率控制在10%以下。', '司法局', ['政府办公室']],
  [2, '全面推进政务公开', '全面推进政务公开。规范性文件集中统一公开,依申请公开按期答复率100%。', '政府办公室', []],
  [2, '扎实开展法治政府建设示范创建', '扎实开展法治政府建设示范创建。组织县区和镇街对标创建,年底前完成年度评估。', '司法局', []],
];
const SECTIONS = [
  { number: '一、', title: '完善依法行政制度体系', depth: 1, parentIndex: null },
  { number: '二、', title: '严格规范公正文明执法', depth: 1, parentIndex: null },
  { number: '三、', title: '强化权力制约监督', depth: 1, parentIndex: null },
];

const city = { jurisdiction_id: CITY, province_id: 37, city_id: CITY, county_id: null, township_id: null };

/**
 * 临沂市's work points for the current year, published: six tasks for the city's units and every
 * county below it (各县区), so a county can link its own plan to them and the city sees coverage.
 * 兰山区 has reported on the first two for the current quarter. Idempotent by title.
 */
export async function seedPlansDemo(db: Kysely<Database>): Promise<{ plans: number }> {
  const today = calendarDate(new Date());
  const year = today.slice(0, 4);
  const title = `临沂市${year}年法治政府建设工作要点`;
  const exists = await db.selectFrom('plans').select('id').where('jurisdiction_id', '=', CITY).where('title', '=', title).executeTakeFirst();
  if (exists) return { plans: 0 };
  const units = new Map((await db.selectFrom('units').select(['id', 'short_name']).where('jurisdiction_id', '=', CITY).execute()).map((u) => [u.short_name, u.id]));
  const unitId = (suffix: string) => {
    const id = units.get(suffix);
    if (id === undefined) throw new Error(`plans demo: 临沂市${suffix} is missing`);
    return id;
  };
  const plan = await db
    .insertInto('plans')
    .values({
      ...city,
      issuer_name: '临沂市',
      title,
      kind: 'work_points',
      period_start: `${year}-01-01`,
      period_end: `${year}-12-31`,
      report_cycle: 'quarter',
      sections: JSON.stringify(SECTIONS),
      source_name: null,
      idempotency_key: null,
      published_at: null,
      published_by: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const tasks = await db
    .insertInto('plan_tasks')
    .values(TASKS.map(([section, taskTitle, text], position) => ({ ...city, plan_id: plan.id, position, section_index: section, number: String(position + 1), title: taskTitle, text, all_children: true, deadline: `${year}-12-31`, upper_task_id: null })))
    .returning(['id', 'position'])
    .execute();
  const taskAt = (position: number) => tasks.find((t) => t.position === position)!.id;
  await db
    .insertInto('plan_task_units')
    .values(
      TASKS.flatMap(([, , , lead, others], position) =>
        [lead, ...others].map((suffix, i) => ({ ...city, plan_id: plan.id, task_id: taskAt(position), position: i, unit_id: unitId(suffix), unit_name: `临沂市${suffix}`, is_lead: i === 0 })),
      ),
    )
    .execute();
  await db.updateTable('plans').set({ status: 'published', published_at: new Date() }).where('id', '=', plan.id).execute();

  // The counties (and zones) below the city, each through its office, as plans.publish hands them out.
  const { rows: counties } = await sql<{ id: number; province_id: number; city_id: number; county_id: number; unit_id: number }>`
    select c.id, c.province_id, c.city_id, c.county_id,
      (select u.id from units u where u.jurisdiction_id = c.id and u.is_active order by case u.kind when 'office' then 0 else 1 end, u.sort_order, u.id limit 1) as unit_id
    from jurisdictions c where c.parent_id = ${CITY} and c.kind <> 'placeholder' order by c.id`.execute(db);
  const assignments = TASKS.flatMap(([, , , lead, others], position) => [
    ...[lead, ...others].map((suffix, i) => ({ ...city, plan_id: plan.id, task_id: taskAt(position), issuer_jurisdiction_id: CITY, unit_id: unitId(suffix), kind: 'unit' as const, is_lead: i === 0 })),
    ...counties
      .filter((c) => c.unit_id !== null)
      .map((c) => ({ jurisdiction_id: c.id, province_id: c.province_id, city_id: c.city_id, county_id: c.county_id, township_id: null, plan_id: plan.id, task_id: taskAt(position), issuer_jurisdiction_id: CITY, unit_id: c.unit_id, kind: 'child' as const, is_lead: false })),
  ]);
  const inserted = await db.insertInto('plan_assignments').values(assignments).returning(['id', 'task_id', 'jurisdiction_id', 'unit_id']).execute();
  const period = periodOf('quarter', today);
  const lanshan = inserted.filter((a) => a.jurisdiction_id === 371302 && (a.task_id === taskAt(0) || a.task_id === taskAt(1)));
  if (lanshan.length > 0) {
    await db
      .insertInto('plan_reports')
      .values(
        lanshan.map((a, i) => ({
          assignment_id: a.id,
          plan_id: plan.id,
          task_id: a.task_id,
          jurisdiction_id: 371302,
          province_id: 37,
          city_id: CITY,
          county_id: 371302,
          township_id: null,
          unit_id: a.unit_id,
          period,
          text: i === 0 ? '已对本季度印发的8件规范性文件全部开展合法性审核,审核率100%。' : '已公布年度重大行政决策事项目录,2项决策均经合法性审查。',
          percent: i === 0 ? 80 : 60,
          reported_on: today,
          reported_by: null,
          reported_by_name: '兰山区依法治区办',
        })),
      )
      .execute();
  }
  return { plans: 1 };
}

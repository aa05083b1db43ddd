import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { ITEM_EVENTS, addDays, ancestorIdsOfCode, calendarDate } from '@fz/domain';
import type { InspectionType, ItemCategory, ItemStatus, TimelineKind } from '@fz/domain';
import type { Database } from '../schema.js';

/** [where (unit suffix of the county, or a township name), category, problem (反馈问题), requirement]. */
type Finding = [string, ItemCategory, string, string];
/** [status, deadline in days from today, flags: F 挂牌督办, E pending extension, X extension approved earlier, N notice]. */
type Plan = [ItemStatus, number, string?];

const PROVINCE_FINDINGS: Finding[] = [
  ['政府办公室', 'normative_documents', '行政规范性文件合法性审核机制落实不到位,2项文件未经合法性审核即印发', '对2026年以来印发的规范性文件全面排查,补齐合法性审核程序,建立审核台账'],
  ['司法局', 'normative_documents', '行政规范性文件备案审查“有件必备、有备必审、有错必纠”落实不到位,3件文件未按时报备', '建立报备提醒机制,限期完成补报并开展专项清理'],
  ['政府办公室', 'decisions', '重大行政决策程序规定执行不严格,2项重大决策事项未公开征求意见', '严格落实《重大行政决策程序暂行条例》,对相关事项补充开展公众参与和风险评估'],
  ['司法局', 'decisions', '重大行政决策事项年度目录未向社会公开', '编制并公布年度重大行政决策事项目录,实行动态调整'],
  ['发改局', 'decisions', '重大行政决策全过程记录、材料归档不完整,决策后评估未开展', '完善决策全过程记录和归档制度,选取1项已实施决策开展后评估'],
  ['综合行政执法局', 'enforcement', '行政执法“三项制度”落实不到位,执法全过程记录不完整', '配齐执法记录仪,规范音像记录的制作、归档和管理'],
  ['市场监管局', 'enforcement', '重大执法决定法制审核制度落实不到位,部分案件未经法制审核即作出处罚决定', '对近两年重大执法决定开展“回头看”,明确法制审核范围和流程'],
  ['公安分局', 'enforcement', '行政执法公示信息更新不及时,执法主体、人员信息与实际不符', '全面梳理执法主体和执法人员信息,在政府门户网站及时公示'],
  ['自然资源局', 'enforcement', '行政处罚自由裁量基准未及时调整,与新修订法律法规不衔接', '对照新法修订裁量基准,细化量化裁量范围、种类和幅度并向社会公布'],
  ['应急局', 'enforcement', '涉企行政检查频次偏高,存在多头检查、重复检查问题', '推行“双随机、一公开”联合抽查,制定年度涉企检查计划并报备'],
  ['住建局', 'enforcement', '行政执法案卷评查发现文书制作不规范,送达程序存在瑕疵', '组织案卷评查整改,开展执法文书制作专题培训'],
  ['农业农村局', 'enforcement', '部分执法人员未取得行政执法证件即从事执法活动', '全面清理执法人员资格,未取得证件人员一律不得独立执法'],
  ['教育局', 'enforcement', '“谁执法谁普法”普法责任制落实不到位,以案释法开展不足', '制定普法责任清单,每季度至少发布1个以案释法典型案例'],
  ['行政审批服务局', 'functions', '政务服务事项免证办清单未动态调整,仍要求群众提供已取消的证明材料', '全面清理证明事项,动态调整免证办事项清单并向社会公布'],
  ['市场监管局', 'functions', '公平竞争审查覆盖不全面,1件涉及市场主体经济活动的政策措施未经审查', '建立公平竞争审查台账,对存量政策措施开展集中清理'],
  ['委编办', 'functions', '权责清单未及时动态调整,部分事项与法律法规修订情况不一致', '对照法律法规“立改废释”情况调整权责清单并向社会公布'],
  ['财政局', 'functions', '防范和化解拖欠中小企业账款长效机制不健全', '建立拖欠账款台账,明确清偿计划和责任人,按月调度'],
  ['人社局', 'disputes', '行政机关负责人出庭应诉率未达要求,2起案件负责人未出庭', '落实负责人出庭应诉制度,建立开庭提醒和定期通报机制'],
  ['司法局', 'disputes', '行政复议决定书网上公开不及时', '落实行政复议决定书网上公开制度,按期完成公开'],
  ['司法局', 'disputes', '行政复议意见书、建议书执行监督机制未建立', '制定执行监督办法,对已发出的意见书、建议书逐件跟踪问效'],
  ['自然资源局', 'disputes', '行政诉讼败诉案件未开展原因分析和整改', '逐案分析败诉原因,形成分析报告并制定整改措施'],
  ['住建局', 'disputes', '征收拆迁领域行政调解组织不健全,矛盾纠纷化解机制不完善', '成立行政调解委员会,健全“三调联动”衔接机制'],
  ['政府办公室', 'oversight', '政府信息主动公开不全面,部分规范性文件未在政府门户网站集中公开', '开展政府网站信息公开专项检查,规范性文件实现集中统一公开'],
  ['政府办公室', 'oversight', '依申请公开办理不规范,1件申请超期答复', '完善依申请公开登记、审核、答复流程,建立办理期限预警'],
  ['发改局', 'oversight', '政务诚信建设不到位,“新官不理旧账”问题线索未及时核查', '对问题线索逐一核查,建立政府守信践诺台账'],
  ['行政审批服务局', 'digital', '“一网通办”事项网上可办率偏低,部分高频事项未实现全程网办', '梳理高频事项清单,年内实现全程网办'],
  ['应急局', 'emergency', '突发事件应急预案未及时修订,与上级预案衔接不够', '修订区级专项应急预案,组织开展桌面推演'],
  ['应急局', 'emergency', '镇街应急管理“六有”标准化建设未全部达标', '对照标准逐项整改,年底前全部达标'],
  ['司法局', 'leadership', '法治政府建设年度报告未按时向社会公开', '严格执行年度报告制度,于每年3月1日前报送并公开'],
  ['委编办', 'leadership', '领导干部学法清单制度未建立,政府常务会议学法次数不足', '建立领导干部应知应会法律法规清单,全年常务会议学法不少于4次'],
  ['人社局', 'leadership', '行政执法人员年度法律知识培训不足60学时', '制定年度培训计划,建立培训学时台账'],
  ['九曲街道', 'enforcement', '街道综合执法队伍执法证件管理不规范,执法全过程记录缺失', '规范执法证件管理,配备执法记录仪,建立音像记录归档制度'],
  ['九曲街道', 'decisions', '街道合法性审查工作开展不到位,重大事项未经法律顾问审查', '聘请法律顾问,建立重大事项合法性审查机制'],
  ['相公街道', 'oversight', '街道政务公开栏信息长期未更新', '建立政务公开信息定期更新机制'],
  ['汤河镇', 'functions', '镇便民服务中心“一站式”服务不规范,帮办代办机制未建立', '规范便民服务中心窗口设置,建立帮办代办队伍'],
  ['凤凰岭街道', 'emergency', '街道应急预案与区级预案衔接不够,应急演练未按计划开展', '修订街道应急预案,年内至少开展1次综合演练'],
  ['公安分局', 'enforcement', '行政处罚案件法制审核人员配备不足', '按要求配齐法制审核人员,不少于本单位执法人员总数的5%'],
  ['市场监管局', 'normative_documents', '1件行政规范性文件未落实统一登记、统一编号、统一公布“三统一”制度', '完成补正登记、编号并统一公布'],
  ['财政局', 'oversight', '审计发现问题整改不到位,整改结果未按规定公开', '建立审计整改台账,按规定公开整改结果'],
  ['综合行政执法局', 'enforcement', '“免罚清单”制度落实不到位,轻微违法行为仍予处罚', '对照免罚清单开展案件自查,纠正不当处罚'],
];

const PROVINCE_PLAN: Plan[] = [
  ['closed', -30], ['in_progress', 5, 'EN'], ['in_progress', -12, 'FN'], ['closed', -15], ['acknowledged', 25], ['in_progress', 3, 'F'], ['closure_requested', 10], ['closed', -5],
  ['returned', 6], ['ongoing', 60], ['in_progress', 30], ['closed', 15], ['issued', 40], ['in_progress', -2], ['closure_requested', -1], ['acknowledged', 6],
  ['ongoing', 90, 'X'], ['in_progress', 20, 'F'], ['closed', -20], ['issued', 45], ['returned', -4, 'F'], ['acknowledged', 35], ['closed', -8], ['closure_requested', 2],
  ['in_progress', 14, 'E'], ['ongoing', 120], ['issued', 7], ['in_progress', 50], ['closed', -45], ['acknowledged', 15], ['returned', 21], ['in_progress', 9],
  ['issued', 30], ['closure_requested', 12], ['acknowledged', -1], ['closed', -3], ['in_progress', 1, 'F'], ['closure_requested', 18], ['issued', 60], ['closed', 5],
];

/** Items left without a responsible unit, for the county office to assign. */
const UNASSIGNED = new Set([19, 38]);

const CITY_FINDINGS: Array<[string, Finding, Plan]> = [
  ['371302', ['司法局', 'disputes', '行政复议案件审理期限超期,2件案件未在法定期限内作出决定', '建立案件审理期限预警,对超期案件逐件说明原因'], ['in_progress', 10]],
  ['371302', ['政府办公室', 'disputes', '行政机关负责人出庭应诉率未达到100%', '完善出庭应诉通报机制,纳入年度法治建设考核'], ['acknowledged', -2]],
  ['371302', ['住建局', 'disputes', '行政诉讼败诉案件整改不到位', '逐案落实整改,形成整改报告报市依法治市办'], ['closed', -5]],
  ['371312', ['司法局', 'disputes', '行政复议文书说理性不强,未落实文书体例改革要求', '按照新的文书体例规范撰写,开展文书评查'], ['issued', 25]],
  ['371312', ['自然资源局', 'disputes', '涉企行政案件涉案部门负责人未全部出庭应诉', '建立涉企案件负责人出庭台账,确保100%出庭'], ['closure_requested', 8]],
];

const PATH: Record<ItemStatus, TimelineKind[]> = {
  issued: [],
  acknowledged: ['acknowledge'],
  in_progress: ['acknowledge', 'start', 'setMeasures', 'reportProgress'],
  closure_requested: ['acknowledge', 'start', 'setMeasures', 'reportProgress', 'requestClosure'],
  returned: ['acknowledge', 'start', 'setMeasures', 'reportProgress', 'requestClosure', 'return'],
  ongoing: ['acknowledge', 'start', 'setMeasures', 'reportProgress', 'markOngoing'],
  closed: ['acknowledge', 'start', 'setMeasures', 'reportProgress', 'requestClosure', 'close'],
};
const STATUS_AFTER: Partial<Record<TimelineKind, ItemStatus>> = { acknowledge: 'acknowledged', start: 'in_progress', requestClosure: 'closure_requested', return: 'returned', markOngoing: 'ongoing', close: 'closed' };
const lifecycle: ReadonlySet<TimelineKind> = new Set(ITEM_EVENTS);
const SUPERVISING: ReadonlySet<TimelineKind> = new Set(['create', 'close', 'return', 'markOngoing', 'approveExtension', 'flag', 'notice']);
const NOTES: Partial<Record<TimelineKind, string>> = {
  reportProgress: '已召开专题会议研究部署,制定整改方案,明确责任人和完成时限',
  requestClosure: '已按整改要求完成整改,相关制度已印发实施,佐证材料已报送',
  close: '经核查,整改到位,同意销号',
  return: '佐证材料不充分,未见制度印发文件,请补充后重新申请',
  markOngoing: '该问题需长期坚持,转为持续整改,按季度报送进展',
  requestExtension: '涉及多部门协调,需延长整改时限',
  approveExtension: '同意延期,请按新时限完成整改',
  notice: '该问题整改进度滞后,请于5个工作日内书面报告整改进展',
};

const anc = (code: string) => {
  const a = ancestorIdsOfCode(code);
  return { jurisdiction_id: Number(code), province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId };
};
const supervisingAt = (code: string) => {
  const { jurisdiction_id, ...ancestors } = anc(code);
  return { supervising_jurisdiction_id: jurisdiction_id, ...ancestors };
};
const DAY_MS = 86_400_000;

interface Actor {
  id: number | null;
  name: string;
  unit: string;
}

interface DemoUser {
  id: number;
  username: string;
  display_name: string;
  unit_id: number;
  unit: string;
}

interface InspectionSpec {
  by: string;
  type: InspectionType;
  title: string;
  team: string;
  /** Days since the findings were issued. */
  startAgo: number;
  items: Array<[string, Finding, Plan]>;
}

/** Where a finding lands: the county's unit named `where`, or the government of its township `where` (delegated). */
async function placeOf(db: Kysely<Database>, county: string, where: string) {
  const township = await db.selectFrom('jurisdictions').select('id').where('parent_id', '=', Number(county)).where('name', '=', where).executeTakeFirst();
  if (township) {
    const unit = await db.selectFrom('units').select(['id', 'name']).where('jurisdiction_id', '=', township.id).orderBy('sort_order').orderBy('id').executeTakeFirstOrThrow();
    return { home: String(township.id), unit };
  }
  const { name } = await db.selectFrom('jurisdictions').select('name').where('id', '=', Number(county)).executeTakeFirstOrThrow();
  const unit = await db.selectFrom('units').select(['id', 'name']).where('jurisdiction_id', '=', Number(county)).where('name', '=', `${name}${where}`).executeTakeFirstOrThrow();
  return { home: county, unit };
}

/** The events an item went through to reach its plan, in order. */
function storyOf([status, , flags = '']: Plan, delegated: boolean, assigned: boolean): TimelineKind[] {
  const kinds: TimelineKind[] = ['create', ...(delegated ? (['delegate'] as const) : assigned ? (['assign'] as const) : []), ...PATH[status]];
  if (flags.includes('X')) kinds.push('requestExtension', 'approveExtension');
  if (flags.includes('E')) kinds.push('requestExtension');
  if (flags.includes('F')) kinds.push('flag');
  if (flags.includes('N')) kinds.push('notice');
  return kinds;
}

async function seedInspection(db: Kysely<Database>, spec: InspectionSpec, users: DemoUser[]): Promise<number> {
  const user = (username: string): Actor => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`seedRectificationDemo: demo user ${username} is missing (run seedDemo first)`);
    return { id: u.id, name: u.display_name, unit: u.unit };
  };
  const supervisor = user(spec.by === '37' ? 'province' : 'linyi');
  // Seeded once, whatever year it is now (the title carries the year of seeding).
  const exists = await db
    .selectFrom('inspections')
    .select('id')
    .where('supervising_jurisdiction_id', '=', Number(spec.by))
    .where('created_by', '=', supervisor.id)
    .where('type', '=', spec.type)
    .where('team', '=', spec.team)
    .executeTakeFirst();
  if (exists) return 0;
  const now = Date.now();
  const today = calendarDate(new Date(now));
  const sup = await db.selectFrom('jurisdictions').select('name').where('id', '=', Number(spec.by)).executeTakeFirstOrThrow();
  const issuedAt = now - spec.startAgo * DAY_MS;
  const { id: inspectionId } = await db
    .insertInto('inspections')
    .values({
      ...supervisingAt(spec.by), supervising_name: sup.name, type: spec.type, title: spec.title, team: spec.team, status: 'rectifying',
      created_by: supervisor.id, period_start: addDays(today, -spec.startAgo - 20), period_end: addDays(today, -spec.startAgo - 10), created_at: new Date(issuedAt - DAY_MS),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const targets = [...new Set(spec.items.map(([t]) => t))];
  await db.insertInto('inspection_targets').values(targets.map((t) => ({ inspection_id: inspectionId, ...anc(t) }))).execute();

  for (const [index, [county, [where, category, problem, requirement], plan]] of spec.items.entries()) {
    const [status, due, flags = ''] = plan;
    const { home, unit } = await placeOf(db, county, where);
    const delegated = home !== county;
    const assigned = delegated || !(spec.by === '37' && UNASSIGNED.has(index));
    const office = user(county === '371302' ? 'lanshan' : 'hedong');
    // The demo user of the responsible unit acts for it (河东区司法局 → hedong-sfj, 政府办公室 → hedong); other units get a named liaison.
    const member = users.find((u) => u.unit_id === unit.id);
    const worker: Actor = member ? user(member.username) : { id: null, name: `${unit.name}联络员`, unit: unit.name };
    const deadline = addDays(today, due);
    const kinds = storyOf(plan, delegated, assigned);
    const times = kinds.map((_, i) => new Date(issuedAt + index * 60_000 + (i / kinds.length) * (now - DAY_MS - issuedAt)));
    const at = (k: TimelineKind) => times[kinds.lastIndexOf(k)] ?? null;
    const measures = PATH[status].includes('setMeasures') ? `一是${requirement};二是明确责任人和时间节点,每月调度进展;三是建立长效机制,防止问题反弹。` : null;
    const pending = flags.includes('E');
    const item = await db
      .insertInto('rectification_items')
      .values({
        ...anc(home), inspection_id: inspectionId, target_jurisdiction_id: Number(county), number: `${today.slice(0, 4)}-${String(index + 1).padStart(3, '0')}`,
        problem, category, requirement, supervising_jurisdiction_id: Number(spec.by), unit_id: assigned ? unit.id : null, measures, status,
        deadline, original_deadline: flags.includes('X') ? addDays(deadline, -60) : deadline, overdue_since: status !== 'closed' && due < 0 ? addDays(deadline, 1) : null,
        flagged: flags.includes('F'), flagged_at: at('flag'), flag_reason: flags.includes('F') ? '整改进度滞后,列入挂牌督办' : null, closed_at: at('close'),
        pending_extension_deadline: pending ? addDays(deadline, 30) : null, pending_extension_reason: pending ? NOTES.requestExtension! : null,
        pending_extension_note: pending ? '已完成整改任务的60%' : null, pending_extension_requested_at: pending ? at('requestExtension') : null,
        created_by: supervisor.id, created_at: times[0]!, updated_at: times.at(-1)!,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let current: ItemStatus | null = null;
    const events = kinds.map((kind, i) => {
      const from = current;
      current = kind === 'create' ? 'issued' : (STATUS_AFTER[kind] ?? current);
      const actor = SUPERVISING.has(kind) ? supervisor : kind === 'assign' || kind === 'delegate' ? office : worker;
      return {
        item_id: item.id, ...anc(kind === 'create' ? county : home), at: times[i]!, actor_user_id: actor.id, actor_name: actor.name, actor_unit_name: actor.unit, event: kind,
        ...(lifecycle.has(kind) ? { from_status: from, to_status: current } : { from_status: null, to_status: kind === 'create' ? current : null }),
        note: kind === 'setMeasures' ? measures : (NOTES[kind] ?? null), reason: kind === 'return' || kind === 'markOngoing' ? NOTES[kind]! : null,
        payload: JSON.stringify(kind === 'requestClosure' ? { situation: NOTES.requestClosure } : kind === 'assign' || kind === 'delegate' ? { unitId: unit.id, unitName: unit.name } : {}),
      };
    });
    await db.insertInto('item_events').values(events).execute();
    if (flags.includes('N')) {
      const notice = await db
        .insertInto('notices')
        .values({ ...anc(home), item_id: item.id, unit_id: unit.id, from_jurisdiction_id: Number(spec.by), from_user_id: supervisor.id, from_name: supervisor.unit, text: NOTES.notice!, reply_by: addDays(today, 5), sent_at: at('notice')! })
        .returning('id')
        .executeTakeFirstOrThrow();
      // One notice answered, one still unread (the one about the pending extension).
      const answered = pending ? null : new Date(now - DAY_MS / 2);
      await db
        .insertInto('notice_receipts')
        .values({ ...anc(home), notice_id: notice.id, unit_id: unit.id, read_at: answered, read_by: answered && worker.id, reply: answered && '已组织专题研究,整改方案已印发,预计按期完成', replied_at: answered, replied_by: answered && worker.id, replied_by_name: answered && worker.name })
        .execute();
    }
  }
  return spec.items.length;
}

/**
 * Rectification demo data (idempotent): a provincial 法治督察 of 河东区 with 40 findings spread
 * over its departments and five townships (delegated), in every status, with deadlines relative
 * to today (overdue, due within a week, later), flags, progress, extensions and notices; and a
 * 临沂市 专项督察 of 兰山区 and 河东区. No evidence files (the demo has no file storage).
 */
export async function seedRectificationDemo(db: Kysely<Database>): Promise<{ items: number }> {
  const run = async (tx: Kysely<Database>) => {
    await sql`select pg_advisory_xact_lock(hashtext('fz:seed-rectification-demo'))`.execute(tx);
    const year = calendarDate(new Date()).slice(0, 4);
    const users = await tx
      .selectFrom('users as u')
      .innerJoin('units as n', 'n.id', 'u.unit_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'n.name as unit'])
      .where('u.is_demo', '=', true)
      .orderBy('u.id')
      .execute();
    const provincial: InspectionSpec = { by: '37', type: 'rule_of_law', title: `${year}年度全省法治政府建设督察(河东区)`, team: '省委依法治省办第三督察组', startAgo: 100, items: PROVINCE_FINDINGS.map((f, i) => ['371312', f, PROVINCE_PLAN[i]!]) };
    const city: InspectionSpec = { by: '3713', type: 'special', title: `${year}年行政复议与行政应诉工作专项督察`, team: '市委依法治市办督察组', startAgo: 50, items: CITY_FINDINGS };
    return { items: (await seedInspection(tx, provincial, users)) + (await seedInspection(tx, city, users)) };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

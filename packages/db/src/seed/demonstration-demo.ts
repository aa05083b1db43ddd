import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { addDays, ancestorIdsOfCode, calendarDate } from '@fz/domain';
import type { ApplicationStatus, ApplicationTimelineKind, ParticipantLevel } from '@fz/domain';
import type { Database } from '../schema.js';
import type { Chapter } from './demonstration-standards.js';
import { COUNTY_STANDARD, TOWNSHIP_STANDARD } from './demonstration-standards.js';

const DAY_MS = 86_400_000;

const at = (code: string | number) => {
  const a = ancestorIdsOfCode(String(code));
  return { jurisdiction_id: Number(code), province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId };
};

interface Seeded {
  versionId: number;
  leaves: Array<{ id: number; code: string; max: number; veto: boolean }>;
}

/** A published standard of `owner` with its chapters and leaves (skipped when the system exists). */
async function seedStandard(db: Kysely<Database>, owner: string, name: string, level: ParticipantLevel, passLine: number, satisfactionPct: number, chapters: Chapter[], description: string, createdBy: number | null): Promise<Seeded> {
  const place = at(owner);
  let system = await db.selectFrom('indicator_systems').select('id').where('jurisdiction_id', '=', place.jurisdiction_id).where('name', '=', name).executeTakeFirst();
  if (!system) {
    system = await db.insertInto('indicator_systems').values({ ...place, name, participant_level: level, description, created_by: createdBy }).returning('id').executeTakeFirstOrThrow();
    const v = await db.insertInto('indicator_versions').values({ ...place, system_id: system.id, version_no: 1, pass_line: passLine * 10, satisfaction_pct: satisfactionPct, notes: '首次发布', created_by: createdBy }).returning('id').executeTakeFirstOrThrow();
    for (const [i, chapter] of chapters.entries()) {
      const parent = await db
        .insertInto('indicator_nodes')
        .values({ ...place, version_id: v.id, parent_id: null, level: 1, code: chapter.code, name: chapter.name, max_score: null, guidance: null, evidence: null, sort_order: (i + 1) * 10 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('indicator_nodes')
        .values(chapter.leaves.map(([code, leafName, max, guidance, evidence, veto], k) => ({ ...place, version_id: v.id, parent_id: parent.id, level: 2, code, name: leafName, max_score: max * 10, guidance, evidence, veto: veto ?? false, sort_order: (k + 1) * 10 })))
        .execute();
    }
    await db.updateTable('indicator_versions').set({ status: 'published', published_at: new Date(Date.now() - 60 * DAY_MS) }).where('id', '=', v.id).execute();
  }
  const version = await db.selectFrom('indicator_versions').select('id').where('system_id', '=', system.id).where('status', '=', 'published').orderBy('version_no', 'desc').executeTakeFirstOrThrow();
  const leaves = await db
    .selectFrom('indicator_nodes as n')
    .select(['n.id', 'n.code', 'n.max_score', 'n.veto'])
    .where('n.version_id', '=', version.id)
    .where('n.max_score', 'is not', null)
    .orderBy('n.level')
    .orderBy('n.parent_id')
    .orderBy('n.sort_order')
    .execute();
  return { versionId: version.id, leaves: leaves.map((l) => ({ id: l.id, code: l.code, max: l.max_score!, veto: l.veto })) };
}

/** How far each 河东区 street has got: status, indicators self-assessed, and what happened. */
interface Stage {
  name: string;
  status: ApplicationStatus;
  /** Leaves with a self score (all of them once submitted). */
  filled: number;
  /** Tenths taken off some self scores (a stable pattern per street). */
  slack: number;
  satisfaction?: number;
  vetoCode?: string;
  reason?: string;
}

const HEDONG_STAGES: Stage[] = [
  // 九曲街道 is the demo user `street`'s: three indicators left for the walkthrough to fill and submit.
  { name: '九曲街道', status: 'in_progress', filled: 27, slack: 1 },
  { name: '相公街道', status: 'submitted', filled: 30, slack: 2 },
  { name: '太平街道', status: 'first_review', filled: 30, slack: 3 },
  { name: '汤头街道', status: 'named', filled: 30, slack: 1, satisfaction: 93 },
  { name: '凤凰岭街道', status: 'returned', filled: 30, slack: 4, reason: '“民主法治示范村(社区)”创建、应急演练两项佐证材料不全,请补充后重新申报' },
  { name: '芝麻墩街道', status: 'evaluation', filled: 30, slack: 2 },
  { name: '梅家埠街道', status: 'in_progress', filled: 12, slack: 2 },
  { name: '朝阳街道', status: 'named', filled: 30, slack: 0, satisfaction: 95 },
  { name: '汤河镇', status: 'not_started', filled: 0, slack: 0 },
  { name: '八湖镇', status: 'not_started', filled: 0, slack: 0 },
  { name: '郑旺镇', status: 'not_passed', filled: 30, slack: 2, satisfaction: 88, vetoCode: '3.7', reason: '发生因违法行政引发的群体性事件,一票否决' },
];
const LANSHAN_STAGES: Array<Pick<Stage, 'status' | 'filled' | 'slack'>> = [
  { status: 'submitted', filled: 30, slack: 2 },
  { status: 'in_progress', filled: 20, slack: 1 },
  { status: 'in_progress', filled: 8, slack: 3 },
  { status: 'in_progress', filled: 15, slack: 2 },
];

/** The path of timeline events to a status. */
const PATH: Record<ApplicationStatus, ApplicationTimelineKind[]> = {
  not_started: [],
  in_progress: ['save'],
  submitted: ['save', 'submit'],
  first_review: ['save', 'submit', 'startReview'],
  evaluation: ['save', 'submit', 'startReview', 'completeReview'],
  named: ['save', 'submit', 'startReview', 'completeReview', 'evaluate', 'name'],
  not_passed: ['save', 'submit', 'startReview', 'completeReview', 'evaluate', 'fail'],
  returned: ['save', 'submit', 'startReview', 'return'],
};
const AFTER: Partial<Record<ApplicationTimelineKind, ApplicationStatus>> = { save: 'in_progress', submit: 'submitted', startReview: 'first_review', completeReview: 'evaluation', name: 'named', fail: 'not_passed', return: 'returned' };
const REVIEWED: readonly ApplicationStatus[] = ['first_review', 'evaluation', 'named', 'not_passed', 'returned'];

const REPORTS = [
  '召开法治镇街创建工作推进会,印发创建实施方案,明确责任分工和时间节点',
  '完成村(社区)法律顾问服务情况摸底,补齐2个社区的法律顾问服务协议',
  '组织开展民法典宣传月活动,发放宣传材料1200余份,开展以案释法讲座3场',
  '对照指标体系逐项自查,形成自查报告,梳理出短板弱项5项并制定整改措施',
];

/** A self score: the maximum less a little on some indicators (a stable pattern per street). */
const selfScore = (max: number, street: number, leaf: number, slack: number) => Math.max(0, max - ((street + leaf) % 4 === 0 ? slack * 5 : 0));

/**
 * Demonstration demo data (idempotent): a 临沂市 township standard (法治镇街, 5 / 30, pass line 90,
 * survey 15%), a 山东省 county standard on the 纲要's nine chapters, and 临沂市's campaign of this
 * year over the townships of 河东区 and 兰山区 (target 2/3), with 河东区's eleven at every stage —
 * 九曲街道 (demo user `street`) in progress with three indicators left — and progress reports.
 */
export async function seedDemonstrationDemo(db: Kysely<Database>): Promise<{ applications: number }> {
  const run = async (tx: Kysely<Database>) => {
    await sql`select pg_advisory_xact_lock(hashtext('fz:seed-demonstration-demo'))`.execute(tx);
    const users = await tx.selectFrom('users').select(['id', 'username', 'display_name']).where('is_demo', '=', true).execute();
    const user = (name: string) => users.find((u) => u.username === name) ?? null;
    const linyi = user('linyi');
    const now = Date.now();
    const today = calendarDate(new Date(now));
    const year = Number(today.slice(0, 4));
    const township = await seedStandard(tx, '3713', '临沂市法治镇街创建指标体系', 'township', 90, 15, TOWNSHIP_STANDARD, '参照青岛市“法治镇街”创建标准:5个大项、30个小项,满分100分,90分以上推荐命名;群众满意度测评占总分15%。', linyi?.id ?? null);
    await seedStandard(tx, '37', '山东省法治政府建设示范县(市、区)指标体系(试行)', 'county', 90, 10, COUNTY_STANDARD, '一级指标对应《法治政府建设实施纲要(2021—2025年)》各章,二级指标为各项重点任务。', user('province')?.id ?? null);

    const name = `${year}年度全市法治镇街创建活动`;
    if (await tx.selectFrom('campaigns').select('id').where('jurisdiction_id', '=', 3713).where('year', '=', year).where('name', '=', name).executeTakeFirst()) return { applications: 0 };
    const started = now - 40 * DAY_MS;
    const campaign = await tx
      .insertInto('campaigns')
      .values({
        ...at('3713'), owner_name: '临沂市', name, year, version_id: township.versionId, participant_level: 'township', submit_deadline: addDays(today, 30), review_deadline: addDays(today, 60),
        target_numerator: 2, target_denominator: 3, pass_line: 900, veto_fails: true, description: '到年底全市三分之二以上镇(街道)达到法治镇街创建标准。', created_by: linyi?.id ?? null, created_at: new Date(started), updated_at: new Date(started),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const streets = await tx.selectFrom('jurisdictions').select(['id', 'name', 'county_id']).where('county_id', 'in', [371312, 371302]).where('level', '=', 'township').orderBy('id').execute();
    const lanshan = streets.filter((s) => s.county_id === 371302);
    let count = 0;
    for (const s of streets) {
      const stage: Stage = s.county_id === 371312 ? (HEDONG_STAGES.find((h) => h.name === s.name) ?? { name: s.name, status: 'not_started', filled: 0, slack: 0 }) : { name: s.name, ...(LANSHAN_STAGES[lanshan.indexOf(s)] ?? { status: 'not_started', filled: 0, slack: 0 }) };
      await seedApplication(tx, { campaignId: campaign.id, versionId: township.versionId, leaves: township.leaves, street: s, stage, index: count, started, now, users: { linyi, county: user(s.county_id === 371312 ? 'hedong' : 'lanshan'), own: users.find((u) => u.username === (s.id === 371312001 ? 'street' : s.id === 371312004 ? 'xiangong' : '')) ?? null } });
      count += 1;
    }
    return { applications: count };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

interface Actor {
  id: number;
  display_name: string;
}

interface ApplicationSeed {
  campaignId: number;
  versionId: number;
  leaves: Seeded['leaves'];
  street: { id: number; name: string; county_id: number | null };
  stage: Stage;
  index: number;
  started: number;
  now: number;
  users: { linyi: Actor | null; county: Actor | null; own: Actor | null };
}

async function seedApplication(db: Kysely<Database>, s: ApplicationSeed): Promise<void> {
  const { stage, street } = s;
  const place = at(street.id);
  const kinds: ApplicationTimelineKind[] = ['create', ...PATH[stage.status]];
  const reports = stage.status === 'not_started' ? 0 : 1 + (s.index % 3);
  const span = s.now - DAY_MS - s.started;
  const times = kinds.map((_, i) => new Date(s.started + (i / kinds.length) * span + s.index * 60_000));
  const when = (k: ApplicationTimelineKind) => times[kinds.lastIndexOf(k)] ?? null;
  const decided = when('name') ?? when('fail');
  const app = await db
    .insertInto('applications')
    .values({
      ...place, campaign_id: s.campaignId, reviewer_jurisdiction_id: street.county_id!, owner_jurisdiction_id: 3713, version_id: s.versionId, status: stage.status,
      satisfaction_score: stage.satisfaction === undefined ? null : stage.satisfaction * 10, evaluation_comment: stage.satisfaction === undefined ? null : '经第三方评估和群众满意度测评,创建工作成效明显',
      evaluated_at: when('evaluate'), submitted_at: when('submit'), decided_at: decided, version: kinds.length - 1, created_at: times[0]!, updated_at: times.at(-1)!,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const filler = s.users.own?.display_name ?? `${street.name}填报员`;
  const reviewer = s.users.county?.display_name ?? '区依法治区办';
  const reviewed = REVIEWED.includes(stage.status);
  if (stage.filled > 0) {
    await db
      .insertInto('assessments')
      .values(
        s.leaves.slice(0, stage.filled).map((leaf, k) => {
          const self = selfScore(leaf.max, s.index, k, stage.slack);
          // The reviewer took a little more off where the evidence was thin.
          const adjusted = reviewed && k % 9 === 4 ? Math.max(0, self - 5) : self;
          return {
            ...place, application_id: app.id, indicator_id: leaf.id, version_id: s.versionId, self_score: self, explanation: `已对照评分标准逐项落实,${leaf.code}项相关制度、台账和佐证材料齐全。`,
            assessed_at: new Date(s.started + (k + 1) * 3_600_000), assessed_by_name: filler,
            reviewed_score: reviewed ? adjusted : null, review_comment: reviewed && adjusted !== self ? '佐证材料不够充分,酌情扣分' : null, veto_hit: reviewed && leaf.code === stage.vetoCode,
            reviewed_at: reviewed && adjusted !== self ? (when('startReview') ?? null) : null, reviewed_by_name: reviewed && adjusted !== self ? reviewer : null,
          };
        }),
      )
      .execute();
  }
  const actorOf = (k: ApplicationTimelineKind): { id: number | null; name: string; unit: string } => {
    if (k === 'create' || k === 'evaluate' || k === 'name' || k === 'fail') return { id: s.users.linyi?.id ?? null, name: s.users.linyi?.display_name ?? '临沂市督察员', unit: '临沂市司法局' };
    if (k === 'startReview' || k === 'completeReview' || k === 'return') return { id: s.users.county?.id ?? null, name: reviewer, unit: street.county_id === 371312 ? '河东区政府办公室' : '兰山区政府办公室' };
    return { id: s.users.own?.id ?? null, name: filler, unit: `${street.name}${street.name.endsWith('镇') ? '人民政府' : '办事处'}` };
  };
  let status: ApplicationStatus | null = null;
  await db
    .insertInto('application_events')
    .values(
      kinds.map((k, i) => {
        const from = status;
        status = k === 'create' ? 'not_started' : (AFTER[k] ?? status);
        const actor = actorOf(k);
        return {
          ...place, application_id: app.id, at: times[i]!, actor_user_id: actor.id, actor_name: actor.name, actor_unit_name: actor.unit, event: k,
          from_status: k === 'create' || k === 'evaluate' ? null : from, to_status: k === 'evaluate' ? null : status,
          reason: k === 'return' || k === 'fail' ? (stage.reason ?? null) : null, note: k === 'completeReview' ? '初审通过,报市评估' : k === 'name' ? '同意命名为法治镇街' : null,
          payload: k === 'evaluate' ? JSON.stringify({ satisfactionScore: (stage.satisfaction ?? 0) * 10 }) : null,
        };
      }),
    )
    .execute();
  for (let r = 0; r < reports; r++) {
    const atTime = new Date(s.started + ((r + 1) / (reports + 1)) * (s.now - s.started) + s.index * 60_000);
    const actor = actorOf('save');
    const report = await db
      .insertInto('progress_reports')
      .values({ ...place, application_id: app.id, text: REPORTS[(s.index + r) % REPORTS.length]!, author_user_id: actor.id, author_name: actor.name, author_unit_name: actor.unit, created_at: atTime })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('application_events').values({ ...place, application_id: app.id, at: atTime, actor_user_id: actor.id, actor_name: actor.name, actor_unit_name: actor.unit, event: 'report', note: REPORTS[(s.index + r) % REPORTS.length]!, payload: JSON.stringify({ reportId: report.id }) }).execute();
  }
}

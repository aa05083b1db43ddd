import { sql } from 'kysely';
import { ancestorIdsOfCode, levelOfCode } from '@fz/domain';
import type { ApplicationStatus, ParticipantLevel, ScopedRecord } from '@fz/domain';
import type { Db } from '@fz/db';

/**
 * Demonstration fixtures of a matrix target, made lazily and as the system (owner) role, one SQL
 * statement each: a standard kept at the target (a draft, or a published version), and a campaign
 * of the target's city with an application of the target (township or county) in a given status.
 */
export interface DemoFixtures {
  /** A draft township standard kept at the target, with one leaf (version 0). */
  draft(): Promise<StandardFixture>;
  /** A published township standard kept at the target, with one leaf. */
  published(): Promise<StandardFixture>;
  /** The city's campaign the target takes part in (its own, for a city); null for a province. */
  campaign(): Promise<CampaignFixture | null>;
  /** The target's application in that campaign, in `status`; null above county level. */
  application(status: ApplicationStatus): Promise<ApplicationFixture | null>;
}

export interface StandardFixture {
  versionId: number;
  nodeId: number;
}
export interface CampaignFixture {
  campaignId: number;
}
export interface ApplicationFixture extends CampaignFixture {
  applicationId: number;
  version: number;
  leafId: number;
  assessmentVersion: number;
  fileId: number;
  reportId: number;
}

let seq = 0;
const uniq = () => `${Date.now() % 100000}-${++seq}`;
const anc = (code: string | number) => {
  const a = ancestorIdsOfCode(String(code));
  return { id: Number(code), p: a.provinceId, c: a.cityId, co: a.countyId, t: a.townshipId };
};

/** The city a campaign of the target belongs to, or null for a province. */
export function campaignOwnerOf(code: string): number | null {
  const level = levelOfCode(code);
  if (level === 'province') return null;
  return level === 'city' ? Number(code) : ancestorIdsOfCode(code).cityId;
}

/** The target's application as abilities see it, or null when the target cannot take part. */
export function applicationRecordOf(code: string): ScopedRecord | null {
  const level = levelOfCode(code);
  if (level !== 'township' && level !== 'county') return null;
  const a = ancestorIdsOfCode(code);
  return { jurisdictionId: Number(code), ...a, reviewerJurisdictionId: level === 'township' ? a.countyId! : a.cityId!, ownerJurisdictionId: a.cityId! };
}

async function standard(db: Db, owner: string, level: ParticipantLevel, status: 'draft' | 'published'): Promise<StandardFixture> {
  const o = anc(owner);
  const { rows } = await sql<{ version_id: number; node_id: number }>`
    with s as (
      insert into indicator_systems (jurisdiction_id, province_id, city_id, county_id, township_id, name, participant_level)
      values (${o.id}, ${o.p}, ${o.c}, ${o.co}, ${o.t}, ${`矩阵标准${uniq()}`}, ${level}) returning id),
    v as (
      insert into indicator_versions (system_id, jurisdiction_id, province_id, city_id, county_id, township_id, version_no, pass_line, satisfaction_pct)
      select id, ${o.id}, ${o.p}, ${o.c}, ${o.co}, ${o.t}, 1, 900, 0 from s returning id),
    n as (
      insert into indicator_nodes (version_id, jurisdiction_id, province_id, city_id, county_id, township_id, level, code, name, max_score)
      select id, ${o.id}, ${o.p}, ${o.c}, ${o.co}, ${o.t}, 1, '1', '矩阵指标', 1000 from v returning id)
    select (select id from v) as version_id, (select id from n) as node_id`.execute(db);
  const r = rows[0]!;
  if (status === 'published') await db.updateTable('indicator_versions').set({ status: 'published', published_at: new Date() }).where('id', '=', r.version_id).execute();
  return { versionId: r.version_id, nodeId: r.node_id };
}

/** One published standard per (owner, level), shared by every campaign fixture of the file. */
const shared = new Map<string, Promise<StandardFixture>>();
function sharedStandard(db: Db, owner: number, level: ParticipantLevel): Promise<StandardFixture> {
  const key = `${owner}:${level}`;
  let s = shared.get(key);
  if (!s) shared.set(key, (s = standard(db, String(owner), level, 'published')));
  return s;
}

const REVIEWED: readonly ApplicationStatus[] = ['first_review', 'evaluation', 'named', 'not_passed', 'returned'];

async function campaignWith(db: Db, code: string, status: ApplicationStatus | null): Promise<ApplicationFixture | CampaignFixture | null> {
  const owner = campaignOwnerOf(code);
  if (owner === null) return null;
  const record = applicationRecordOf(code);
  const level: ParticipantLevel = levelOfCode(code) === 'county' ? 'county' : 'township';
  const std = await sharedStandard(db, owner, level);
  const o = anc(owner);
  const campaign = await db
    .insertInto('campaigns')
    .values({ jurisdiction_id: o.id, province_id: o.p, city_id: o.c, county_id: o.co, township_id: o.t, owner_name: '矩阵', name: `矩阵创建${uniq()}`, year: 2026, version_id: std.versionId, participant_level: level, submit_deadline: '2099-12-30', review_deadline: '2099-12-31', target_numerator: 2, target_denominator: 3, pass_line: 900, description: null, created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (record === null || status === null) return { campaignId: campaign.id };
  const p = anc(code);
  const reviewed = REVIEWED.includes(status) ? 950 : null;
  const { rows } = await sql<{ application_id: number; version: number; assessment_version: number; file_id: number; report_id: number }>`
    with a as (
      insert into applications (campaign_id, jurisdiction_id, province_id, city_id, county_id, township_id, reviewer_jurisdiction_id, owner_jurisdiction_id, version_id, status, decided_at)
      values (${campaign.id}, ${p.id}, ${p.p}, ${p.c}, ${p.co}, ${p.t}, ${record.reviewerJurisdictionId}, ${owner}, ${std.versionId}, ${status}, ${status === 'named' || status === 'not_passed' ? new Date() : null})
      returning id, version),
    x as (
      insert into assessments (application_id, indicator_id, version_id, jurisdiction_id, province_id, city_id, county_id, township_id, self_score, reviewed_score)
      select id, ${std.nodeId}, ${std.versionId}, ${p.id}, ${p.p}, ${p.c}, ${p.co}, ${p.t}, 950, ${reviewed}::int from a returning id, version),
    r as (
      insert into progress_reports (application_id, jurisdiction_id, province_id, city_id, county_id, township_id, text)
      select id, ${p.id}, ${p.p}, ${p.c}, ${p.co}, ${p.t}, '矩阵进展' from a returning id),
    f as (
      insert into application_files (application_id, assessment_id, jurisdiction_id, province_id, city_id, county_id, township_id, sha256, size_bytes, mime, original_name, storage_key)
      select a.id, x.id, ${p.id}, ${p.p}, ${p.c}, ${p.co}, ${p.t}, ${'b'.repeat(64)}, 1, 'application/pdf', '矩阵.pdf', ${`sha256/bb/bb/${'b'.repeat(64)}`} from a, x returning id)
    select (select id from a) as application_id, (select version from a) as version, (select version from x) as assessment_version,
      (select id from f) as file_id, (select id from r) as report_id`.execute(db);
  const r = rows[0]!;
  return { campaignId: campaign.id, applicationId: r.application_id, version: r.version, leafId: std.nodeId, assessmentVersion: r.assessment_version, fileId: r.file_id, reportId: r.report_id };
}

export function demoFixtures(db: Db, code: string): DemoFixtures {
  let draft: Promise<StandardFixture> | undefined;
  let published: Promise<StandardFixture> | undefined;
  return {
    draft: () => (draft ??= standard(db, code, 'township', 'draft')),
    published: () => (published ??= standard(db, code, 'township', 'published')),
    campaign: async () => campaignWith(db, code, levelOfCode(code) === 'city' ? null : 'in_progress'),
    application: async (status) => {
      const f = await campaignWith(db, code, status);
      return f !== null && 'applicationId' in f ? f : null;
    },
  };
}

import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { ROLES } from '@fz/domain';
import type { Role, UnitKind } from '@fz/domain';
import type { Database, Jurisdiction, NewUnit } from '../schema.js';
import { importDivisionsInto } from './divisions.js';
import { seedRectificationDemo } from './rectification-demo.js';
import { seedDemonstrationDemo } from './demonstration-demo.js';
import { seedPlansDemo } from './plans-demo.js';
import { seedReportingDemo } from './reporting-demo.js';

/** Password of every demo account. Demo accounts exist only in demo data (`is_demo = true`). */
export const DEMO_PASSWORD = 'Demo@2026';

/** The province the demo covers: Shandong. */
export const DEMO_PROVINCE = '37';

export interface DemoAccountSpec {
  username: string;
  displayName: string;
  roles: readonly Role[];
  /** Division code of the unit's jurisdiction. */
  jurisdictionCode: string;
  /** Full name of the user's unit (created by the demo seed). */
  unitName: string;
}

/** The demo accounts, in the order they are listed at start-up. */
export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  { username: 'province', displayName: '省督察员', roles: ['supervisor'], jurisdictionCode: '37', unitName: '山东省司法厅' },
  { username: 'linyi', displayName: '临沂市督察员', roles: ['supervisor'], jurisdictionCode: '3713', unitName: '临沂市司法局' },
  { username: 'hedong', displayName: '河东区依法治区办', roles: ['admin', 'supervisor'], jurisdictionCode: '371312', unitName: '河东区政府办公室' },
  { username: 'hedong-sfj', displayName: '河东区司法局填报员', roles: ['operator'], jurisdictionCode: '371312', unitName: '河东区司法局' },
  { username: 'street', displayName: '九曲街道填报员', roles: ['operator'], jurisdictionCode: '371312001', unitName: '九曲街道办事处' },
  { username: 'leader', displayName: '省领导', roles: ['viewer'], jurisdictionCode: '37', unitName: '山东省政府办公室' },
  { username: 'lanshan', displayName: '兰山区依法治区办', roles: ['admin', 'supervisor'], jurisdictionCode: '371302', unitName: '兰山区政府办公室' },
  { username: 'xiangong', displayName: '相公街道填报员', roles: ['operator'], jurisdictionCode: '371312004', unitName: '相公街道办事处' },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  jurisdictionName: string;
  unitName: string;
}

export interface SeedDemoResult {
  accounts: DemoAccount[];
}

interface UnitTemplate {
  /** Appended to the jurisdiction's name to form the unit's full name. */
  suffix: string;
  kind: UnitKind;
}

const office = (suffix: string): UnitTemplate => ({ suffix, kind: 'office' });
const department = (suffix: string): UnitTemplate => ({ suffix, kind: 'department' });

/**
 * The standard units of a county-level government. For 河东区 they are 河东区政府办公室,
 * 河东区委编办, 河东区司法局 …; the short name drops the jurisdiction's name (政府办公室, 司法局).
 * Police of a city district is a branch of the city bureau (公安分局).
 */
function countyUnitTemplates(countyName: string): UnitTemplate[] {
  const district = countyName.endsWith('区');
  return [
    office('政府办公室'),
    department('委编办'),
    department('司法局'),
    department('发改局'),
    department('财政局'),
    department('市场监管局'),
    department('行政审批服务局'),
    department(district ? '公安分局' : '公安局'),
    department('人社局'),
    department('自然资源局'),
    department('住建局'),
    department('农业农村局'),
    department('应急局'),
    department('综合行政执法局'),
    department('教育局'),
  ];
}

/** Units of a county-level development zone: its management committee's office and bureaus. */
const ZONE_UNIT_TEMPLATES: readonly UnitTemplate[] = [
  office('管委会办公室'),
  department('经济发展局'),
  department('财政金融局'),
  department('社会事务局'),
  department('综合行政执法局'),
];

const CITY_UNIT_TEMPLATES: readonly UnitTemplate[] = [office('政府办公室'), department('司法局')];
const PROVINCE_UNIT_TEMPLATES: readonly UnitTemplate[] = [office('政府办公室'), department('司法厅')];

/** Names ending like this already name the body that governs the township-level unit. */
const GOVERNING_BODY = /(管理委员会|管委会|办事处|服务中心|办公室|人民政府)$/;

/**
 * The government of a township-level unit: 九曲街道办事处, 汤河镇人民政府, 某乡人民政府; a
 * development zone or farm gets its management committee (商河经济开发区管理委员会).
 */
export function townshipGovernment(name: string): { name: string; shortName: string } {
  if (name.endsWith('街道')) return { name: `${name}办事处`, shortName: '街道办事处' };
  if (name.endsWith('镇')) return { name: `${name}人民政府`, shortName: '镇人民政府' };
  if (name.endsWith('乡')) return { name: `${name}人民政府`, shortName: '乡人民政府' };
  if (name.endsWith('苏木')) return { name: `${name}人民政府`, shortName: '苏木人民政府' };
  if (GOVERNING_BODY.test(name)) return { name, shortName: name };
  const base = name.replace(/类似乡级单位$/, '');
  return { name: `${base}管理委员会`, shortName: '管理委员会' };
}

type JurisdictionRow = Pick<Jurisdiction, 'id' | 'name' | 'level' | 'kind' | 'province_id' | 'city_id' | 'county_id' | 'township_id'>;

/** The standard units of every jurisdiction of the demo province. */
export function demoUnits(jurisdictions: readonly JurisdictionRow[]): NewUnit[] {
  const units: NewUnit[] = [];
  for (const j of jurisdictions) {
    const at = {
      jurisdiction_id: j.id,
      province_id: j.province_id,
      city_id: j.city_id,
      county_id: j.county_id,
      township_id: j.township_id,
    };
    if (j.level === 'township') {
      const gov = townshipGovernment(j.name);
      units.push({ ...at, name: gov.name, short_name: gov.shortName, kind: 'township_government', sort_order: 10 });
      continue;
    }
    if (j.kind === 'placeholder') continue;
    const templates =
      j.level === 'province'
        ? PROVINCE_UNIT_TEMPLATES
        : j.level === 'city'
          ? CITY_UNIT_TEMPLATES
          : j.kind === 'development_zone'
            ? ZONE_UNIT_TEMPLATES
            : countyUnitTemplates(j.name);
    templates.forEach((t, i) => {
      units.push({ ...at, name: `${j.name}${t.suffix}`, short_name: t.suffix, kind: t.kind, sort_order: (i + 1) * 10 });
    });
  }
  return units;
}

const UNIT_BATCH_SIZE = 1000;

/** Inserts the province's standard units that do not exist yet (same jurisdiction and name). */
async function insertDemoUnits(db: Kysely<Database>, provinceId: number): Promise<number> {
  const jurisdictions = await db
    .selectFrom('jurisdictions')
    .select(['id', 'name', 'level', 'kind', 'province_id', 'city_id', 'county_id', 'township_id'])
    .where('province_id', '=', provinceId)
    .orderBy('id')
    .execute();
  const existing = await db.selectFrom('units').select(['jurisdiction_id', 'name']).where('province_id', '=', provinceId).execute();
  const seen = new Set(existing.map((u) => `${u.jurisdiction_id}\u0000${u.name}`));
  const missing = demoUnits(jurisdictions).filter((u) => !seen.has(`${u.jurisdiction_id}\u0000${u.name}`));
  for (let i = 0; i < missing.length; i += UNIT_BATCH_SIZE) {
    await db
      .insertInto('units')
      .values(missing.slice(i, i + UNIT_BATCH_SIZE))
      .execute();
  }
  return missing.length;
}

/** @node-rs/argon2's `Algorithm.Argon2id` is a const enum (unusable with isolatedModules); 2 is its value. */
const ARGON2ID = 2;

function hashDemoPassword(): Promise<string> {
  return hash(DEMO_PASSWORD, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

async function insertDemoUsers(db: Kysely<Database>): Promise<void> {
  for (const spec of DEMO_ACCOUNTS) {
    const unit = await db
      .selectFrom('units')
      .select(['id', 'jurisdiction_id', 'province_id', 'city_id', 'county_id', 'township_id'])
      .where('jurisdiction_id', '=', Number(spec.jurisdictionCode))
      .where('name', '=', spec.unitName)
      .orderBy('id')
      .executeTakeFirst();
    if (!unit) throw new Error(`demo seed: unit ${spec.unitName} of ${spec.jurisdictionCode} is missing`);
    const at = {
      jurisdiction_id: unit.jurisdiction_id,
      province_id: unit.province_id,
      city_id: unit.city_id,
      county_id: unit.county_id,
      township_id: unit.township_id,
    };
    const user = await db
      .insertInto('users')
      .values({
        ...at,
        username: spec.username,
        display_name: spec.displayName,
        unit_id: unit.id,
        password_hash: await hashDemoPassword(),
        must_change_password: false,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('role_memberships')
      .values(spec.roles.map((role) => ({ ...at, user_id: user.id, role })))
      .execute();
  }
}

/** True when any demo account exists (production start-up refuses to run then). */
export async function hasDemoUsers(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The demo accounts as stored, in `DEMO_ACCOUNTS` order. */
export async function listDemoAccounts(db: Kysely<Database>): Promise<DemoAccount[]> {
  const usernames = DEMO_ACCOUNTS.map((a) => a.username);
  const users = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'users.jurisdiction_id')
    .select(['users.id', 'users.username', 'users.display_name', 'units.name as unit_name', 'jurisdictions.name as jurisdiction_name'])
    .where('users.is_demo', '=', true)
    .where('users.username', 'in', usernames)
    .execute();
  const memberships = users.length
    ? await db
        .selectFrom('role_memberships')
        .select(['user_id', 'role'])
        .where(
          'user_id',
          'in',
          users.map((u) => u.id),
        )
        .execute()
    : [];
  const byUsername = new Map(users.map((u) => [u.username, u]));
  const accounts: DemoAccount[] = [];
  for (const username of usernames) {
    const u = byUsername.get(username);
    if (!u) continue;
    const held = new Set(memberships.filter((m) => m.user_id === u.id).map((m) => m.role));
    accounts.push({
      username: u.username,
      displayName: u.display_name,
      roles: ROLES.filter((r) => held.has(r)),
      jurisdictionName: u.jurisdiction_name,
      unitName: u.unit_name,
    });
  }
  return accounts;
}

async function seedDemoInto(db: Kysely<Database>): Promise<SeedDemoResult> {
  // Two processes starting on an empty database must not both seed.
  await sql`select pg_advisory_xact_lock(hashtext('fz:seed-demo'))`.execute(db);
  if (!(await hasDemoUsers(db))) {
    await importDivisionsInto(db, { province: DEMO_PROVINCE });
    await insertDemoUnits(db, Number(DEMO_PROVINCE));
    await insertDemoUsers(db);
  }
  await seedRectificationDemo(db);
  await seedPlansDemo(db);
  await seedDemonstrationDemo(db);
  await seedReportingDemo(db);
  return { accounts: await listDemoAccounts(db) };
}

/**
 * Demo data, in one transaction: Shandong's division tree, the standard units of every
 * jurisdiction in it, and the demo accounts (password `DEMO_PASSWORD`). Does nothing when demo
 * accounts exist already; returns the accounts either way. Called with a transaction, it runs
 * inside it.
 */
export async function seedDemo(db: Kysely<Database>): Promise<SeedDemoResult> {
  if (db.isTransaction) return seedDemoInto(db);
  return db.transaction().execute((tx) => seedDemoInto(tx));
}

import { sql } from 'kysely';
import { ancestorIdsOfCode } from '@fz/domain';
import type { Db } from '@fz/db';
import { DEMO_ACCOUNTS } from '@fz/db';

export interface RectFixture {
  inspectionId: number;
  itemId: number;
  itemVersion: number;
  noticeId: number;
  /** A township of the target when it is a county (for delegation), else null. */
  townshipId: number | null;
}

/** The level that supervises a fixture item at `code`: its parent (a province supervises itself). */
export function supervisorOf(code: string): number {
  const a = ancestorIdsOfCode(code);
  const chain = [a.provinceId, a.cityId, a.countyId, a.townshipId].filter((x): x is number => x !== null);
  return chain.at(-2) ?? chain[0]!;
}

/** The unit of the demo operator in `code` (河东区司法局, 九曲街道办事处 …), so operators meet their own items. */
export async function responsibleUnitFor(db: Db, code: string): Promise<number | null> {
  const account = DEMO_ACCOUNTS.find((a) => a.jurisdictionCode === code && a.roles.includes('operator'));
  if (!account) return null;
  const unit = await db.selectFrom('units').select('id').where('jurisdiction_id', '=', Number(code)).where('name', '=', account.unitName).executeTakeFirst();
  return unit?.id ?? null;
}

/**
 * An inspection of `code` by its parent level, one issued item assigned to `unitId`, and a
 * notice about it awaiting a reply: one statement, as the system (owner) role.
 */
export async function makeRectFixture(db: Db, code: string, unitId: number): Promise<RectFixture> {
  const j = Number(code);
  const a = ancestorIdsOfCode(code);
  const sup = supervisorOf(code);
  const s = ancestorIdsOfCode(String(sup));
  const { rows } = await sql<{ inspection_id: number; item_id: number; item_version: number; notice_id: number; township_id: number | null }>`
    with ins as (
      insert into inspections (supervising_jurisdiction_id, province_id, city_id, county_id, township_id, supervising_name, type, title, period_start, period_end)
      values (${sup}, ${s.provinceId}, ${s.cityId}, ${s.countyId}, ${s.townshipId}, '矩阵', 'rule_of_law', '矩阵测试督察', '2026-06-01', '2026-06-10')
      returning id),
    tgt as (
      insert into inspection_targets (inspection_id, jurisdiction_id, province_id, city_id, county_id, township_id)
      select id, ${j}, ${a.provinceId}, ${a.cityId}, ${a.countyId}, ${a.townshipId} from ins
      returning inspection_id),
    item as (
      insert into rectification_items (inspection_id, target_jurisdiction_id, number, problem, category, requirement, jurisdiction_id,
        province_id, city_id, county_id, township_id, supervising_jurisdiction_id, unit_id, deadline, original_deadline)
      select inspection_id, ${j}, '001', '矩阵测试问题', 'enforcement', '限期整改', ${j}, ${a.provinceId}, ${a.cityId}, ${a.countyId}, ${a.townshipId},
        ${sup}, ${unitId}, date '2027-06-30', date '2027-06-30' from tgt
      returning id, version),
    notice as (
      insert into notices (item_id, jurisdiction_id, province_id, city_id, county_id, township_id, unit_id, from_jurisdiction_id, from_name, text)
      select id, ${j}, ${a.provinceId}, ${a.cityId}, ${a.countyId}, ${a.townshipId}, ${unitId}, ${sup}, '矩阵', '请报送整改进展' from item
      returning id),
    receipt as (
      insert into notice_receipts (notice_id, jurisdiction_id, province_id, city_id, county_id, township_id, unit_id)
      select id, ${j}, ${a.provinceId}, ${a.cityId}, ${a.countyId}, ${a.townshipId}, ${unitId} from notice
      returning notice_id)
    select (select id from ins) as inspection_id, (select id from item) as item_id, (select version from item) as item_version,
      (select notice_id from receipt) as notice_id,
      (select min(id) from jurisdictions where parent_id = ${j} and level = 'township') as township_id`.execute(db);
  const r = rows[0]!;
  return { inspectionId: r.inspection_id, itemId: r.item_id, itemVersion: r.item_version, noticeId: r.notice_id, townshipId: r.township_id };
}

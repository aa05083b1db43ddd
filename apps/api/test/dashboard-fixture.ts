import { ancestorIdsOfCode } from '@fz/domain';
import type { InspectionType, ItemStatus } from '@fz/domain';
import type { Db } from '@fz/db';

/** "Today" of the dashboard tests. */
export const DASHBOARD_TODAY = '2026-06-15';

const place = (code: string) => {
  const a = ancestorIdsOfCode(code);
  return { province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId };
};

interface Spec {
  number: string;
  at: string;
  by: 'province' | 'city';
  status: ItemStatus;
  deadline: string;
  createdAt: string;
  closedAt?: string;
  overdueSince?: string;
  flagged?: boolean;
  extension?: boolean;
}

/**
 * Ten items in 济南 (3701), where the demo has none, each chosen for one rule (times are UTC;
 * the rules use Beijing dates): the province's 法治督察 of 历下区 and 市中区, the city's 专项督察
 * of 历下区. Items at 370102001 were handed down to that street.
 */
export const JINAN_ITEMS: Spec[] = [
  // A: due within the province's default 7 days → yellow.
  { number: 'A', at: '370102', by: 'province', status: 'issued', deadline: '2026-06-20', createdAt: '2026-03-10T02:00:00Z' },
  // B: past its deadline, marked by the sweep, flagged → red.
  { number: 'B', at: '370102', by: 'province', status: 'in_progress', deadline: '2026-06-01', createdAt: '2026-01-15T02:00:00Z', overdueSince: '2026-06-02', flagged: true },
  // C: past its deadline, not swept yet → red all the same.
  { number: 'C', at: '370102', by: 'province', status: 'in_progress', deadline: '2026-06-10', createdAt: '2026-02-01T02:00:00Z' },
  // D: issued on 2026-01-01 in Beijing (still 2025 in UTC), closed a day early → on time.
  { number: 'D', at: '370102', by: 'province', status: 'closed', deadline: '2026-05-31', createdAt: '2025-12-31T17:00:00Z', closedAt: '2026-05-30T02:00:00Z' },
  // E: closed three days late.
  { number: 'E', at: '370102', by: 'city', status: 'closed', deadline: '2026-04-30', createdAt: '2026-02-10T02:00:00Z', closedAt: '2026-05-03T02:00:00Z', overdueSince: '2026-05-01' },
  // F: 16 days left: green by the default rule, yellow by the city's 20 days; an extension awaits approval.
  { number: 'F', at: '370102', by: 'city', status: 'acknowledged', deadline: '2026-07-01', createdAt: '2026-04-01T02:00:00Z', extension: true },
  // G: at the street, due tomorrow, flagged → yellow.
  { number: 'G', at: '370102001', by: 'province', status: 'in_progress', deadline: '2026-06-16', createdAt: '2026-03-10T03:00:00Z', flagged: true },
  // H: at the street, closed early; its flag stayed but it is no longer supervised.
  { number: 'H', at: '370102001', by: 'city', status: 'closed', deadline: '2026-07-31', createdAt: '2026-03-20T02:00:00Z', closedAt: '2026-06-01T02:00:00Z', flagged: true },
  // I: issued on 2025-12-31 at 23:00 in Beijing → the only item of 2025; returned, far from its deadline → green.
  { number: 'I', at: '370103', by: 'province', status: 'returned', deadline: '2026-08-31', createdAt: '2025-12-31T15:00:00Z' },
  // J: closed at 01:00 on 1 April in Beijing (31 March in UTC), deadline 31 March → late, closed in April.
  { number: 'J', at: '370103', by: 'province', status: 'closed', deadline: '2026-03-31', createdAt: '2026-01-05T02:00:00Z', closedAt: '2026-03-31T17:00:00Z' },
];

async function inspection(db: Db, by: string, type: InspectionType, targets: string[]): Promise<number> {
  const { id } = await db
    .insertInto('inspections')
    .values({ supervising_jurisdiction_id: Number(by), ...place(by), supervising_name: by, type, title: `看板测试${type}`, period_start: '2026-01-01', period_end: '2026-01-10', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('inspection_targets').values(targets.map((t) => ({ inspection_id: id, jurisdiction_id: Number(t), ...place(t) }))).execute();
  return id;
}

/** Inserts JINAN_ITEMS as the owner (the rollup triggers run as for any write), then the city's 20-day yellow rule. */
export async function seedJinan(db: Db): Promise<void> {
  const byProvince = await inspection(db, '37', 'rule_of_law', ['370102', '370103']);
  const byCity = await inspection(db, '3701', 'special', ['370102']);
  await db
    .insertInto('rectification_items')
    .values(
      JINAN_ITEMS.map((s) => ({
        inspection_id: s.by === 'province' ? byProvince : byCity,
        target_jurisdiction_id: Number(s.at.slice(0, 6)),
        number: s.number,
        problem: `看板测试问题${s.number}`,
        category: 'enforcement' as const,
        requirement: '限期整改',
        jurisdiction_id: Number(s.at),
        ...place(s.at),
        supervising_jurisdiction_id: s.by === 'province' ? 37 : 3701,
        unit_id: null,
        deadline: s.deadline,
        original_deadline: s.deadline,
        status: s.status,
        flagged: s.flagged ?? false,
        flagged_at: s.flagged ? s.createdAt : null,
        flag_reason: s.flagged ? '整改进度滞后' : null,
        overdue_since: s.overdueSince ?? null,
        pending_extension_deadline: s.extension ? '2026-08-31' : null,
        pending_extension_requested_at: s.extension ? '2026-06-01T02:00:00Z' : null,
        closed_at: s.closedAt ?? null,
        created_by: null,
        created_at: s.createdAt,
      })),
    )
    .execute();
  // After the items: the rule change itself must move F into the yellow window.
  await db.insertInto('light_rules').values({ jurisdiction_id: 3701, ...place('3701'), yellow_within_days: 20 }).execute();
}

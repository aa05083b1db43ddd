import { sql } from 'kysely';
import { LEVEL_FIELD, childLevel, meetsTarget, percentOf, shareText } from '@fz/domain';
import type { Level } from '@fz/domain';
import type { Tx } from '@fz/db';

/** 示范创建 at a node: participants named over participants, against the latest campaign's target. */
export interface DemoShare {
  named: number;
  total: number;
  percent: number;
  meetsTarget: boolean;
  text: string;
  textEn: string;
}

export interface DemoShares {
  node: DemoShare | null;
  byChild: Map<number, DemoShare>;
}

const COLUMN = { provinceId: 'province_id', cityId: 'city_id', countyId: 'county_id', townshipId: 'township_id' } as const;

/**
 * Counts the applications of every campaign in the node's subtree (what the caller may read,
 * under RLS), per direct child and in total; the target is that of the newest campaign among
 * them. Null when no campaign reaches the node.
 */
export async function demonstrationShares(tx: Tx, node: { id: number; level: Level }): Promise<DemoShares> {
  const col = sql.ref(`a.${COLUMN[LEVEL_FIELD[node.level]]}`);
  const below = childLevel(node.level);
  const childCol = below ? sql.ref(`a.${COLUMN[LEVEL_FIELD[below]]}`) : sql`null::int`;
  const rows = await sql<{ child: number | null; named: number; total: number }>`
    select ${childCol} as child, count(*) filter (where a.status = 'named')::int as named, count(*)::int as total
    from applications a where ${col} = ${node.id} group by 1`.execute(tx);
  const target = await sql<{ numerator: number; denominator: number }>`
    select c.target_numerator as numerator, c.target_denominator as denominator
    from campaigns c where exists (select 1 from applications a where a.campaign_id = c.id and ${col} = ${node.id})
    order by c.year desc, c.id desc limit 1`.execute(tx);
  const t = target.rows[0];
  const byChild = new Map<number, DemoShare>();
  if (!t) return { node: null, byChild };
  const share = (named: number, total: number): DemoShare => ({ named, total, percent: percentOf(named, total), meetsTarget: meetsTarget(named, total, t), text: shareText(named, total, t), textEn: shareText(named, total, t, 'en-US') });
  let named = 0;
  let total = 0;
  for (const r of rows.rows) {
    named += r.named;
    total += r.total;
    if (r.child !== null) byChild.set(r.child, share(r.named, r.total));
  }
  return { node: share(named, total), byChild };
}

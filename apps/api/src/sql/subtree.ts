import { sql } from 'kysely';
import type { Expression, SqlBool } from 'kysely';
import type { AppAbility, Level, Principal } from '@fz/domain';
import type { Tx } from '@fz/db';
import { ancestorColumn, readableJurisdiction } from '../modules/jurisdictions/queries.js';

export interface SubtreeRoot {
  id: number;
  level: Level;
}

/** "In the subtree of `root`": one equality on the ancestor column of the root's level (never a tree walk). */
export function inSubtree(alias: string, root: SubtreeRoot): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.${ancestorColumn(root.level)}`)} = ${root.id}`;
}

/** The node a list is filtered to: a jurisdiction the caller may read, or the caller's own. */
export async function listRoot(tx: Tx, ability: AppAbility, principal: Principal, jurisdictionId: number | undefined): Promise<SubtreeRoot> {
  if (jurisdictionId === undefined) return { id: principal.jurisdiction.id, level: principal.jurisdiction.level };
  const j = await readableJurisdiction(tx, ability, jurisdictionId);
  return { id: j.id, level: j.level };
}

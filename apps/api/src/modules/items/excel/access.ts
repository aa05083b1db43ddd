import type { AppAbility } from '@fz/domain';
import type { Tx } from '@fz/db';
import { forbidden } from '../../../trpc/init.js';
import { issuingInspection, mayIssueTo } from '../create.js';
import type { IssueTarget, IssuingInspection } from '../create.js';

/**
 * An inspection the caller may issue findings under, with the targets it may issue to: the
 * checks of items.create, asked once for a whole file. FORBIDDEN without the permission at all
 * or for every target; NOT_FOUND when RLS hides the inspection.
 */
export async function issuableInspection(tx: Tx, ability: AppAbility, inspectionId: number): Promise<{ inspection: IssuingInspection; targets: IssueTarget[] }> {
  if (!ability.can('create', 'RectificationItem')) throw forbidden();
  const inspection = await issuingInspection(tx, inspectionId);
  const targets = [...inspection.targets.values()].filter((t) => mayIssueTo(ability, inspection, t));
  if (targets.length === 0) throw forbidden();
  return { inspection, targets };
}

export interface TargetUnit {
  id: number;
  jurisdictionId: number;
  name: string;
  shortName: string;
  isActive: boolean;
}

/** Names of the targets and their units (责任单位 candidates), in the units' display order. */
export async function targetDirectory(tx: Tx, targets: IssueTarget[]) {
  const ids = targets.map((t) => t.jurisdictionId);
  const [jurisdictions, units] = await Promise.all([
    tx.selectFrom('jurisdictions').select(['id', 'name']).where('id', 'in', ids).orderBy('id').execute(),
    tx
      .selectFrom('units')
      .select(['id', 'jurisdiction_id', 'name', 'short_name', 'is_active'])
      .where('jurisdiction_id', 'in', ids)
      .orderBy('jurisdiction_id')
      .orderBy('sort_order')
      .orderBy('name')
      .execute(),
  ]);
  return {
    names: new Map(jurisdictions.map((j) => [j.id, j.name])),
    units: units.map((u): TargetUnit => ({ id: u.id, jurisdictionId: u.jurisdiction_id, name: u.name, shortName: u.short_name, isActive: u.is_active })),
  };
}

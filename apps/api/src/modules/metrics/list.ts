import { metricListInput, sourceLevelFor } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { metricColumns, metricWithAllowed } from './queries.js';

const LIMIT = 500;

/**
 * Metric definitions around a node (the caller's own by default). `own`: what the node defines,
 * drafts included; `applicable`: the published definitions of the node and the levels above it
 * that the node or a level below it reports, each with the level whose reports make the node's
 * figure (its own, or the shallowest reporting level below).
 */
export const listMetrics = authorized('read', 'Metric')
  .input(metricListInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const node = await readableJurisdiction(tx, ctx.ability, input.jurisdictionId ?? ctx.principal.jurisdiction.id);
      const chain = [node.provinceId, node.cityId, node.countyId, node.townshipId].filter((id): id is number => id !== null);
      let q = tx.selectFrom('metrics as m').select(metricColumns).where(allowedWhere(ctx.ability, 'read', 'Metric', 'm'));
      q = input.scope === 'own' ? q.where('m.jurisdiction_id', '=', node.id) : q.where('m.jurisdiction_id', 'in', chain).where('m.status', '=', 'published');
      if (input.status) q = q.where('m.status', '=', input.status);
      // Division codes of one chain sort by depth: the province's metrics first.
      const rows = await q.orderBy('m.jurisdiction_id').orderBy('m.sort_order').orderBy('m.code').limit(LIMIT).execute();
      const items = rows
        .map((r) => ({ ...metricWithAllowed(ctx.ability, r), sourceLevel: sourceLevelFor(r.reporting_levels, node.level), reportsHere: r.reporting_levels.includes(node.level) }))
        .filter((m) => input.scope === 'own' || m.sourceLevel !== null);
      return { node: { id: node.id, name: node.name, level: node.level }, items };
    }),
  );

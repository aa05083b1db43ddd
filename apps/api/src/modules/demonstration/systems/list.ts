import { sql } from 'kysely';
import type { SqlBool } from 'kysely';
import { systemListInput } from '@fz/domain';
import type { ParticipantLevel, SystemVersionStatus } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { allowedWhere } from '../../../sql/ability-where.js';
import { inSubtree, listRoot } from '../../../sql/subtree.js';
import { iso, points } from '../common.js';

/** Ancestor ids of a node, from its code's prefixes (371312001 → 37, 3713, 371312). */
function ancestorsOfNode(root: { id: number }): number[] {
  const code = String(root.id);
  return [2, 4, 6].filter((n) => n < code.length).map((n) => Number(code.slice(0, n)));
}

interface SystemEntry {
  id: number;
  name: string;
  participantLevel: ParticipantLevel;
  description: string | null;
  jurisdictionId: number;
  versions: Array<{ id: number; versionNo: number; status: SystemVersionStatus; passLine: number; satisfactionPct: number; publishedAt: string | null; version: number; indicatorCount: number; maxTotal: number }>;
}

/**
 * Indicator systems usable at a node: those kept in its subtree (drafts included) and the
 * published versions of the levels above it, each with its versions, indicator counts and totals.
 */
export const listSystems = authorized('read', 'IndicatorSystem')
  .input(systemListInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const root = await listRoot(tx, ctx.ability, ctx.principal, input.jurisdictionId);
      const above = ancestorsOfNode(root);
      let q = tx
        .selectFrom('indicator_versions as v')
        .innerJoin('indicator_systems as s', 's.id', 'v.system_id')
        .select([
          'v.id',
          'v.system_id',
          'v.jurisdiction_id',
          'v.version_no',
          'v.status',
          'v.pass_line',
          'v.satisfaction_pct',
          'v.published_at',
          'v.version',
          's.name',
          's.participant_level',
          's.description',
          sql<number>`(select count(*) from indicator_nodes n where n.version_id = v.id)::int`.as('indicator_count'),
          sql<number>`(select coalesce(sum(n.max_score), 0) from indicator_nodes n where n.version_id = v.id
            and not exists (select 1 from indicator_nodes c where c.parent_id = n.id))::int`.as('max_total'),
        ])
        .where(allowedWhere(ctx.ability, 'read', 'IndicatorSystem', 'v'))
        .where((eb) => eb.or([inSubtree('v', root), above.length ? eb.and([eb('v.jurisdiction_id', 'in', above), eb('v.status', '=', 'published')]) : sql<SqlBool>`false`]))
        .orderBy('s.id')
        .orderBy('v.version_no', 'desc')
        .limit(500);
      if (input.participantLevel) q = q.where('s.participant_level', '=', input.participantLevel);
      const rows = await q.execute();
      const systems = new Map<number, SystemEntry>();
      for (const r of rows) {
        let entry = systems.get(r.system_id);
        if (!entry) systems.set(r.system_id, (entry = { id: r.system_id, name: r.name, participantLevel: r.participant_level, description: r.description, jurisdictionId: r.jurisdiction_id, versions: [] }));
        entry.versions.push({
          id: r.id,
          versionNo: r.version_no,
          status: r.status,
          passLine: points(r.pass_line)!,
          satisfactionPct: r.satisfaction_pct,
          publishedAt: iso(r.published_at),
          version: r.version,
          indicatorCount: Number(r.indicator_count),
          maxTotal: points(Number(r.max_total))!,
        });
      }
      return [...systems.values()];
    }),
  );

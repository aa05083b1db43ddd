import { AppError, INDICATOR_MESSAGES, MESSAGES, leafIdsOf } from '@fz/domain';
import type { Action, AppAbility, ParticipantLevel, ScopedRecord, SystemVersionStatus } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan, notFound } from '../../../trpc/init.js';
import { iso, placeOf, points } from '../common.js';

export const versionColumns = [
  'v.id',
  'v.system_id',
  'v.jurisdiction_id',
  'v.province_id',
  'v.city_id',
  'v.county_id',
  'v.township_id',
  'v.version_no',
  'v.status',
  'v.pass_line',
  'v.satisfaction_pct',
  'v.notes',
  'v.published_at',
  'v.version',
  'v.created_at',
  'v.updated_at',
  's.name as system_name',
  's.participant_level',
  's.description',
] as const;

export interface VersionRow {
  id: number;
  system_id: number;
  jurisdiction_id: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
  version_no: number;
  status: SystemVersionStatus;
  pass_line: number;
  satisfaction_pct: number;
  notes: string | null;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  system_name: string;
  participant_level: ParticipantLevel;
  description: string | null;
}

/** What abilities judge a version by: its owner's place and its status. */
export function versionRecord(v: Pick<VersionRow, 'id' | 'jurisdiction_id' | 'province_id' | 'city_id' | 'county_id' | 'township_id' | 'status'>): ScopedRecord & { jurisdictionId: number } {
  return { id: v.id, ...placeOf(v), status: v.status };
}

/**
 * A version the caller may `action`: NOT_FOUND when RLS hides it, FORBIDDEN when only the ability
 * refuses. Reading is checked first, so an invisible version never answers FORBIDDEN.
 */
export async function visibleVersion(tx: Tx, ability: AppAbility, id: number, action: Action = 'read'): Promise<VersionRow> {
  const row = await tx.selectFrom('indicator_versions as v').innerJoin('indicator_systems as s', 's.id', 'v.system_id').select(versionColumns).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  assertCan(ability, 'read', 'IndicatorSystem', versionRecord(row));
  if (action !== 'read') assertCan(ability, action, 'IndicatorSystem', versionRecord(row));
  return row;
}

/**
 * A draft the caller may edit, at the version the caller last read (CONFLICT otherwise). Every
 * edit ends with `touchVersion`, whose versioned update turns a concurrent edit into CONFLICT.
 */
export async function editableDraft(tx: Tx, ability: AppAbility, id: number, version: number, action: Action = 'update'): Promise<VersionRow> {
  const row = await visibleVersion(tx, ability, id, action);
  if (row.status !== 'draft') throw new AppError('BAD_REQUEST', INDICATOR_MESSAGES.notDraft);
  if (row.version !== version) throw new AppError('CONFLICT', MESSAGES.conflict);
  return row;
}

/** Marks a change of a draft (or its indicators): the version number moves on, so stale editors get CONFLICT. */
export async function touchVersion(tx: Tx, row: VersionRow, changes: { pass_line?: number; satisfaction_pct?: number; notes?: string | null; status?: 'published'; published_at?: Date } = {}): Promise<VersionRow> {
  const updated = await tx
    .updateTable('indicator_versions')
    .set((eb) => ({ ...changes, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returning(['version', 'status', 'pass_line', 'satisfaction_pct', 'notes', 'published_at', 'updated_at'])
    .executeTakeFirst();
  if (!updated) throw new AppError('CONFLICT', MESSAGES.conflict);
  return { ...row, ...updated };
}

export const nodeColumns = ['n.id', 'n.version_id', 'n.parent_id', 'n.level', 'n.code', 'n.name', 'n.max_score', 'n.guidance', 'n.evidence', 'n.veto', 'n.sort_order'] as const;
export const nodeReturning = ['id', 'version_id', 'parent_id', 'level', 'code', 'name', 'max_score', 'guidance', 'evidence', 'veto', 'sort_order'] as const;

export interface NodeRow {
  id: number;
  version_id: number;
  parent_id: number | null;
  level: number;
  code: string;
  name: string;
  max_score: number | null;
  guidance: string | null;
  evidence: string | null;
  veto: boolean;
  sort_order: number;
}

/** The indicators of a version in display order (level by level, then sort order). */
export async function versionNodes(tx: Tx, versionId: number): Promise<NodeRow[]> {
  return tx.selectFrom('indicator_nodes as n').select(nodeColumns).where('n.version_id', '=', versionId).orderBy('n.level').orderBy('n.sort_order').orderBy('n.id').execute();
}

export function nodeDto(n: NodeRow) {
  return { id: n.id, parentId: n.parent_id, level: n.level, code: n.code, name: n.name, maxScore: points(n.max_score), guidance: n.guidance, evidence: n.evidence, veto: n.veto, sortOrder: n.sort_order };
}

export interface TreeNodeDto<Extra> extends ReturnType<typeof nodeDto> {
  leaf: boolean;
  /** Sum of the leaves' maximum scores below (its own for a leaf), in points. */
  totalMax: number;
  children: Array<TreeNodeDto<Extra>>;
  extra: Extra;
}

/**
 * The nodes as a nested tree (roots first, children in sort order) with each node's total of
 * maximum scores; `extra` adds per-node data (a participant's assessment, subtotals).
 */
export function treeOf<Extra>(nodes: readonly NodeRow[], extra: (n: NodeRow, leaf: boolean) => Extra): Array<TreeNodeDto<Extra>> {
  const leaves = leafIdsOf(nodes.map((n) => ({ id: n.id, parentId: n.parent_id })));
  const byId = new Map<number, TreeNodeDto<Extra>>();
  const roots: Array<TreeNodeDto<Extra>> = [];
  for (const n of nodes) byId.set(n.id, { ...nodeDto(n), leaf: leaves.has(n.id), totalMax: 0, children: [], extra: extra(n, leaves.has(n.id)) });
  const ordered = [...nodes].sort((a, b) => a.sort_order - b.sort_order || a.id - b.id);
  for (const n of ordered) {
    const dto = byId.get(n.id)!;
    const parent = n.parent_id === null ? undefined : byId.get(n.parent_id);
    (parent ? parent.children : roots).push(dto);
  }
  const total = (d: TreeNodeDto<Extra>): number => (d.totalMax = d.leaf ? (d.maxScore ?? 0) : Math.round(d.children.reduce((s, c) => s + total(c), 0) * 10) / 10);
  roots.forEach(total);
  return roots;
}

/** A version without its tree, as mutations return it. */
export function versionSummary(v: VersionRow) {
  return {
    id: v.id,
    systemId: v.system_id,
    systemName: v.system_name,
    participantLevel: v.participant_level,
    description: v.description,
    jurisdictionId: v.jurisdiction_id,
    versionNo: v.version_no,
    status: v.status,
    passLine: points(v.pass_line)!,
    satisfactionPct: v.satisfaction_pct,
    notes: v.notes,
    publishedAt: iso(v.published_at),
    version: v.version,
    updatedAt: iso(v.updated_at)!,
  };
}

/** The fields an audit row keeps of a version. */
export function versionSnapshot(v: VersionRow) {
  return { systemId: v.system_id, versionNo: v.version_no, status: v.status, passLine: v.pass_line, satisfactionPct: v.satisfaction_pct, notes: v.notes, version: v.version };
}

/**
 * Copies every indicator of `fromVersionId` into `to` (a new draft), parents before children, in
 * one statement per level. Returns how many were copied.
 */
export async function copyNodes(tx: Tx, fromVersionId: number, to: { versionId: number; place: { jurisdiction_id: number; province_id: number; city_id: number | null; county_id: number | null; township_id: number | null } }): Promise<number> {
  const source = await versionNodes(tx, fromVersionId);
  const newId = new Map<number, number>();
  for (const level of [1, 2, 3]) {
    const rows = source.filter((n) => n.level === level);
    if (rows.length === 0) continue;
    const inserted = await tx
      .insertInto('indicator_nodes')
      .values(
        rows.map((n) => ({
          ...to.place,
          version_id: to.versionId,
          parent_id: n.parent_id === null ? null : newId.get(n.parent_id)!,
          level: n.level,
          code: n.code,
          name: n.name,
          max_score: n.max_score,
          guidance: n.guidance,
          evidence: n.evidence,
          veto: n.veto,
          sort_order: n.sort_order,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    const byCode = new Map(inserted.map((r) => [r.code, r.id]));
    for (const n of rows) newId.set(n.id, byCode.get(n.code)!);
  }
  return source.length;
}

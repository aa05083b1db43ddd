import { LEVELS, levelDepth, metricCreateInput } from '@fz/domain';
import type { Level, MetricCreateInput, MetricCycle, MetricDirection, MetricKind, TargetOp } from '@fz/domain';

/** The definition form's values (text inputs as typed; the target is two fields). */
export interface DefinitionValues {
  code: string;
  name: string;
  unit?: string;
  kind: MetricKind;
  direction: MetricDirection;
  /** 'none': no target (a Select shows a null value as empty). */
  targetOp?: TargetOp | 'none' | null;
  targetValue?: string;
  cycle: MetricCycle;
  reportingLevels: Level[];
  numeratorLabel?: string;
  denominatorLabel?: string;
  groupName?: string;
  sortOrder?: number;
  description?: string;
}

/** What a stored definition looks like to the form (the shape `metrics.list` returns). */
export interface DefinitionSource {
  code: string;
  name: string;
  unit: string;
  kind: MetricKind;
  direction: MetricDirection;
  target: { op: TargetOp; value: string } | null;
  cycle: MetricCycle;
  reportingLevels: Level[];
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  groupName: string;
  sortOrder: number;
  description: string;
}

type Fields = Omit<MetricCreateInput, 'jurisdictionId'>;

/** The levels a node may have its metrics reported at: its own and every level below. */
export function levelsFrom(level: Level): Level[] {
  return LEVELS.filter((l) => levelDepth(l) >= levelDepth(level));
}

/** A new definition's starting values: a yearly count reported one level down (or at the node itself at the bottom). */
export function emptyDefinition(level: Level): DefinitionValues {
  const levels = levelsFrom(level);
  return { code: '', name: '', unit: '', kind: 'count', direction: 'higher', targetOp: 'none', targetValue: '', cycle: 'year', reportingLevels: [levels[1] ?? levels[0]!], numeratorLabel: '', denominatorLabel: '', groupName: '', sortOrder: 100, description: '' };
}

export function definitionValues(m: DefinitionSource): DefinitionValues {
  return {
    code: m.code,
    name: m.name,
    unit: m.unit,
    kind: m.kind,
    direction: m.direction,
    targetOp: m.target?.op ?? 'none',
    targetValue: m.target?.value ?? '',
    cycle: m.cycle,
    reportingLevels: m.reportingLevels,
    numeratorLabel: m.numeratorLabel ?? '',
    denominatorLabel: m.denominatorLabel ?? '',
    groupName: m.groupName,
    sortOrder: m.sortOrder,
    description: m.description,
  };
}

const FORM_FIELDS: readonly (keyof DefinitionValues)[] = ['code', 'name', 'unit', 'kind', 'direction', 'cycle', 'reportingLevels', 'numeratorLabel', 'denominatorLabel', 'groupName', 'sortOrder', 'description'];

/** The form field an issue of the API's schema belongs to (the target's value is a field of its own). */
function fieldOf(path: readonly PropertyKey[]): keyof DefinitionValues | null {
  if (path[0] === 'target') return 'targetValue';
  return FORM_FIELDS.find((f) => f === path[0]) ?? null;
}

/**
 * The form's values as the API takes them, checked by the API's own schema so the form shows the
 * same zh-CN message the server would (a rate needs both names, a count has no denominator …).
 */
export function definitionInput(v: DefinitionValues, jurisdictionId: number): { ok: true; fields: Fields } | { ok: false; field: keyof DefinitionValues | null; message: string } {
  const candidate = {
    jurisdictionId,
    code: v.code,
    name: v.name,
    unit: v.kind === 'rate' ? '%' : (v.unit ?? ''),
    kind: v.kind,
    direction: v.direction,
    target: v.targetOp && v.targetOp !== 'none' ? { op: v.targetOp, value: (v.targetValue ?? '').trim() } : null,
    cycle: v.cycle,
    reportingLevels: v.reportingLevels,
    numeratorLabel: v.numeratorLabel?.trim() ? v.numeratorLabel : null,
    denominatorLabel: v.kind !== 'count' && v.denominatorLabel?.trim() ? v.denominatorLabel : null,
    description: v.description ?? '',
    groupName: v.groupName ?? '',
    sortOrder: v.sortOrder ?? 100,
  };
  const parsed = metricCreateInput.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: fieldOf(issue?.path ?? []), message: issue?.message ?? '' };
  }
  const { jurisdictionId: _owner, ...fields } = parsed.data;
  return { ok: true, fields };
}

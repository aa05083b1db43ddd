import { PLAN_MAX_TASKS, TASK_MAX_UNITS, assertImportable, matchUnits } from '@fz/domain';
import type { AppAbility, ParsedPlan, PlanTaskInput, UnitMatch } from '@fz/domain';
import type { Tx } from '@fz/db';
import { assertCan } from '../../trpc/init.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import type { JurisdictionRecord } from '../jurisdictions/queries.js';

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** The jurisdiction a plan is drafted for: readable, and the caller may issue plans there. */
export async function issuingJurisdiction(tx: Tx, ability: AppAbility, jurisdictionId: number): Promise<JurisdictionRecord> {
  const j = await readableJurisdiction(tx, ability, jurisdictionId);
  assertCan(ability, 'create', 'Plan', { ...j, status: 'draft' });
  return j;
}

/** Active units of a jurisdiction, as the importer matches names against them. */
export async function unitsOf(tx: Tx, jurisdictionId: number) {
  const rows = await tx
    .selectFrom('units')
    .select(['id', 'name', 'short_name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('is_active', '=', true)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map((u) => ({ id: u.id, name: u.name, shortName: u.short_name }));
}

function currentYear(today: string) {
  const y = today.slice(0, 4);
  return { periodStart: `${y}-01-01`, periodEnd: `${y}-12-31` };
}

/** The parsed plan as a createDraft input (without the jurisdiction), every field within its limits. */
function draftOf(parsed: ParsedPlan, matches: Map<string, UnitMatch>, sourceName: string | null, today: string) {
  const period = parsed.periodStart && parsed.periodEnd ? { periodStart: parsed.periodStart, periodEnd: parsed.periodEnd } : currentYear(today);
  const tasks: PlanTaskInput[] = parsed.tasks.slice(0, PLAN_MAX_TASKS).map((t) => ({
    number: clip(t.number, 10),
    title: clip(t.title, 200),
    text: clip(t.text, 5000),
    sectionIndex: t.sectionIndex,
    units: t.units.slice(0, TASK_MAX_UNITS).map((name) => ({ name: clip(name, 60), unitId: matches.get(name)?.unitId ?? null, lead: name === t.leadUnit })),
    allChildren: t.allChildren,
    note: clip(t.notes.join('、'), 500),
    deadline: t.deadline,
    upperTaskId: null,
  }));
  return {
    title: clip(parsed.title ?? sourceName ?? '导入的方案', 200),
    kind: parsed.kind,
    ...period,
    reportCycle: 'quarter' as const,
    reportGraceDays: 5,
    sourceName,
    sections: parsed.sections.map((s) => ({ number: clip(s.label, 10), title: clip(s.title, 200), depth: s.depth, parentIndex: s.parentIndex })),
    tasks,
    unitMappings: [] as Array<{ name: string; unitId: number | null }>,
  };
}

/**
 * Reads a plan's text into a draft for review: sections, tasks, every unit name matched to the
 * issuer's units or listed as unmatched (with suggestions), and the parser's warnings. Nothing
 * is stored: the reviewed draft goes to plans.createDraft.
 */
export async function planImportPreview(tx: Tx, ability: AppAbility, input: { jurisdictionId: number; text: string; sourceName?: string | null }, today: string) {
  const j = await issuingJurisdiction(tx, ability, input.jurisdictionId);
  const parsed = assertImportable(input.text);
  const units = await unitsOf(tx, j.id);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const matches = matchUnits(
    parsed.tasks.flatMap((t) => t.units),
    units,
    j.name,
  );
  const draft = draftOf(parsed, matches, input.sourceName?.trim() || null, today);
  const names = [...matches.values()].map((m) => ({
    name: m.name,
    unitId: m.unitId,
    unitName: m.unitId === null ? null : (unitName.get(m.unitId) ?? null),
    how: m.how,
    suggestions: m.suggestions.map((id) => ({ id, name: unitName.get(id) ?? '' })),
    taskNumbers: parsed.tasks.filter((t) => t.units.includes(m.name)).map((t) => t.number),
  }));
  return {
    jurisdictionId: j.id,
    issuerName: j.name,
    layout: parsed.layout,
    draft,
    units: names,
    unmatchedNames: names.filter((n) => n.unitId === null).map((n) => n.name),
    warnings: parsed.warnings,
    stats: {
      sections: parsed.sections.length,
      tasks: parsed.tasks.length,
      tasksToAllChildren: parsed.tasks.filter((t) => t.allChildren).length,
      matchedNames: names.filter((n) => n.unitId !== null).length,
      unmatchedNames: names.filter((n) => n.unitId === null).length,
    },
  };
}
export type PlanImportPreview = Awaited<ReturnType<typeof planImportPreview>>;

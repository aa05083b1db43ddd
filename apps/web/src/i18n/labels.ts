import { LEVEL_LABELS, ROLE_LABELS, UNIT_KINDS, UNIT_KIND_LABELS, isRole } from '@fz/domain';
import type { Level, UnitKind } from '@fz/domain';
import type { Lang } from './types';

/** Labels that belong to the domain live in @fz/domain; these pick the right language. */
export function levelLabel(level: Level, lang: Lang): string {
  return LEVEL_LABELS[level][lang];
}

export function roleLabel(role: string, lang: Lang): string {
  return isRole(role) ? ROLE_LABELS[role][lang] : role;
}

export function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

export function unitKindLabel(kind: string, lang: Lang): string {
  return isUnitKind(kind) ? UNIT_KIND_LABELS[kind][lang] : kind;
}

type LabelMap<K extends string> = Record<K, Record<Lang, string>>;

/** A domain enum's label (status, event, category …) in the UI language; unknown codes show as they are. */
export function enumLabel<K extends string>(labels: LabelMap<K>, code: string, lang: Lang): string {
  return Object.hasOwn(labels, code) ? labels[code as K][lang] : code;
}

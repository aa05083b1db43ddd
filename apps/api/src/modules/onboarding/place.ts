import { ONBOARDING_MESSAGES, ancestorIdsOfCode, isInSubtree, normalizeDivisionCode, subjectOf } from '@fz/domain';
import type { AppAbility, Level } from '@fz/domain';
import type { Lookups, Place } from './lookups.js';

/** Who imports: the ability and the subtree of the uploading principal. */
export interface Importer {
  ability: AppAbility;
  scope: { level: Level; id: number };
}

/** The code of a cell when it is one and lies in the importer's subtree (pure arithmetic, no lookup). */
export function codeInArea(text: string, importer: Importer): number | null {
  const code = normalizeDivisionCode(text);
  return code !== null && isInSubtree(importer.scope, ancestorIdsOfCode(code)) ? Number(code) : null;
}

/**
 * The place a row's 行政区划代码 names, or the reason it cannot be used. "Outside your area" is
 * decided from the code's digits before any lookup, so a code elsewhere reveals nothing about
 * that place (RLS hides it anyway); inside, the code must exist, not be a statistical
 * placeholder, and the ability must allow importing the record there.
 */
export function checkPlace(text: string, subject: 'Unit' | 'User', importer: Importer, look: Lookups): Place | string {
  if (text === '') return ONBOARDING_MESSAGES.required;
  const code = normalizeDivisionCode(text);
  if (code === null) return ONBOARDING_MESSAGES.badCode;
  const ancestors = ancestorIdsOfCode(code);
  if (!isInSubtree(importer.scope, ancestors)) return ONBOARDING_MESSAGES.outsideArea;
  const place = look.places.get(Number(code));
  if (!place) return ONBOARDING_MESSAGES.unknownCode;
  if (place.kind === 'placeholder') return ONBOARDING_MESSAGES.placeholder;
  if (!importer.ability.can('import', subjectOf(subject, { jurisdictionId: place.id, ...ancestors }))) return ONBOARDING_MESSAGES.noPermission;
  return place;
}

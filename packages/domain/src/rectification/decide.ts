import type { AppAbility, ScopedRecord } from '../ability.js';
import { subjectOf } from '../ability.js';
import { MESSAGES } from '../errors.js';
import type { EventPayload, ItemEvent, ItemFacts, ItemStatus } from './lifecycle.js';
import { ITEM_EVENTS, blockedReason, nextStatus } from './lifecycle.js';

export type EventDecision = { ok: true; to: ItemStatus } | { ok: false; code: 'FORBIDDEN' | 'BAD_REQUEST'; message: string };

/**
 * Whether `event` may happen to this item now: first who (CASL: the event name is the action),
 * then what the lifecycle requires. The API enforces it; the web app shows the same answer.
 */
export function decideEvent(ability: AppAbility, record: ScopedRecord, facts: ItemFacts, event: ItemEvent, payload: EventPayload, today: string): EventDecision {
  if (!ability.can(event, subjectOf('RectificationItem', record))) return { ok: false, code: 'FORBIDDEN', message: MESSAGES.forbidden };
  const blocked = blockedReason(facts, event, payload, today);
  if (blocked !== null) return { ok: false, code: 'BAD_REQUEST', message: blocked };
  return { ok: true, to: nextStatus(facts.status, event) ?? facts.status };
}

/**
 * Events the caller may fire now (the buttons to show): right status, allowed by CASL, and not
 * blocked by a fact the form cannot change (a passed deadline, a pending extension). What the
 * form supplies (reason, measures, evidence …) is reported on submit by `decideEvent`.
 */
export function availableEvents(ability: AppAbility, record: ScopedRecord, facts: ItemFacts, today: string): ItemEvent[] {
  const formFilled: ItemFacts = { ...facts, measures: facts.measures ?? '-', evidenceCount: Math.max(1, facts.evidenceCount) };
  const payload: EventPayload = { reason: '-', note: '-', situation: '-', newDeadline: '9999-12-31' };
  return ITEM_EVENTS.filter((e) => ability.can(e, subjectOf('RectificationItem', record)) && blockedReason(formFilled, e, payload, today) === null);
}

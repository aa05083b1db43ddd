import type { AppAbility, ScopedRecord } from '../ability.js';
import { subjectOf } from '../ability.js';
import { MESSAGES } from '../errors.js';
import { APPLICATION_EDITS, APPLICATION_EDIT_ACTIONS, applicationEditBlockedReason } from './edits.js';
import type { ApplicationEdit } from './edits.js';
import { APPLICATION_EVENTS, applicationBlockedReason, nextApplicationStatus } from './lifecycle.js';
import type { ApplicationEvent, ApplicationFacts, ApplicationPayload, ApplicationStatus } from './lifecycle.js';

export type ApplicationDecision = { ok: true; to: ApplicationStatus } | { ok: false; code: 'FORBIDDEN' | 'BAD_REQUEST'; message: string };

/**
 * Whether `event` may happen to this application now: first who (CASL: the event name is the
 * action on Application), then what the lifecycle requires.
 */
export function decideApplicationEvent(ability: AppAbility, record: ScopedRecord, facts: ApplicationFacts, event: ApplicationEvent, payload: ApplicationPayload, today: string): ApplicationDecision {
  if (!ability.can(event, subjectOf('Application', record))) return { ok: false, code: 'FORBIDDEN', message: MESSAGES.forbidden };
  const blocked = applicationBlockedReason(facts, event, payload, today);
  if (blocked !== null) return { ok: false, code: 'BAD_REQUEST', message: blocked };
  return { ok: true, to: nextApplicationStatus(facts.status, event) ?? facts.status };
}

/**
 * What the caller may do to the application now (the buttons to show): events in the right
 * status allowed by CASL and not blocked by a fact the form cannot change (a missing self
 * score, a passed deadline, a missing satisfaction score, a result below the pass line); and the
 * edits of this status. A reason is the form's to supply. `save` is not a button: saving an
 * indicator fires it.
 */
export function availableApplicationActions(ability: AppAbility, record: ScopedRecord, facts: ApplicationFacts, today: string): { events: ApplicationEvent[] } & Record<ApplicationEdit, boolean> {
  const subject = subjectOf('Application', record);
  const events = APPLICATION_EVENTS.filter((e) => e !== 'save' && ability.can(e, subject) && applicationBlockedReason(facts, e, { reason: '-' }, today) === null);
  const edits = Object.fromEntries(APPLICATION_EDITS.map((e) => [e, ability.can(APPLICATION_EDIT_ACTIONS[e], subject) && applicationEditBlockedReason(facts.status, e) === null])) as Record<ApplicationEdit, boolean>;
  return { events, ...edits };
}

import { AppError, ITEM_EVENTS, decideEvent, itemTransitionInput, transitionFor } from '@fz/domain';
import type { ItemTransitionInput } from '@fz/domain';
import type { RectificationItemUpdate } from '@fz/db';
import { authorized } from '../../trpc/init.js';
import { refreshInspectionStatus } from '../inspections/queries.js';
import { changeItem } from './events.js';
import type { ItemRow } from './queries.js';
import { assertVersion, evidenceCount, itemDto, itemFacts, itemRecord, visibleItem } from './queries.js';

/** Column changes an event makes besides the status. */
function sideEffects(row: ItemRow, input: ItemTransitionInput, now: Date): RectificationItemUpdate {
  const clearExtension = { pending_extension_deadline: null, pending_extension_reason: null, pending_extension_note: null, pending_extension_requested_at: null };
  switch (input.event) {
    case 'close':
      return { closed_at: now };
    case 'reopen':
      return { closed_at: null };
    case 'requestExtension':
      return { pending_extension_deadline: input.newDeadline ?? null, pending_extension_reason: input.reason ?? null, pending_extension_note: input.note ?? null, pending_extension_requested_at: now };
    case 'approveExtension':
      // The new deadline replaces the old one; the item is no longer overdue against it.
      return { ...clearExtension, deadline: row.pending_extension_deadline ?? row.deadline, overdue_since: null };
    case 'denyExtension':
      return clearExtension;
    default:
      return {};
  }
}

/**
 * Fires a lifecycle event. Who may fire it is CASL's answer (the event name is the action);
 * what it needs is the domain lifecycle's. A refused event changes nothing.
 */
export const transitionItem = authorized(ITEM_EVENTS, 'RectificationItem')
  .input(itemTransitionInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleItem(tx, ctx.ability, input.id, input.event);
      assertVersion(before, input.version);
      // Only a closure request needs the evidence count: other events skip the query.
      const needsEvidence = transitionFor(input.event).requires.includes('evidence');
      const facts = itemFacts(before, needsEvidence ? await evidenceCount(tx, before.id) : 0);
      const payload = { reason: input.reason, note: input.note, situation: input.situation, newDeadline: input.newDeadline };
      const decision = decideEvent(ctx.ability, itemRecord(before), facts, input.event, payload, ctx.services.today());
      if (!decision.ok) throw new AppError(decision.code, decision.message);
      const changes: RectificationItemUpdate = { status: decision.to, ...sideEffects(before, input, new Date()) };
      const details = {
        ...(input.situation && { situation: input.situation }),
        ...(input.event === 'requestExtension' && { newDeadline: input.newDeadline, deadline: before.deadline }),
        ...(input.event === 'approveExtension' && { oldDeadline: before.deadline, newDeadline: before.pending_extension_deadline }),
      };
      const after = await changeItem(tx, ctx, before, input.version, changes, {
        event: input.event,
        from: before.status,
        to: decision.to,
        reason: input.reason ?? null,
        note: input.note ?? null,
        ...(Object.keys(details).length > 0 && { payload: details }),
      });
      if (before.status === 'closed' || after.status === 'closed') await refreshInspectionStatus(tx, after.inspection_id);
      return itemDto(after);
    }),
  );

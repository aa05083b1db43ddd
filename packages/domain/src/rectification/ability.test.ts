import { describe, expect, it } from 'vitest';
import { defineAbilityFor, subjectOf } from '../ability.js';
import type { Action, Principal, ScopedRecord } from '../ability.js';
import { ancestorIdsOfCode, levelOfCode } from '../jurisdiction.js';
import type { Role } from '../roles.js';
import { availableEvents, decideEvent } from './decide.js';
import { ITEM_EVENTS, ITEM_STATUSES, nextStatus } from './lifecycle.js';
import type { EventPayload, ItemEvent, ItemFacts } from './lifecycle.js';

const RESPONSIBLE_UNIT = 42;
const principal = (code: string, roles: Role[], unitId = 1): Principal => ({
  userId: 1,
  unitId,
  roles,
  jurisdiction: { id: Number(code), level: levelOfCode(code)!, ...ancestorIdsOfCode(code) },
});

/** A finding of a provincial inspection against 河东区, assigned to unit 42 of 河东区. */
const item: ScopedRecord = { id: 7, jurisdictionId: 371312, ...ancestorIdsOfCode('371312'), unitId: RESPONSIBLE_UNIT, supervisingJurisdictionId: 37 };

const RESPONSIBLE: ItemEvent[] = ['acknowledge', 'start', 'reportProgress', 'requestClosure', 'resume', 'requestExtension'];
const SUPERVISING: ItemEvent[] = ['close', 'return', 'markOngoing', 'approveExtension', 'denyExtension', 'reopen'];

/** Who is asking, and which events (written out by hand) they may ever fire on `item`. */
const ACTORS: Array<{ name: string; who: Principal; events: ItemEvent[] }> = [
  { name: 'the province supervisor (supervising level)', who: principal('37', ['supervisor']), events: SUPERVISING },
  { name: 'the city supervisor (reads, does not supervise this item)', who: principal('3713', ['supervisor']), events: [] },
  { name: 'the county admin (its own ledger)', who: principal('371312', ['admin'], 10), events: RESPONSIBLE },
  { name: 'the county supervisor (not the supervising level)', who: principal('371312', ['supervisor'], 10), events: [] },
  { name: 'an operator of the responsible unit', who: principal('371312', ['operator'], RESPONSIBLE_UNIT), events: RESPONSIBLE },
  { name: 'a leader of the responsible unit', who: principal('371312', ['leader'], RESPONSIBLE_UNIT), events: RESPONSIBLE },
  { name: 'an operator of another unit', who: principal('371312', ['operator'], 43), events: [] },
  { name: 'a viewer', who: principal('37', ['viewer']), events: [] },
  { name: 'a sibling county admin', who: principal('371302', ['admin']), events: [] },
  { name: 'a township operator', who: principal('371312001', ['operator'], RESPONSIBLE_UNIT), events: [] },
];

/** Facts and a payload that satisfy every requirement, so only status and role decide. */
function ready(status: (typeof ITEM_STATUSES)[number], event: ItemEvent): { facts: ItemFacts; payload: EventPayload } {
  const pending = event === 'approveExtension' || event === 'denyExtension';
  return {
    facts: { status, deadline: '2026-12-31', measures: '建立规范性文件合法性审核台账', evidenceCount: 2, pendingExtension: pending },
    payload: { reason: '情况属实', note: '已完成 80%', situation: '已全部整改到位', newDeadline: '2027-03-31' },
  };
}

describe('rectification events: status × event × role through CASL and the lifecycle', () => {
  for (const actor of ACTORS) {
    const ability = defineAbilityFor(actor.who);
    for (const status of ITEM_STATUSES) {
      for (const event of ITEM_EVENTS) {
        const legal = nextStatus(status, event) !== null;
        const expected = !actor.events.includes(event) ? 'FORBIDDEN' : legal ? 'OK' : 'BAD_REQUEST';
        it(`${actor.name}: ${event} in ${status} → ${expected}`, () => {
          const { facts, payload } = ready(status, event);
          const d = decideEvent(ability, item, facts, event, payload, '2026-11-23');
          expect(d.ok ? 'OK' : d.code).toBe(expected);
          if (d.ok) expect(d.to).toBe(nextStatus(status, event));
        });
      }
    }
  }
});

describe('rectification abilities', () => {
  const can = (who: Principal, action: Action, subject: 'Inspection' | 'RectificationItem' | 'Notice' | 'LightRule', rec: ScopedRecord) =>
    defineAbilityFor(who).can(action, subjectOf(subject, rec));
  const at = (code: string, extra: Partial<ScopedRecord> = {}): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code), ...extra });

  it('every role reads inspections, items and notices of its subtree only', () => {
    for (const role of ['supervisor', 'admin', 'operator', 'leader', 'viewer'] as const) {
      const who = principal('371312', [role]);
      for (const subject of ['Inspection', 'RectificationItem', 'Notice'] as const) {
        expect(can(who, 'read', subject, at('371312001'))).toBe(true);
        expect(can(who, 'read', subject, at('371302'))).toBe(false);
        expect(can(who, 'read', subject, at('3713'))).toBe(false);
      }
    }
  });

  it('a supervisor inspects strictly below itself', () => {
    const city = principal('3713', ['supervisor']);
    expect(can(city, 'create', 'Inspection', at('371312'))).toBe(true);
    expect(can(city, 'create', 'Inspection', at('371312001'))).toBe(true);
    expect(can(city, 'create', 'Inspection', at('3713'))).toBe(false);
    expect(can(city, 'create', 'Inspection', at('3701'))).toBe(false);
    expect(can(principal('3713', ['admin']), 'create', 'Inspection', at('371312'))).toBe(false);
  });

  it('findings, flags and notices belong to the supervising level', () => {
    const rec = at('371312', { supervisingJurisdictionId: 37, unitId: 42 });
    for (const action of ['create', 'flag', 'notify'] as const) {
      expect(can(principal('37', ['supervisor']), action, 'RectificationItem', rec)).toBe(true);
      expect(can(principal('3713', ['supervisor']), action, 'RectificationItem', rec)).toBe(false);
      expect(can(principal('371312', ['admin', 'supervisor']), action, 'RectificationItem', rec)).toBe(false);
    }
  });

  it('the county office edits, assigns and delegates its own items, not its townships’', () => {
    const admin = principal('371312', ['admin']);
    for (const action of ['update', 'assign', 'delegate', 'editMeasures'] as const) {
      expect(can(admin, action, 'RectificationItem', at('371312', { supervisingJurisdictionId: 37 }))).toBe(true);
      expect(can(admin, action, 'RectificationItem', at('371312001', { supervisingJurisdictionId: 37 }))).toBe(false);
    }
    expect(can(principal('371312', ['operator'], 42), 'assign', 'RectificationItem', at('371312', { unitId: 42 }))).toBe(false);
  });

  it('the responsible unit edits its measures; other units do not', () => {
    expect(can(principal('371312', ['operator'], 42), 'editMeasures', 'RectificationItem', at('371312', { unitId: 42 }))).toBe(true);
    expect(can(principal('371312', ['operator'], 43), 'editMeasures', 'RectificationItem', at('371312', { unitId: 42 }))).toBe(false);
    expect(can(principal('371312', ['viewer'], 42), 'editMeasures', 'RectificationItem', at('371312', { unitId: 42 }))).toBe(false);
  });

  it('a notice is answered by the unit it was sent to', () => {
    expect(can(principal('371312', ['operator'], 42), 'reply', 'Notice', at('371312', { unitId: 42 }))).toBe(true);
    expect(can(principal('371312', ['operator'], 43), 'reply', 'Notice', at('371312', { unitId: 42 }))).toBe(false);
    expect(can(principal('371312', ['viewer'], 42), 'reply', 'Notice', at('371312', { unitId: 42 }))).toBe(false);
  });

  it('only a supervisor of a jurisdiction reads or sets its light rule', () => {
    expect(can(principal('37', ['supervisor']), 'update', 'LightRule', at('37'))).toBe(true);
    expect(can(principal('37', ['supervisor']), 'update', 'LightRule', at('3713'))).toBe(false);
    expect(can(principal('37', ['admin']), 'read', 'LightRule', at('37'))).toBe(false);
  });

  it('offers the buttons of the current status the caller may press', () => {
    const facts = (over: Partial<ItemFacts>): ItemFacts => ({ status: 'in_progress', deadline: '2026-12-31', measures: null, evidenceCount: 0, pendingExtension: false, ...over });
    const today = '2026-11-23';
    const operator = defineAbilityFor(principal('371312', ['operator'], 42));
    const province = defineAbilityFor(principal('37', ['supervisor']));
    expect(availableEvents(province, item, facts({ status: 'closure_requested' }), today)).toEqual(['close', 'return', 'markOngoing']);
    // Missing measures and evidence are for the form to report; a passed deadline hides the extension.
    expect(availableEvents(operator, item, facts({}), today)).toEqual(['reportProgress', 'requestClosure', 'requestExtension']);
    expect(availableEvents(operator, item, facts({ deadline: '2026-11-01' }), today)).toEqual(['reportProgress', 'requestClosure']);
    expect(availableEvents(operator, item, facts({ pendingExtension: true }), today)).toEqual(['reportProgress']);
    expect(availableEvents(province, item, facts({ pendingExtension: true }), today)).toEqual(['markOngoing', 'approveExtension', 'denyExtension']);
    expect(availableEvents(defineAbilityFor(principal('3713', ['supervisor'])), item, facts({ status: 'closure_requested' }), today)).toEqual([]);
  });
});

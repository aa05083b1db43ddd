import { describe, expect, it } from 'vitest';
import { defineAbilityFor, subjectOf } from '../ability.js';
import type { Action, Principal, ScopedRecord } from '../ability.js';
import { sqlConditionFor } from '../ability-sql.js';
import { ancestorIdsOfCode, levelOfCode } from '../jurisdiction.js';
import type { Role } from '../roles.js';
import { availableApplicationActions, decideApplicationEvent } from './decide.js';
import { APPLICATION_EVENTS, APPLICATION_STATUSES, nextApplicationStatus } from './lifecycle.js';
import type { ApplicationEvent, ApplicationFacts, ApplicationStatus } from './lifecycle.js';

const principal = (code: string, roles: Role[], unitId = 1): Principal => ({
  userId: 1,
  unitId,
  roles,
  jurisdiction: { id: Number(code), level: levelOfCode(code)!, ...ancestorIdsOfCode(code) },
});
const at = (code: string, extra: Partial<ScopedRecord> = {}): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code), ...extra });

/** 九曲街道's application in 临沂市's campaign: 河东区 reviews it first, 临沂市 evaluates and names. */
const application = at('371312001', { reviewerJurisdictionId: 371312, ownerJurisdictionId: 3713 });

const PARTICIPANT: ApplicationEvent[] = ['save', 'submit'];
const REVIEWER: ApplicationEvent[] = ['startReview', 'completeReview', 'return'];
const OWNER: ApplicationEvent[] = ['name', 'fail'];

/** Who is asking, and which events (written out by hand) they may ever fire on the application. */
const ACTORS: Array<{ name: string; who: Principal; events: ApplicationEvent[] }> = [
  { name: 'an operator of the street', who: principal('371312001', ['operator']), events: PARTICIPANT },
  { name: 'the street’s admin', who: principal('371312001', ['admin']), events: PARTICIPANT },
  { name: 'a viewer of the street', who: principal('371312001', ['viewer']), events: [] },
  { name: 'an operator of a sibling street', who: principal('371312004', ['operator']), events: [] },
  { name: 'the county office (admin + supervisor)', who: principal('371312', ['admin', 'supervisor']), events: REVIEWER },
  { name: 'a county operator', who: principal('371312', ['operator']), events: [] },
  { name: 'a sibling county’s supervisor', who: principal('371302', ['supervisor']), events: [] },
  { name: 'the city supervisor (owner)', who: principal('3713', ['supervisor']), events: OWNER },
  { name: 'the province supervisor', who: principal('37', ['supervisor']), events: [] },
  { name: 'a provincial viewer', who: principal('37', ['viewer']), events: [] },
];

/** Facts that satisfy every requirement, so only status and role decide. */
const ready = (status: ApplicationStatus): ApplicationFacts => ({
  status,
  completed: 30,
  total: 30,
  reviewed: 30,
  submitDeadline: '2026-12-15',
  reviewDeadline: '2026-12-31',
  satisfactionMissing: false,
  passes: true,
});

describe('application events: status × event × role through CASL and the lifecycle', () => {
  for (const actor of ACTORS) {
    const ability = defineAbilityFor(actor.who);
    for (const status of APPLICATION_STATUSES) {
      for (const event of APPLICATION_EVENTS) {
        const legal = nextApplicationStatus(status, event) !== null;
        const expected = !actor.events.includes(event) ? 'FORBIDDEN' : legal ? 'OK' : 'BAD_REQUEST';
        it(`${actor.name}: ${event} in ${status} → ${expected}`, () => {
          const d = decideApplicationEvent(ability, application, ready(status), event, { reason: '材料不全' }, '2026-11-23');
          expect(d.ok ? 'OK' : d.code).toBe(expected);
        });
      }
    }
  }
});

describe('demonstration abilities', () => {
  const can = (who: Principal, action: Action, subject: 'IndicatorSystem' | 'Campaign' | 'Application', rec: ScopedRecord) => defineAbilityFor(who).can(action, subjectOf(subject, rec));

  it('a township never sees another township’s application; its county and city do', () => {
    for (const role of ['operator', 'admin', 'viewer'] as const) expect(can(principal('371312004', [role]), 'read', 'Application', application)).toBe(false);
    expect(can(principal('371312001', ['operator']), 'read', 'Application', application)).toBe(true);
    expect(can(principal('371312', ['viewer']), 'read', 'Application', application)).toBe(true);
    expect(can(principal('3713', ['viewer']), 'read', 'Application', application)).toBe(true);
    expect(can(principal('371302', ['supervisor']), 'read', 'Application', application)).toBe(false);
  });

  it('a county reviews only its own townships', () => {
    const hedong = principal('371312', ['supervisor']);
    expect(can(hedong, 'review', 'Application', application)).toBe(true);
    const lanshanStreet = at('371302001', { reviewerJurisdictionId: 371302, ownerJurisdictionId: 3713 });
    expect(can(hedong, 'review', 'Application', lanshanStreet)).toBe(false);
    // 河东区 as a participant of a city campaign is reviewed by the city, not by itself.
    const hedongItself = at('371312', { reviewerJurisdictionId: 3713, ownerJurisdictionId: 3713 });
    expect(can(hedong, 'review', 'Application', hedongItself)).toBe(false);
    expect(can(principal('3713', ['supervisor']), 'review', 'Application', hedongItself)).toBe(true);
  });

  it('only the owner evaluates and names', () => {
    for (const action of ['evaluate', 'name', 'fail'] as const) {
      expect(can(principal('3713', ['supervisor']), action, 'Application', application)).toBe(true);
      expect(can(principal('371312', ['admin', 'supervisor']), action, 'Application', application)).toBe(false);
      expect(can(principal('37', ['supervisor']), action, 'Application', application)).toBe(false);
      expect(can(principal('3713', ['admin']), action, 'Application', application)).toBe(false);
    }
  });

  it('the participant’s own users report progress; nobody else does', () => {
    expect(can(principal('371312001', ['operator']), 'reportProgress', 'Application', application)).toBe(true);
    expect(can(principal('371312', ['admin', 'supervisor']), 'reportProgress', 'Application', application)).toBe(false);
  });

  it('a supervisor runs campaigns and edits standards of its own level only', () => {
    const city = principal('3713', ['supervisor']);
    expect(can(city, 'create', 'Campaign', at('3713'))).toBe(true);
    expect(can(city, 'create', 'Campaign', at('371312'))).toBe(false);
    expect(can(principal('3713', ['admin']), 'create', 'Campaign', at('3713'))).toBe(false);
    for (const action of ['create', 'update', 'publish'] as const) {
      expect(can(city, action, 'IndicatorSystem', at('3713', { status: 'draft' }))).toBe(true);
      expect(can(city, action, 'IndicatorSystem', at('37', { status: 'published' }))).toBe(false);
    }
  });

  it('reads standards of its subtree in any state, and of its ancestors once published', () => {
    const county = principal('371312', ['viewer']);
    expect(can(county, 'read', 'IndicatorSystem', at('371312', { status: 'draft' }))).toBe(true);
    expect(can(county, 'read', 'IndicatorSystem', at('3713', { status: 'published' }))).toBe(true);
    expect(can(county, 'read', 'IndicatorSystem', at('37', { status: 'published' }))).toBe(true);
    expect(can(county, 'read', 'IndicatorSystem', at('3713', { status: 'draft' }))).toBe(false);
    expect(can(county, 'read', 'IndicatorSystem', at('371302', { status: 'published' }))).toBe(false);
    expect(can(principal('37', ['viewer']), 'read', 'IndicatorSystem', at('11', { status: 'published' }))).toBe(false);
  });

  it('translates the published-above rule to SQL as a list of ancestor ids', () => {
    const cond = sqlConditionFor(defineAbilityFor(principal('371312001', ['operator'])), 'read', 'IndicatorSystem');
    expect(cond).toEqual({
      op: 'or',
      items: [
        { op: 'and', items: [{ op: 'in', column: 'jurisdiction_id', values: [37, 3713, 371312] }, { op: 'eq', column: 'status', value: 'published' }] },
        { op: 'eq', column: 'township_id', value: 371312001 },
      ],
    });
  });

  it('offers the buttons of the current status the caller may press', () => {
    const today = '2026-11-23';
    const street = defineAbilityFor(principal('371312001', ['operator']));
    const county = defineAbilityFor(principal('371312', ['admin', 'supervisor']));
    const city = defineAbilityFor(principal('3713', ['supervisor']));
    expect(availableApplicationActions(street, application, { ...ready('in_progress'), completed: 27 }, today)).toEqual({ events: [], assess: true, review: false, evaluate: false, report: true });
    expect(availableApplicationActions(street, application, ready('in_progress'), today).events).toEqual(['submit']);
    expect(availableApplicationActions(county, application, ready('submitted'), today)).toEqual({ events: ['startReview', 'return'], assess: false, review: false, evaluate: false, report: false });
    expect(availableApplicationActions(county, application, { ...ready('first_review'), reviewed: 3 }, today)).toMatchObject({ events: ['return'], review: true });
    expect(availableApplicationActions(city, application, { ...ready('evaluation'), satisfactionMissing: true }, today)).toMatchObject({ events: ['fail'], evaluate: true });
    expect(availableApplicationActions(city, application, { ...ready('evaluation'), passes: false }, today).events).toEqual(['fail']);
    expect(availableApplicationActions(city, application, ready('evaluation'), today).events).toEqual(['name', 'fail']);
  });
});

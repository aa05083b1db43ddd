import { describe, expect, it } from 'vitest';
import { ITEM_EVENTS, ITEM_STATUSES, TRANSITIONS, blockedReason, nextStatus } from './lifecycle.js';
import type { ItemEvent, ItemFacts, ItemStatus } from './lifecycle.js';
import { lightOf } from './light.js';

/** Every legal (status, event) pair, written out by hand: the table the code must match. */
const LEGAL: Record<ItemEvent, Partial<Record<ItemStatus, ItemStatus>>> = {
  acknowledge: { issued: 'acknowledged' },
  start: { acknowledged: 'in_progress' },
  reportProgress: { in_progress: 'in_progress', ongoing: 'ongoing' },
  requestClosure: { in_progress: 'closure_requested', ongoing: 'closure_requested' },
  close: { closure_requested: 'closed' },
  return: { closure_requested: 'returned' },
  resume: { returned: 'in_progress' },
  markOngoing: { in_progress: 'ongoing', closure_requested: 'ongoing' },
  requestExtension: { acknowledged: 'acknowledged', in_progress: 'in_progress', returned: 'returned', ongoing: 'ongoing' },
  approveExtension: { acknowledged: 'acknowledged', in_progress: 'in_progress', returned: 'returned', ongoing: 'ongoing' },
  denyExtension: { acknowledged: 'acknowledged', in_progress: 'in_progress', returned: 'returned', ongoing: 'ongoing' },
  reopen: { closed: 'in_progress' },
};

describe('lifecycle table: every status × event', () => {
  for (const status of ITEM_STATUSES) {
    for (const event of ITEM_EVENTS) {
      const expected = LEGAL[event][status] ?? null;
      it(`${event} in ${status} → ${expected ?? 'rejected'}`, () => {
        expect(nextStatus(status, event)).toBe(expected);
      });
    }
  }
  it('every event has exactly one transition', () => {
    expect(TRANSITIONS.map((t) => t.event).sort()).toEqual([...ITEM_EVENTS].sort());
  });
  it('closed is reached only by close', () => {
    expect(TRANSITIONS.filter((t) => t.to === 'closed').map((t) => t.event)).toEqual(['close']);
  });
});

const item = (over: Partial<ItemFacts> = {}): ItemFacts => ({ status: 'in_progress', deadline: '2026-12-31', measures: '建立台账', evidenceCount: 1, pendingExtension: false, ...over });

describe('requirements', () => {
  it('closure needs measures, a situation report and evidence', () => {
    expect(blockedReason(item({ measures: null }), 'requestClosure', { situation: '已完成' }, '2026-11-23')).toContain('整改措施');
    expect(blockedReason(item({ evidenceCount: 0 }), 'requestClosure', { situation: '已完成' }, '2026-11-23')).toContain('佐证材料');
    expect(blockedReason(item(), 'requestClosure', {}, '2026-11-23')).toContain('整改情况说明');
    expect(blockedReason(item(), 'requestClosure', { situation: '已完成' }, '2026-11-23')).toBeNull();
  });
  it('return and reopen need a reason', () => {
    expect(blockedReason(item({ status: 'closure_requested' }), 'return', { reason: '  ' }, '2026-11-23')).toBe('请填写理由');
    expect(blockedReason(item({ status: 'closed' }), 'reopen', { reason: '复查发现反弹' }, '2026-11-23')).toBeNull();
  });
  it('an extension is requested only before the deadline, for a later date, once at a time', () => {
    const p = { reason: '工程量大', note: '已完成 60%', newDeadline: '2027-03-31' };
    expect(blockedReason(item(), 'requestExtension', p, '2026-11-23')).toBeNull();
    expect(blockedReason(item(), 'requestExtension', p, '2027-01-01')).toContain('超过整改时限');
    expect(blockedReason(item(), 'requestExtension', { ...p, newDeadline: '2026-12-01' }, '2026-11-23')).toContain('晚于原时限');
    expect(blockedReason(item({ pendingExtension: true }), 'requestExtension', p, '2026-11-23')).toContain('待审批');
    expect(blockedReason(item(), 'approveExtension', {}, '2026-11-23')).toContain('没有待审批');
  });
  it('an illegal event names itself in the message', () => {
    expect(blockedReason(item({ status: 'closed' }), 'close', {}, '2026-11-23')).toContain('销号');
  });
});

describe('traffic light', () => {
  it('is green, yellow within 7 days, red when overdue, none when closed', () => {
    expect(lightOf({ status: 'in_progress', deadline: '2026-12-31' }, '2026-11-23')).toBe('green');
    expect(lightOf({ status: 'in_progress', deadline: '2026-11-30' }, '2026-11-23')).toBe('yellow');
    expect(lightOf({ status: 'in_progress', deadline: '2026-11-22' }, '2026-11-23')).toBe('red');
    expect(lightOf({ status: 'closed', deadline: '2026-11-22' }, '2026-11-23')).toBe('none');
  });
  it('honours a supervising level’s own threshold', () => {
    expect(lightOf({ status: 'issued', deadline: '2026-12-10' }, '2026-11-23', { yellowWithinDays: 20 })).toBe('yellow');
  });
});

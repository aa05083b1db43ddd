import { describe, expect, it } from 'vitest';
import { APPLICATION_EVENTS, APPLICATION_STATUSES, APPLICATION_TRANSITIONS, applicationBlockedReason, nextApplicationStatus, submissionOpen } from './lifecycle.js';
import type { ApplicationEvent, ApplicationFacts, ApplicationStatus } from './lifecycle.js';
import { APPLICATION_EDITS, applicationEditBlockedReason } from './edits.js';
import type { ApplicationEdit } from './edits.js';

/** Every legal (status, event) pair, written out by hand: the table the code must match. */
const LEGAL: Record<ApplicationEvent, Partial<Record<ApplicationStatus, ApplicationStatus>>> = {
  save: { not_started: 'in_progress', in_progress: 'in_progress', returned: 'in_progress' },
  submit: { in_progress: 'submitted', returned: 'submitted' },
  startReview: { submitted: 'first_review' },
  completeReview: { first_review: 'evaluation' },
  return: { submitted: 'returned', first_review: 'returned' },
  name: { evaluation: 'named' },
  fail: { evaluation: 'not_passed' },
};

describe('application lifecycle: every status × event', () => {
  for (const status of APPLICATION_STATUSES) {
    for (const event of APPLICATION_EVENTS) {
      const expected = LEGAL[event][status] ?? null;
      it(`${event} in ${status} → ${expected ?? 'rejected'}`, () => {
        expect(nextApplicationStatus(status, event)).toBe(expected);
      });
    }
  }
  it('every event has exactly one transition', () => {
    expect(APPLICATION_TRANSITIONS.map((t) => t.event).sort()).toEqual([...APPLICATION_EVENTS].sort());
  });
  it('only the owner decides: named and not passed are reached by name and fail alone', () => {
    expect(APPLICATION_TRANSITIONS.filter((t) => t.to === 'named' || t.to === 'not_passed').map((t) => [t.event, t.actor])).toEqual([
      ['name', 'owner'],
      ['fail', 'owner'],
    ]);
  });
  it('a decided application has no way out', () => {
    for (const status of ['named', 'not_passed'] as const) for (const event of APPLICATION_EVENTS) expect(nextApplicationStatus(status, event)).toBeNull();
  });
});

const EDITS: Record<ApplicationEdit, ApplicationStatus[]> = {
  assess: ['not_started', 'in_progress', 'returned'],
  review: ['first_review'],
  evaluate: ['evaluation'],
  report: [...APPLICATION_STATUSES],
};

describe('edits inside a status', () => {
  for (const edit of APPLICATION_EDITS) {
    for (const status of APPLICATION_STATUSES) {
      const allowed = EDITS[edit].includes(status);
      it(`${edit} in ${status} is ${allowed ? 'allowed' : 'refused'}`, () => {
        expect(applicationEditBlockedReason(status, edit) === null).toBe(allowed);
      });
    }
  }
});

const facts = (over: Partial<ApplicationFacts> = {}): ApplicationFacts => ({
  status: 'in_progress',
  completed: 30,
  total: 30,
  reviewed: 0,
  submitDeadline: '2026-12-15',
  reviewDeadline: '2026-12-31',
  satisfactionMissing: false,
  passes: true,
  ...over,
});
const TODAY = '2026-11-23';

describe('requirements', () => {
  it('submitting needs every indicator self-assessed', () => {
    expect(applicationBlockedReason(facts({ completed: 29 }), 'submit', {}, TODAY)).toBe('请先完成全部指标的自评后再提交申报');
    expect(applicationBlockedReason(facts({ completed: 0, total: 0 }), 'submit', {}, TODAY)).toBe('请先完成全部指标的自评后再提交申报');
    expect(applicationBlockedReason(facts(), 'submit', {}, TODAY)).toBeNull();
  });
  it('submitting closes after the submission deadline, except a returned application until the review deadline', () => {
    expect(applicationBlockedReason(facts(), 'submit', {}, '2026-12-15')).toBeNull();
    expect(applicationBlockedReason(facts(), 'submit', {}, '2026-12-16')).toBe('已超过申报截止日期,不能提交申报');
    expect(applicationBlockedReason(facts({ status: 'returned' }), 'submit', {}, '2026-12-31')).toBeNull();
    expect(applicationBlockedReason(facts({ status: 'returned' }), 'submit', {}, '2027-01-01')).toBe('已超过申报截止日期,不能提交申报');
    expect(submissionOpen({ status: 'in_progress', submitDeadline: '2026-12-15', reviewDeadline: '2026-12-31' }, '2026-12-20')).toBe(false);
  });
  it('completing the review needs a reviewed score for every indicator', () => {
    expect(applicationBlockedReason(facts({ status: 'first_review', reviewed: 29 }), 'completeReview', {}, TODAY)).toBe('请先完成全部指标的初审评分');
    expect(applicationBlockedReason(facts({ status: 'first_review', reviewed: 30 }), 'completeReview', {}, TODAY)).toBeNull();
  });
  it('returning and failing need a reason', () => {
    expect(applicationBlockedReason(facts({ status: 'submitted' }), 'return', { reason: '  ' }, TODAY)).toBe('请填写理由');
    expect(applicationBlockedReason(facts({ status: 'first_review' }), 'return', { reason: '佐证材料不全' }, TODAY)).toBeNull();
    expect(applicationBlockedReason(facts({ status: 'evaluation' }), 'fail', {}, TODAY)).toBe('请填写理由');
  });
  it('naming needs the satisfaction score and a passing result', () => {
    expect(applicationBlockedReason(facts({ status: 'evaluation', satisfactionMissing: true }), 'name', {}, TODAY)).toBe('请先录入群众满意度测评得分');
    expect(applicationBlockedReason(facts({ status: 'evaluation', passes: false }), 'name', {}, TODAY)).toContain('不能命名');
    expect(applicationBlockedReason(facts({ status: 'evaluation' }), 'name', {}, TODAY)).toBeNull();
  });
  it('an illegal event names itself in the message', () => {
    expect(applicationBlockedReason(facts({ status: 'named' }), 'submit', {}, TODAY)).toBe('当前状态不能执行“提交申报”');
  });
});

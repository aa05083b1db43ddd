import { describe, expect, it } from 'vitest';
import { addDays, calendarDate, isCalendarDate } from '../dates.js';
import { editBlockedReason } from './edits.js';
import { inspectionCreateInput, itemCreateInput, itemFlagInput, itemListInput, itemUpdateInput } from './schemas.js';

describe('rectification inputs', () => {
  const inspection = { type: 'rule_of_law', title: '2026年度法治政府建设督察', periodStart: '2026-06-01', periodEnd: '2026-06-10', targetIds: [371312] };

  it('accepts an inspection and refuses a reversed period or repeated targets', () => {
    expect(inspectionCreateInput.parse(inspection).team).toBe('');
    expect(inspectionCreateInput.safeParse({ ...inspection, periodEnd: '2026-05-01' }).error?.issues[0]?.message).toBe('督察结束日期不能早于开始日期');
    expect(inspectionCreateInput.safeParse({ ...inspection, targetIds: [371312, 371312] }).success).toBe(false);
    expect(inspectionCreateInput.safeParse({ ...inspection, targetIds: [] }).error?.issues[0]?.message).toBe('请选择督察对象');
  });

  it('bounds every text and checks calendar dates', () => {
    const base = { inspectionId: 1, targetId: 371312, number: '2026-001', problem: '问题', category: 'enforcement', requirement: '要求', deadline: '2026-12-31' };
    expect(itemCreateInput.safeParse(base).success).toBe(true);
    expect(itemCreateInput.safeParse({ ...base, problem: '问'.repeat(2001) }).error?.issues[0]?.message).toBe('不能超过 2000 个字');
    expect(itemCreateInput.safeParse({ ...base, deadline: '2026-02-30' }).success).toBe(false);
    expect(itemCreateInput.safeParse({ ...base, number: "1' or 1=1" }).success).toBe(false);
    expect(itemListInput.safeParse({ keyword: 'x'.repeat(51) }).success).toBe(false);
    expect(itemListInput.parse({}).sort).toBe('deadline');
  });

  it('needs a reason to flag and something to update', () => {
    expect(itemFlagInput.safeParse({ id: 1, flagged: true, reason: ' ' }).error?.issues[0]?.message).toBe('挂牌督办须填写理由');
    expect(itemFlagInput.safeParse({ id: 1, flagged: false }).success).toBe(true);
    expect(itemUpdateInput.safeParse({ id: 1, version: 0 }).success).toBe(false);
  });
});

describe('dates and edits', () => {
  it('takes the calendar date in Beijing', () => {
    expect(calendarDate(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
    expect(calendarDate(new Date('2026-11-22T15:00:00Z'))).toBe('2026-11-22');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(isCalendarDate('2026-13-01')).toBe(false);
  });

  it('delegates only issued items and never edits closed ones', () => {
    expect(editBlockedReason('issued', 'delegate')).toBeNull();
    expect(editBlockedReason('acknowledged', 'delegate')).toContain('尚未签收');
    expect(editBlockedReason('closed', 'setMeasures')).not.toBeNull();
    expect(editBlockedReason('closure_requested', 'flag')).toBeNull();
    expect(editBlockedReason('closed', 'flag')).toContain('已销号');
  });
});

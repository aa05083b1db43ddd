import { describe, expect, it } from 'vitest';
import { ledgerQueryInput, ledgerSearchParams, parseLedgerFilters } from './ledgerFilters';

describe('ledger filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const f = parseLedgerFilters(new URLSearchParams('status=issued,closed&light=red&category=enforcement&unit=12&inspection=3&from=2026-01-01&to=2026-12-31&flagged=1&q=执法&sort=number'));
    expect(f).toEqual({ status: ['issued', 'closed'], light: ['red'], category: 'enforcement', unitId: 12, inspectionId: 3, deadlineFrom: '2026-01-01', deadlineTo: '2026-12-31', flagged: true, keyword: '执法', sort: 'number' });
    expect(parseLedgerFilters(ledgerSearchParams(f))).toEqual(f);
  });

  it('drops unknown statuses, bad dates, bad ids and unknown sorts instead of sending them', () => {
    const f = parseLedgerFilters(new URLSearchParams("status=issued,drop table&from=2026-02-30&unit=-1&inspection=1e3&sort=evil&light=purple"));
    expect(f).toEqual({ status: ['issued'], light: [], category: undefined, unitId: undefined, inspectionId: undefined, deadlineFrom: undefined, deadlineTo: undefined, flagged: undefined, keyword: undefined, sort: 'deadline' });
  });

  it('leaves empty lists out of the query input and keeps the default sort out of the URL', () => {
    const f = parseLedgerFilters(new URLSearchParams(''));
    expect(ledgerQueryInput(f, 371312)).toMatchObject({ jurisdictionId: 371312, status: undefined, light: undefined, sort: 'deadline' });
    expect(ledgerSearchParams(f).toString()).toBe('');
  });
});

/** Calendar dates are 'yyyy-mm-dd' strings everywhere: no time zone can shift them. */
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Government deadlines run on Beijing time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one, and "today" is asked on every request. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `now` in `timeZone`, as yyyy-mm-dd. */
export function calendarDate(now: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  let f = formatters.get(timeZone);
  // en-CA formats dates as yyyy-mm-dd.
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(now);
}

/** True for a real calendar date in yyyy-mm-dd form (rejects 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

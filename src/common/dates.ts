/** Calendar dates of the registry are Panama's (UTC−5 all year). */
const PANAMA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Panama', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The span of dates the registry accepts from clients (API.md, Conventions). */
/** The shape of a calendar date in the API, YYYY-MM-DD; whether the day exists is checked by the global field rules. */
export const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

export const EARLIEST_DAY = '1800-01-01';
export const LATEST_DAY = '2100-12-31';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO 8601 instant as clients send it: a calendar day, a time, and an optional offset. */
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/i;

/** `YYYY-MM-DD` of the given instant in Panama. */
export function panamaDay(at: Date = new Date()): string {
  return PANAMA_DAY.format(at);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether a string is `YYYY-MM-DD` naming a day that exists (no 30 February) within
 * 1800-01-01…2100-12-31.
 */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const length = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= length && value >= EARLIEST_DAY && value <= LATEST_DAY;
}

/**
 * Whether a string is an ISO 8601 instant (`2026-01-15T10:30:00Z`, with or without seconds,
 * fraction or offset) on a day that exists within 1800-01-01…2100-12-31.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT_PATTERN.exec(value);
  return match !== null && isCalendarDay(match[1]) && !Number.isNaN(Date.parse(value));
}

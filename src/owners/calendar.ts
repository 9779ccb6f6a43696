/** Legal ages and "today" are those of Panama, whatever the server's clock zone. */
export const REGISTRY_TIME_ZONE = 'America/Panama';
export const ADULT_AGE = 18;
export const EARLIEST_BIRTH_DATE = '1900-01-01';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const panamaDate = new Intl.DateTimeFormat('en-US', {
  timeZone: REGISTRY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD` naming a day that exists (no 2025-02-29, no 2026-04-31). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function todayInPanama(now: Date = new Date()): string {
  const parts = Object.fromEntries(panamaDate.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The same month and day `years` later. Someone born on 29 February reaches that anniversary
 * on 1 March of a common year: the full number of years has then certainly elapsed.
 */
export function anniversary(day: string, years: number): string {
  if (!isCalendarDate(day)) throw new TypeError(`not a calendar date: ${day}`);
  const [year, month, date] = day.split('-').map(Number);
  const target = year + years;
  if (month === 2 && date === 29 && !isLeapYear(target)) return `${pad(target, 4)}-03-01`;
  return `${pad(target, 4)}-${pad(month)}-${pad(date)}`;
}

/** Calendar dates in this form compare correctly as strings. */
export function isAdultOn(birthDate: string, day: string): boolean {
  return anniversary(birthDate, ADULT_AGE) <= day;
}

/** The calendar day `days` after `day` (before, when negative); both `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, month - 1, date + days));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

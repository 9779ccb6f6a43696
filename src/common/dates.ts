/** Calendar dates of the registry are Panama's (UTC−5 all year). */
const PANAMA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Panama', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` of the given instant in Panama. */
export function panamaDay(at: Date = new Date()): string {
  return PANAMA_DAY.format(at);
}

/** Whether a `YYYY-MM-DD` string names a real calendar day. */
export function isCalendarDay(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

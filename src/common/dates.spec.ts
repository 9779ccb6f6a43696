import { isCalendarDay, isInstant } from './dates';

describe('calendar days and instants', () => {
  it.each(['2024-02-29', '1800-01-01', '2100-12-31', '2026-04-30'])('accepts the day %s', (day) => {
    expect(isCalendarDay(day)).toBe(true);
  });

  it.each(['2026-02-30', '2025-02-29', '2100-02-29', '0000-01-01', '1799-12-31', '2101-01-01', '2026-13-01', '2026-1-01', ' 2026-01-01', 1])(
    'refuses the day %j',
    (day) => {
      expect(isCalendarDay(day)).toBe(false);
    },
  );

  it.each(['2026-01-15T10:30:00Z', '2026-01-15T10:30:00.123Z', '2026-01-15T10:30:00-05:00', '2026-01-15T10:30'])('accepts the instant %s', (at) => {
    expect(isInstant(at)).toBe(true);
  });

  it.each(['1', '2020', 'March 7', '2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '2101-01-01T00:00:00Z', '2026-01-15T24:00:00Z', '2026-01-15'])(
    'refuses the instant %j',
    (at) => {
      expect(isInstant(at)).toBe(false);
    },
  );
});

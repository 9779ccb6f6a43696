import { addDays, anniversary, isAdultOn, isCalendarDate, todayInPanama } from './calendar';

describe('calendar', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
    [20260101, false],
  ])('isCalendarDate(%p) is %p', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('takes today in Panama (UTC-5), not on the server clock', () => {
    expect(todayInPanama(new Date('2026-01-01T04:59:59Z'))).toBe('2025-12-31');
    expect(todayInPanama(new Date('2026-01-01T05:00:00Z'))).toBe('2026-01-01');
  });

  it('puts the anniversary of 29 February on 1 March in common years', () => {
    expect(anniversary('2008-02-29', 18)).toBe('2026-03-01');
    expect(anniversary('2008-02-29', 16)).toBe('2024-02-29');
    expect(anniversary('2008-05-17', 18)).toBe('2026-05-17');
    expect(() => anniversary('2008-02-30', 18)).toThrow(TypeError);
  });

  it('makes a person adult on their 18th birthday, not the day before', () => {
    expect(isAdultOn('2008-05-17', '2026-05-17')).toBe(true);
    expect(isAdultOn('2008-05-18', '2026-05-17')).toBe(false);
    expect(isAdultOn('2008-02-29', '2026-02-28')).toBe(false);
    expect(isAdultOn('2008-02-29', '2026-03-01')).toBe(true);
    expect(isAdultOn('1950-01-01', '2026-05-17')).toBe(true);
  });
});

describe('addDays', () => {
  it('crosses months, leap days and years', () => {
    expect(addDays('2026-12-04', 60)).toBe('2027-02-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});

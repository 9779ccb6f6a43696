import { timeOrderedId } from './time-ordered-id';

describe('timeOrderedId', () => {
  it('is a version 7 UUID carrying the millisecond it was made in', () => {
    const at = Date.UTC(2026, 11, 4, 23, 30, 0, 123);
    const id = timeOrderedId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by time, and differs within one millisecond', () => {
    const at = Date.now();
    const ids = [timeOrderedId(at - 5), timeOrderedId(at - 1), timeOrderedId(at)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedId(at))).size).toBe(1000);
  });
});

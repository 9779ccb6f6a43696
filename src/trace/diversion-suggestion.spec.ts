import { suggestDiversionPoint } from './diversion-suggestion';

describe('suggestDiversionPoint', () => {
  it('proposes theft for a weapon reported stolen before its recovery', () => {
    expect(suggestDiversionPoint([{ kind: 'reported_stolen', occurredAt: '2026-03-01T10:00:00Z' }], '2026-05-01')).toBe('theft');
  });

  it('takes the latest report: lost, then stolen', () => {
    const events = [
      { kind: 'reported_lost', occurredAt: '2026-01-01T10:00:00Z' },
      { kind: 'reported_stolen', occurredAt: '2026-02-01T10:00:00Z' },
      { kind: 'seized', occurredAt: '2026-05-01T05:00:00Z' },
    ];
    expect(suggestDiversionPoint(events, '2026-05-01')).toBe('theft');
    expect(suggestDiversionPoint(events.slice(0, 1), '2026-05-01')).toBe('loss');
  });

  it('counts a report made later on the recovery day (Panama time), not one after it', () => {
    expect(suggestDiversionPoint([{ kind: 'reported_lost', occurredAt: '2026-05-02T04:00:00Z' }], '2026-05-01')).toBe('loss');
    expect(suggestDiversionPoint([{ kind: 'reported_lost', occurredAt: '2026-05-02T05:00:00Z' }], '2026-05-01')).toBeNull();
  });

  it('proposes nothing for a weapon never reported lost or stolen', () => {
    expect(suggestDiversionPoint([{ kind: 'surrendered', occurredAt: '2026-03-01T10:00:00Z' }], '2026-05-01')).toBeNull();
    expect(suggestDiversionPoint([], '2026-05-01')).toBeNull();
  });
});

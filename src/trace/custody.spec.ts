import { custodyChain, traceFlags } from './custody';

describe('custodyChain', () => {
  const registration = { holderId: 'current', acquiredOn: '2024-01-10' };

  it('is one period from the acquisition when the weapon never changed hands', () => {
    expect(custodyChain(registration, [])).toEqual([
      { ownerId: 'current', from: '2024-01-10', to: null, via: { kind: 'registration', transferId: null } },
    ]);
  });

  it('starts with the first sender and adds one period per transfer, each ended by the next', () => {
    const chain = custodyChain(registration, [
      { id: 't1', fromOwnerId: 'first', toOwnerId: 'second', kind: 'sale', date: '2025-02-01' },
      { id: 't2', fromOwnerId: 'second', toOwnerId: 'current', kind: 'inheritance', date: '2026-03-15' },
    ]);
    expect(chain).toEqual([
      { ownerId: 'first', from: '2024-01-10', to: '2025-02-01', via: { kind: 'registration', transferId: null } },
      { ownerId: 'second', from: '2025-02-01', to: '2026-03-15', via: { kind: 'sale', transferId: 't1' } },
      { ownerId: 'current', from: '2026-03-15', to: null, via: { kind: 'inheritance', transferId: 't2' } },
    ]);
  });

  it('ends the last period with an export and opens none', () => {
    const chain = custodyChain(registration, [
      { id: 't1', fromOwnerId: 'current', toOwnerId: null, kind: 'export', date: '2026-05-01' },
    ]);
    expect(chain).toEqual([
      { ownerId: 'current', from: '2024-01-10', to: '2026-05-01', via: { kind: 'registration', transferId: null } },
    ]);
  });
});

describe('traceFlags', () => {
  const plain = {
    status: 'active',
    unverifiedMake: false,
    unverifiedCalibre: false,
    serialStatus: 'marked',
    hasBallistics: true,
    pendingCorrections: 0,
    holderStatus: 'active',
  };

  it('is empty for an unremarkable weapon', () => {
    expect(traceFlags(plain)).toEqual([]);
  });

  it('lists every flag that applies, in a fixed order', () => {
    expect(
      traceFlags({
        status: 'stolen',
        unverifiedMake: true,
        unverifiedCalibre: true,
        serialStatus: 'obliterated',
        hasBallistics: false,
        pendingCorrections: 2,
        holderStatus: 'deceased',
      }),
    ).toEqual([
      'stolen',
      'unverified_make',
      'unverified_calibre',
      'pending_correction',
      'obliterated_serial',
      'missing_ballistics',
      'holder_inactive',
    ]);
    expect(traceFlags({ ...plain, status: 'lost', serialStatus: 'unmarked' })).toEqual(['lost', 'unmarked_serial']);
    expect(traceFlags({ ...plain, holderStatus: null })).toEqual([]);
  });
});

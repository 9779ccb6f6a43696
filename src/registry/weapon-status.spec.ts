import { nextStatus, REPORTABLE_EVENTS, WeaponEventKind as E, WeaponStatus as S } from './weapon-status';

const ALL = Object.values(S);

describe('nextStatus', () => {
  const allowed: Array<[E, S, S]> = [
    [E.ReportedLost, S.Active, S.Lost],
    [E.ReportedStolen, S.Active, S.Stolen],
    [E.ReportedStolen, S.Lost, S.Stolen],
    [E.Seized, S.Active, S.Seized],
    [E.Seized, S.Lost, S.Seized],
    [E.Seized, S.Stolen, S.Seized],
    [E.Recovered, S.Lost, S.Seized],
    [E.Recovered, S.Stolen, S.Seized],
    [E.Returned, S.Seized, S.Active],
    [E.Returned, S.InStateCustody, S.Active],
    [E.Surrendered, S.Active, S.InStateCustody],
    [E.Destroyed, S.Seized, S.Destroyed],
    [E.Destroyed, S.InStateCustody, S.Destroyed],
    [E.Deactivated, S.Active, S.Deactivated],
    [E.CustodyTransferred, S.Seized, S.Seized],
    [E.CustodyTransferred, S.InStateCustody, S.InStateCustody],
    [E.Forfeited, S.Seized, S.InStateCustody],
  ];

  it.each(allowed)('%s from %s leads to %s', (event, from, to) => {
    expect(nextStatus(event as (typeof REPORTABLE_EVENTS)[number], from)).toBe(to);
  });

  it('refuses every other pair of event and status', () => {
    const permitted = new Set(allowed.map(([event, from]) => `${event}/${from}`));
    let refused = 0;
    for (const event of REPORTABLE_EVENTS) {
      for (const from of ALL) {
        if (permitted.has(`${event}/${from}`)) continue;
        expect(nextStatus(event, from)).toBeNull();
        refused += 1;
      }
    }
    expect(refused).toBe(REPORTABLE_EVENTS.length * ALL.length - allowed.length);
  });

  it('lets nothing leave destroyed, deactivated or exported', () => {
    for (const event of REPORTABLE_EVENTS) {
      for (const from of [S.Destroyed, S.Deactivated, S.Exported]) expect(nextStatus(event, from)).toBeNull();
    }
  });
});

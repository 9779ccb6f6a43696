import { Role } from '../auth/role.enum';
import { eventPermission } from './event-permissions';
import { WeaponEventKind as E } from './weapon-status';

describe('eventPermission', () => {
  it('lets police report theft nationally and officers within their districts', () => {
    expect(eventPermission(E.ReportedStolen, [Role.Police])).toBe('national');
    expect(eventPermission(E.ReportedStolen, [Role.Officer])).toBe('scoped');
  });

  it('keeps seizure, recovery and return for police and admins', () => {
    for (const event of [E.Seized, E.Recovered, E.Returned] as const) {
      expect(eventPermission(event, [Role.Officer, Role.Supervisor])).toBe('denied');
      expect(eventPermission(event, [Role.Police])).toBe('national');
      expect(eventPermission(event, [Role.Admin])).toBe('national');
    }
  });

  it('keeps surrender, destruction and deactivation for the ministry', () => {
    for (const event of [E.Surrendered, E.Destroyed, E.Deactivated] as const) {
      expect(eventPermission(event, [Role.Police])).toBe('denied');
      expect(eventPermission(event, [Role.Supervisor])).toBe('scoped');
    }
  });

  it('lets police and the ministry move weapons between State stores and record forfeiture', () => {
    for (const event of [E.CustodyTransferred, E.Forfeited] as const) {
      expect(eventPermission(event, [Role.Police])).toBe('national');
      expect(eventPermission(event, [Role.Officer])).toBe('scoped');
      expect(eventPermission(event, [Role.Auditor])).toBe('denied');
    }
  });

  it('denies auditors everything', () => {
    expect(eventPermission(E.ReportedLost, [Role.Auditor])).toBe('denied');
  });
});

import { Role } from '../auth/role.enum';
import { type ReportableEvent, WeaponEventKind as E } from './weapon-status';

/** Who may report each event (the contract's capability table). */
export const EVENT_ROLES: Record<ReportableEvent, readonly Role[]> = {
  [E.ReportedLost]: [Role.Admin, Role.Officer, Role.Supervisor, Role.Police],
  [E.ReportedStolen]: [Role.Admin, Role.Officer, Role.Supervisor, Role.Police],
  [E.Seized]: [Role.Admin, Role.Police],
  [E.Recovered]: [Role.Admin, Role.Police],
  [E.Returned]: [Role.Admin, Role.Police],
  [E.Surrendered]: [Role.Admin, Role.Officer, Role.Supervisor],
  [E.Destroyed]: [Role.Admin, Role.Officer, Role.Supervisor],
  [E.Deactivated]: [Role.Admin, Role.Officer, Role.Supervisor],
  [E.CustodyTransferred]: [Role.Admin, Role.Officer, Role.Supervisor, Role.Police],
  [E.Forfeited]: [Role.Admin, Role.Officer, Role.Supervisor, Role.Police],
};

/** Roles whose scope is national; the ministry's officers and supervisors act within their districts. */
const UNSCOPED: readonly Role[] = [Role.Admin, Role.Police];

export type EventPermission = 'denied' | 'national' | 'scoped';

export function eventPermission(event: ReportableEvent, roles: readonly Role[]): EventPermission {
  const allowed = roles.filter((role) => EVENT_ROLES[event].includes(role));
  if (allowed.length === 0) return 'denied';
  return allowed.some((role) => UNSCOPED.includes(role)) ? 'national' : 'scoped';
}

import { Role } from '../auth/role.enum';
import { WeaponEventKind, WeaponStatus } from '../registry/weapon-status';

export enum RecoveryKind {
  Seized = 'seized',
  Found = 'found',
  Surrendered = 'surrendered',
  Amnesty = 'amnesty',
}

export const RECOVERY_KINDS: readonly RecoveryKind[] = Object.values(RecoveryKind);

/** Who may record each kind (the contract's capability table); police and admins act nationally. */
export const RECOVERY_ROLES: Record<RecoveryKind, readonly Role[]> = {
  [RecoveryKind.Seized]: [Role.Admin, Role.Police],
  [RecoveryKind.Found]: [Role.Admin, Role.Police],
  [RecoveryKind.Surrendered]: [Role.Admin, Role.Officer, Role.Supervisor],
  [RecoveryKind.Amnesty]: [Role.Admin, Role.Officer, Role.Supervisor],
};

/** Every role that records some kind of recovery, and every role that reads them. */
export const RECOVERY_WRITERS: readonly Role[] = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];
export const RECOVERY_READERS: readonly Role[] = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];
export const DESTROYERS: readonly Role[] = [Role.Admin, Role.Officer, Role.Supervisor];

/** The event each recovered weapon receives and the status it lands in. */
export function recoveryMove(
  kind: RecoveryKind,
): { event: WeaponEventKind.Seized | WeaponEventKind.Surrendered; toStatus: WeaponStatus.Seized | WeaponStatus.InStateCustody } {
  return kind === RecoveryKind.Seized || kind === RecoveryKind.Found
    ? { event: WeaponEventKind.Seized, toStatus: WeaponStatus.Seized }
    : { event: WeaponEventKind.Surrendered, toStatus: WeaponStatus.InStateCustody };
}

export type RecoveryPermission = 'denied' | 'national' | 'scoped';

export function recoveryPermission(kind: RecoveryKind, roles: readonly Role[]): RecoveryPermission {
  const allowed = roles.filter((role) => RECOVERY_ROLES[kind].includes(role));
  if (allowed.length === 0) return 'denied';
  return allowed.some((role) => role === Role.Admin || role === Role.Police) ? 'national' : 'scoped';
}

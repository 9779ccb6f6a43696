import { WeaponStatus } from '../registry/weapon-status';

export const FINDING_KINDS = [
  'HOLDER_MISMATCH',
  'HOLDER_UNLICENSED',
  'HOLDER_INACTIVE',
  'POSSIBLE_DUPLICATE',
  'AUDIT_CHAIN_INVALID',
  'MISSING_AUDIT',
  'MISSING_BALLISTICS',
  'SURRENDERED_BY_THIRD_PARTY',
  'TRACE_OVERDUE',
  'SURRENDER_OVERDUE',
  'CERTIFICATE_EXPIRED',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type FindingCounts = Record<FindingKind, number>;

/** Every kind, zero included: a reader can tell "none found" from "not checked". */
export function countsOf(found: Partial<FindingCounts>): FindingCounts {
  return Object.fromEntries(FINDING_KINDS.map((kind) => [kind, found[kind] ?? 0])) as FindingCounts;
}

/**
 * Statuses in which the holder has the weapon in hand and so must hold a licence in force
 * for it. Lost and stolen weapons are out of the holder's hands, seized ones and those in
 * state custody are in the state's, and final ones are gone; a weapon handed back
 * (`returned`) is checked against the holder's licence at that moment.
 */
export const HELD_STATUSES: readonly WeaponStatus[] = [WeaponStatus.Active];

/** A weapon is expected to have its ballistic test within this many days of registration. */
export const BALLISTICS_GRACE_DAYS = 30;

/** A prohibited holder has this many days from the order's `from` to surrender their weapons. */
export const SURRENDER_GRACE_DAYS = 30;

/** The audit action that creates each kind of record, and the entity it is written against. */
export const CREATING_ACTIONS = {
  weapon: { entityType: 'weapon', action: 'weapon.registered' },
  owner: { entityType: 'owner', action: 'owner.created' },
  licence: { entityType: 'licence', action: 'licence.issued' },
  // A transfer is audited against its weapon, with the transfer in `after.transfer`.
  transfer: { entityType: 'weapon', action: 'transfer.recorded' },
} as const;

export enum WeaponStatus {
  Active = 'active',
  Lost = 'lost',
  Stolen = 'stolen',
  Seized = 'seized',
  InStateCustody = 'in_state_custody',
  Destroyed = 'destroyed',
  Deactivated = 'deactivated',
  Exported = 'exported',
}

export enum WeaponEventKind {
  ReportedLost = 'reported_lost',
  ReportedStolen = 'reported_stolen',
  Seized = 'seized',
  Recovered = 'recovered',
  Returned = 'returned',
  Surrendered = 'surrendered',
  Destroyed = 'destroyed',
  Deactivated = 'deactivated',
  /** The weapon moved to another State store (status unchanged); place and reference name the store and its receipt. */
  CustodyTransferred = 'custody_transferred',
  /** A court order gave a seized weapon to the State (reference names the order). */
  Forfeited = 'forfeited',
  /** Written by the registry itself: a national mark was assigned. */
  Remarked = 'remarked',
  /** Written by the registry itself: an approved correction changed identifying fields. */
  Corrected = 'corrected',
}

/** The events a person reports through POST /weapons/:id/events. */
export const REPORTABLE_EVENTS = [
  WeaponEventKind.ReportedLost,
  WeaponEventKind.ReportedStolen,
  WeaponEventKind.Seized,
  WeaponEventKind.Recovered,
  WeaponEventKind.Returned,
  WeaponEventKind.Surrendered,
  WeaponEventKind.Destroyed,
  WeaponEventKind.Deactivated,
  WeaponEventKind.CustodyTransferred,
  WeaponEventKind.Forfeited,
] as const;
export type ReportableEvent = (typeof REPORTABLE_EVENTS)[number];

const S = WeaponStatus;

/**
 * The status table of the contract: for each event, the statuses it may follow and the one it
 * leads to (`unchanged`: the status stays what it was).
 */
const TRANSITIONS: Record<ReportableEvent, { from: readonly WeaponStatus[]; to: WeaponStatus | 'unchanged' }> = {
  [WeaponEventKind.ReportedLost]: { from: [S.Active], to: S.Lost },
  [WeaponEventKind.ReportedStolen]: { from: [S.Active, S.Lost], to: S.Stolen },
  [WeaponEventKind.Seized]: { from: [S.Active, S.Lost, S.Stolen], to: S.Seized },
  [WeaponEventKind.Recovered]: { from: [S.Lost, S.Stolen], to: S.Seized },
  [WeaponEventKind.Returned]: { from: [S.Seized, S.InStateCustody], to: S.Active },
  [WeaponEventKind.Surrendered]: { from: [S.Active], to: S.InStateCustody },
  [WeaponEventKind.Destroyed]: { from: [S.Seized, S.InStateCustody], to: S.Destroyed },
  [WeaponEventKind.Deactivated]: { from: [S.Active], to: S.Deactivated },
  [WeaponEventKind.CustodyTransferred]: { from: [S.Seized, S.InStateCustody], to: 'unchanged' },
  [WeaponEventKind.Forfeited]: { from: [S.Seized], to: S.InStateCustody },
};

/** The status after `event`, or null when the event is not possible from `from`. */
export function nextStatus(event: ReportableEvent, from: WeaponStatus): WeaponStatus | null {
  const transition = TRANSITIONS[event];
  if (!transition.from.includes(from)) return null;
  return transition.to === 'unchanged' ? from : transition.to;
}

/** Statuses no event leaves. */
export const FINAL_STATUSES: readonly WeaponStatus[] = [S.Destroyed, S.Deactivated, S.Exported];

/** Statuses in which a marking counts as reported missing: registering it again raises an alert. */
export const MISSING_STATUSES: readonly WeaponStatus[] = [S.Lost, S.Stolen];

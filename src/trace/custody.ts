import type { TransferStep } from '../transfers/transfer-steps.query';

export type { TransferStep } from '../transfers/transfer-steps.query';

export interface CustodyPeriod {
  ownerId: string;
  from: string;
  /** The day the next transfer (or the export) ended it; null while it lasts. */
  to: string | null;
  via: { kind: string; transferId: string | null };
}

/**
 * The chain of custody from first registration to now: the first holder from the
 * acquisition date, then one period per transfer to its recipient. The first holder is the
 * first transfer's sender (the weapon's holder has changed since), else the current holder.
 */
export function custodyChain(registration: { holderId: string; acquiredOn: string }, transfers: readonly TransferStep[]): CustodyPeriod[] {
  const periods: CustodyPeriod[] = [
    {
      ownerId: transfers[0]?.fromOwnerId ?? registration.holderId,
      from: registration.acquiredOn,
      to: null,
      via: { kind: 'registration', transferId: null },
    },
  ];
  for (const transfer of transfers) {
    periods[periods.length - 1].to = transfer.date;
    if (transfer.toOwnerId !== null) {
      periods.push({ ownerId: transfer.toOwnerId, from: transfer.date, to: null, via: { kind: transfer.kind, transferId: transfer.id } });
    }
  }
  return periods;
}

export const TRACE_FLAGS = [
  'stolen',
  'lost',
  'unverified_make',
  'unverified_calibre',
  'pending_correction',
  'obliterated_serial',
  'unmarked_serial',
  'missing_ballistics',
  'holder_inactive',
] as const;
export type TraceFlag = (typeof TRACE_FLAGS)[number];

export interface FlagInput {
  status: string;
  unverifiedMake: boolean;
  unverifiedCalibre: boolean;
  serialStatus: string;
  hasBallistics: boolean;
  pendingCorrections: number;
  holderStatus: string | null;
}

/** What a police officer should notice first about a weapon, in a fixed order. */
export function traceFlags(input: FlagInput): TraceFlag[] {
  const flags: Record<TraceFlag, boolean> = {
    stolen: input.status === 'stolen',
    lost: input.status === 'lost',
    unverified_make: input.unverifiedMake,
    unverified_calibre: input.unverifiedCalibre,
    pending_correction: input.pendingCorrections > 0,
    obliterated_serial: input.serialStatus === 'obliterated',
    unmarked_serial: input.serialStatus === 'unmarked',
    missing_ballistics: !input.hasBallistics,
    holder_inactive: input.holderStatus !== null && input.holderStatus !== 'active',
  };
  return TRACE_FLAGS.filter((flag) => flags[flag]);
}

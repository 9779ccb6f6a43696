import { Injectable } from '@nestjs/common';
import { type HolderSnapshot, HolderChecks } from '../owners/holder-checks.service';
import { WeaponHistoryQuery } from '../registry/weapon-history.query';
import { WeaponStatus } from '../registry/weapon-status';
import { WeaponsQuery } from '../registry/weapons.query';
import { TransferStepsQuery } from '../transfers/transfer-steps.query';
import { custodyChain, traceFlags } from './custody';
import type { CustodyOwnerDto, TraceHolderDto, TraceRecordDto } from './trace.dto';

function ownerView(owner: HolderSnapshot | undefined, id: string): CustodyOwnerDto {
  // An owner is never deleted, so a missing one means the chain points at a row this read cannot see.
  if (!owner) return { id, name: '(unknown owner)', idDocument: { kind: 'unknown', number: '' }, district: '' };
  return { id: owner.id, name: owner.name, idDocument: { ...owner.idDocument }, district: owner.district };
}

/**
 * A weapon's trace record: the weapon, its current holder, the chain of custody from first
 * registration, every event and the flags police should see first, each part asked of the
 * module that owns it: the weapon, its events and pending corrections of registry, its
 * transfers of transfers, its holders of owners (each one indexed read).
 */
@Injectable()
export class TraceRecords {
  constructor(
    private readonly weapons: WeaponsQuery,
    private readonly history: WeaponHistoryQuery,
    private readonly transferSteps: TransferStepsQuery,
    private readonly holders: HolderChecks,
  ) {}

  async build(weaponId: string): Promise<TraceRecordDto> {
    const weapon = await this.weapons.get(weaponId);
    const [steps, events, pendingCorrections] = await Promise.all([
      this.transferSteps.ofWeapon(weaponId),
      this.history.eventsOf(weaponId),
      this.history.pendingCorrections(weaponId),
    ]);
    // A weapon the State recovered without a prior record has had no holder: its custody is the State's alone.
    const periods = weapon.holderId === null ? [] : custodyChain({ holderId: weapon.holderId, acquiredOn: weapon.acquisition.date }, steps);
    const heldBy = weapon.holderId === null ? [] : [weapon.holderId];
    const owners = await this.holders.findOwners([...heldBy, ...periods.map((period) => period.ownerId)]);
    const current = weapon.status === WeaponStatus.Exported || weapon.holderId === null ? undefined : owners.get(weapon.holderId);
    const holder: TraceHolderDto | null = current
      ? { ...ownerView(current, current.id), type: current.type, status: current.status }
      : null;
    return {
      weapon,
      status: weapon.status,
      holder,
      custody: periods.map((period) => ({
        owner: ownerView(owners.get(period.ownerId), period.ownerId),
        from: period.from,
        to: period.to,
        via: period.via,
      })),
      events,
      flags: traceFlags({
        status: weapon.status,
        unverifiedMake: weapon.unverifiedMake,
        unverifiedCalibre: weapon.unverifiedCalibre,
        serialStatus: weapon.serialStatus,
        hasBallistics: weapon.ballistics !== null,
        pendingCorrections,
        holderStatus: holder?.status ?? null,
      }),
    };
  }
}

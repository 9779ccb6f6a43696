import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type HolderSnapshot, HolderChecks } from '../owners/holder-checks.service';
import { toWeaponEventDto } from '../registry/registry.mapper';
import { WeaponEventEntity } from '../registry/weapon-event.entity';
import { WeaponStatus } from '../registry/weapon-status';
import { WeaponsQuery } from '../registry/weapons.query';
import { custodyChain, traceFlags, type TransferStep } from './custody';
import type { CustodyOwnerDto, TraceHolderDto, TraceRecordDto } from './trace.dto';

interface TransferRow {
  id: string;
  from_owner_id: string;
  to_owner_id: string | null;
  kind: string;
  date: string;
}

function ownerView(owner: HolderSnapshot | undefined, id: string): CustodyOwnerDto {
  // An owner is never deleted, so a missing one means the chain points at a row this read cannot see.
  if (!owner) return { id, name: '(unknown owner)', idDocument: { kind: 'unknown', number: '' }, district: '' };
  return { id: owner.id, name: owner.name, idDocument: { ...owner.idDocument }, district: owner.district };
}

/**
 * A weapon's trace record: the weapon, its current holder, the chain of custody from first
 * registration, every event and the flags police should see first. Each part is one indexed
 * read: transfers by ix_transfers_weapon, events by ix_weapon_events_weapon, corrections by
 * ix_corrections_weapon, owners by primary key.
 */
@Injectable()
export class TraceRecords {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly weapons: WeaponsQuery,
    private readonly holders: HolderChecks,
  ) {}

  async build(weaponId: string): Promise<TraceRecordDto> {
    const weapon = await this.weapons.get(weaponId);
    const [transfers, events, corrections] = await Promise.all([
      this.dataSource.query(
        `SELECT id, from_owner_id, to_owner_id, kind, to_char(date, 'YYYY-MM-DD') AS date
           FROM transfers WHERE weapon_id = $1 ORDER BY recorded_at, id`,
        [weaponId],
      ) as Promise<TransferRow[]>,
      this.dataSource.getRepository(WeaponEventEntity).find({
        where: { weaponId },
        order: { occurredAt: 'ASC', recordedAt: 'ASC', id: 'ASC' },
      }),
      this.dataSource.query(`SELECT count(*)::int AS pending FROM corrections WHERE weapon_id = $1 AND status = 'pending'`, [
        weaponId,
      ]) as Promise<Array<{ pending: number }>>,
    ]);
    const steps: TransferStep[] = transfers.map((row) => ({
      id: row.id,
      fromOwnerId: row.from_owner_id,
      toOwnerId: row.to_owner_id,
      kind: row.kind,
      date: row.date,
    }));
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
      events: events.map(toWeaponEventDto),
      flags: traceFlags({
        status: weapon.status,
        unverifiedMake: weapon.unverifiedMake,
        unverifiedCalibre: weapon.unverifiedCalibre,
        serialStatus: weapon.serialStatus,
        hasBallistics: weapon.ballistics !== null,
        pendingCorrections: corrections[0].pending,
        holderStatus: holder?.status ?? null,
      }),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager, In } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { OwnerEntity } from './owner.entity';
import { type OwnerStatus } from './owner-status';

export type { OwnerStatus } from './owner-status';

export interface HolderSnapshot {
  id: string;
  type: 'person' | 'organization';
  name: string;
  status: OwnerStatus;
  district: string;
  idDocument: { kind: string; number: string };
}

function toHolderSnapshot(owner: OwnerEntity): HolderSnapshot {
  return {
    id: owner.id,
    type: owner.type,
    name: owner.name,
    status: owner.status,
    district: owner.district,
    idDocument: { kind: owner.idKind, number: owner.idNumber },
  };
}

/** What the weapons and transfers modules may know of holders, without reaching into these tables. */
@Injectable()
export class HolderChecks {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Loads the owner with SELECT … FOR SHARE inside the caller's transaction; throws
   * NotFoundError('Owner', id) when missing. The share lock makes a concurrent status change
   * wait for the caller's commit, so a check against `status` stays true until then.
   */
  async lockOwner(manager: EntityManager, ownerId: string): Promise<HolderSnapshot> {
    const owner = isUUID(ownerId)
      ? await manager.findOne(OwnerEntity, { where: { id: ownerId }, lock: { mode: 'pessimistic_read' } })
      : null;
    if (!owner) throw new NotFoundError('owner', ownerId);
    return toHolderSnapshot(owner);
  }

  /** Snapshots for reads (no lock), keyed by id; missing ids are absent. */
  async findOwners(ids: readonly string[]): Promise<Map<string, HolderSnapshot>> {
    const wanted = [...new Set(ids)].filter((id) => isUUID(id));
    if (wanted.length === 0) return new Map();
    const owners = await this.dataSource.getRepository(OwnerEntity).findBy({ id: In(wanted) });
    return new Map(owners.map((owner) => [owner.id, toHolderSnapshot(owner)]));
  }
}

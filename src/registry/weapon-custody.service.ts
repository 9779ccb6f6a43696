import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import { HoldingCertificates } from './certificates/holding-certificates.service';
import { toWeaponDto } from './registry.mapper';
import { HELD_WEAPONS_SQL } from './weapon-custody.sql';
import { WeaponStatus } from './weapon-status';
import type { WeaponDto } from './weapon.dto';
import { WeaponEntity } from './weapon.entity';

export type CustodyChange = { holderId: string; district: string } | { exported: true };

/**
 * What other modules may do to a weapon's custody, inside their own transaction: lock it,
 * then hand it to a new holder or mark it exported. The weapon table stays this module's.
 */
@Injectable()
export class WeaponCustody {
  constructor(private readonly certificates: HoldingCertificates) {}

  /** SELECT … FOR UPDATE: concurrent changes of one weapon take turns, and each re-reads the version. */
  async lock(manager: EntityManager, weaponId: string): Promise<WeaponDto> {
    const weapon = await manager.findOne(WeaponEntity, { where: { id: weaponId }, lock: { mode: 'pessimistic_write' } });
    if (!weapon) throw new NotFoundError('weapon', weaponId);
    return toWeaponDto(weapon);
  }

  /**
   * The weapons an owner has in hand (active), locked FOR SHARE until the caller's commit so
   * none changes hands meanwhile (a court prohibition's surrender alerts).
   */
  async inHandOf(manager: EntityManager, ownerId: string): Promise<string[]> {
    const rows = (await manager.query(HELD_WEAPONS_SQL, [ownerId, [WeaponStatus.Active]])) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /**
   * Applies the change to a weapon locked by `lock` in the same transaction; returns it as it
   * now is. The holding certificate follows: a new holder gets a new one that supersedes the
   * last holder's, an export revokes it (the weapon left Panama for good); both audited as `actor`.
   */
  async change(manager: EntityManager, actor: AuditActor, weaponId: string, expectedVersion: number, change: CustodyChange): Promise<WeaponDto> {
    const set =
      'exported' in change
        ? { status: WeaponStatus.Exported }
        : { holderId: change.holderId, district: change.district };
    // The version condition is a second guard: the row lock already serialises writers.
    const result = await manager
      .createQueryBuilder()
      .update(WeaponEntity)
      .set({ ...set, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id: weaponId, version: expectedVersion })
      .execute();
    if (result.affected !== 1) throw new Error(`weapon ${weaponId} changed while locked`);
    if ('exported' in change) await this.certificates.revoke(manager, actor, [weaponId], 'exported');
    else await this.certificates.reissue(manager, actor, { weaponId, holderId: change.holderId }, 'transferred', { action: 'transfer' });
    const weapon = await manager.findOneByOrFail(WeaponEntity, { id: weaponId });
    return toWeaponDto(weapon);
  }
}

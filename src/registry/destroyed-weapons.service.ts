import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';
import { HoldingCertificates } from './certificates/holding-certificates.service';
import { WeaponEventKind, WeaponStatus } from './weapon-status';
import { WeaponEntity } from './weapon.entity';

/** The registry's side of a destruction batch: its weapons locked, then destroyed together with their events. */
@Injectable()
export class DestroyedWeapons {
  constructor(private readonly certificates: HoldingCertificates) {}

  /**
   * The weapons of a destruction batch, locked in id order, as they are before it: the caller
   * checks them all before `destroy` writes anything.
   */
  async lockForDestruction(manager: EntityManager, ids: readonly string[]): Promise<WeaponEntity[]> {
    return manager
      .createQueryBuilder(WeaponEntity, 'w')
      .where('w.id IN (:...ids)', { ids: [...ids] })
      .orderBy('w.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /**
   * Every weapon to `destroyed`, each with its event naming the batch and its acta, in two
   * statements; a seized weapon's holding certificate, still valid, is revoked with it (audited as `actor`).
   */
  async destroy(
    manager: EntityManager,
    weapons: readonly WeaponEntity[],
    batch: { batchId: string; date: string; place: string; actaRef: string; method: string; recordedBy: string },
    actor: AuditActor,
  ): Promise<WeaponEntity[]> {
    const now = new Date();
    await manager.query(
      `UPDATE weapons w SET status = $2, version = w.version + 1, updated_at = $3 WHERE w.id = ANY($1::uuid[])`,
      [weapons.map((weapon) => weapon.id), WeaponStatus.Destroyed, now],
    );
    await manager.query(
      `INSERT INTO weapon_events (weapon_id, kind, occurred_at, place, reference, from_status, to_status, details, recorded_by, recorded_at)
       SELECT e.weapon_id, $2, $3, $4, $5, e.from_status, $6, $7, $8, $9
         FROM jsonb_to_recordset($1::jsonb) AS e(weapon_id uuid, from_status text)`,
      [
        JSON.stringify(weapons.map((weapon) => ({ weapon_id: weapon.id, from_status: weapon.status }))),
        WeaponEventKind.Destroyed,
        new Date(`${batch.date}T00:00:00-05:00`),
        batch.place,
        batch.actaRef,
        WeaponStatus.Destroyed,
        JSON.stringify({ destructionBatchId: batch.batchId, method: batch.method }),
        batch.recordedBy,
        now,
      ],
    );
    await this.certificates.revoke(
      manager,
      actor,
      weapons.map((weapon) => weapon.id),
      'destroyed',
    );
    return weapons.map((weapon) => ({ ...weapon, status: WeaponStatus.Destroyed, version: weapon.version + 1, updatedAt: now }));
  }
}

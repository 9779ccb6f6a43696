import { type EntityManager } from 'typeorm';
import { type AuditInput } from '../audit/audit.service';

/**
 * A weapon's district is always its holder's (API.md, "Roles and scope"): when an owner moves,
 * the weapons they hold move with them, in the owner's change transaction. One set-based
 * update; each moved weapon gets a new version and the audit entry to append with the change.
 */
export async function moveHeldWeapons(
  manager: EntityManager,
  holderId: string,
  district: string,
): Promise<AuditInput[]> {
  const [rows] = (await manager.query(
    `UPDATE weapons w SET district = $2, version = w.version + 1, updated_at = now()
       FROM weapons old
      WHERE w.holder_id = $1 AND w.district <> $2 AND old.id = w.id
      RETURNING w.id, old.district AS from_district, w.version`,
    [holderId, district],
  )) as [Array<{ id: string; from_district: string; version: number }>, number];
  return rows.map((row) => ({
    action: 'weapon.district_changed',
    entityType: 'weapon',
    entityId: row.id,
    before: { district: row.from_district },
    after: { district, version: row.version, reason: 'holder_moved', holderId },
  }));
}

import type { EntityManager } from 'typeorm';
import { assertInJurisdiction } from '../auth/jurisdiction';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/domain-error';
import { LicenceEntity } from './licence.entity';
import { OwnerEntity } from './owner.entity';
import { LicenceAlreadyRevokedError } from './owners.errors';

/**
 * A licence about to change: its holder locked FOR SHARE first (a status change or a court
 * prohibition of the holder, which lock the owner and then their licences, waits for this
 * change: both take their locks in the order owner, licence), then the licence FOR UPDATE; the
 * holder's district in the caller's jurisdiction, and not revoked (revocation is final).
 */
export async function lockLicenceForChange(
  manager: EntityManager,
  id: string,
  principal: Principal | null,
): Promise<{ licence: LicenceEntity; owner: OwnerEntity }> {
  const found = await manager.findOne(LicenceEntity, { select: { id: true, ownerId: true }, where: { id } });
  if (!found) throw new NotFoundError('licence', id);
  const owner = await manager.findOneOrFail(OwnerEntity, { where: { id: found.ownerId }, lock: { mode: 'pessimistic_read' } });
  // A licence never changes owner, so the owner read before the lock is still its owner.
  const licence = await manager.findOneOrFail(LicenceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  assertInJurisdiction(principal, owner.district);
  if (licence.status === 'revoked') throw new LicenceAlreadyRevokedError(id);
  return { licence, owner };
}

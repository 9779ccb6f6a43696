import type { EntityManager } from 'typeorm';
import { assertInJurisdiction } from '../auth/jurisdiction';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/domain-error';
import { LicenceEntity } from './licence.entity';
import { OwnerEntity } from './owner.entity';
import { LicenceAlreadyRevokedError } from './owners.errors';

/**
 * A licence about to change: the row locked FOR UPDATE, its holder locked FOR SHARE (a status
 * change of the holder waits for this change), the holder's district in the caller's
 * jurisdiction, and not revoked (revocation is final).
 */
export async function lockLicenceForChange(
  manager: EntityManager,
  id: string,
  principal: Principal | null,
): Promise<{ licence: LicenceEntity; owner: OwnerEntity }> {
  const licence = await manager.findOne(LicenceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!licence) throw new NotFoundError('Licence', id);
  const owner = await manager.findOneOrFail(OwnerEntity, { where: { id: licence.ownerId }, lock: { mode: 'pessimistic_read' } });
  assertInJurisdiction(principal, owner.district);
  if (licence.status === 'revoked') throw new LicenceAlreadyRevokedError(id);
  return { licence, owner };
}

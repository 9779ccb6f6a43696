import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf } from '../../audit/audit.service';
import { assertInJurisdiction } from '../../auth/jurisdiction';
import { panamaDay } from '../../common/dates';
import { NotFoundError, StaleVersionError } from '../../common/domain-error';
import type { RequestContext } from '../../common/request-context';
import { HolderStandingQuery } from '../../owners/holder-standing.query';
import { HolderNotLicensedError, OwnerInactiveError } from '../registry.errors';
import { WeaponCustody } from '../weapon-custody.service';
import { WeaponStatus } from '../weapon-status';
import { CertificateNotRenewableError } from './certificates.errors';
import type { CertificateDto, RenewCertificateDto } from './holding-certificate.dto';
import { toCertificateDto } from './holding-certificate.mapper';
import { CERTIFICATE_BY_ID_SQL, LOCK_CERTIFICATE_SQL } from './holding-certificate.sql';
import { type CertificateSqlRow, fromSql } from './holding-certificate.types';
import { HoldingCertificates } from './holding-certificates.service';

/**
 * POST /certificates/:id/renew: a new certificate (new number, a full validity from today)
 * supersedes the one renewed, which must be the weapon's current one — valid, or valid but past
 * its expiry — and the weapon still in its holder's hands. The holder must be active and
 * licensed for the weapon's type today. The weapon is locked first, as a transfer locks it,
 * so a renewal and a transfer of one weapon take turns and the loser finds the certificate
 * superseded (409).
 */
@Injectable()
export class RenewCertificateUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: WeaponCustody,
    private readonly standing: HolderStandingQuery,
    private readonly certificates: HoldingCertificates,
  ) {}

  async execute(id: string, input: RenewCertificateDto, context: RequestContext): Promise<CertificateDto> {
    return this.dataSource.transaction(async (manager) => {
      const [found] = (await manager.query(CERTIFICATE_BY_ID_SQL, [id])) as CertificateSqlRow[];
      if (!found) throw new NotFoundError('holdingCertificate', id);
      const weapon = await this.custody.lock(manager, found.weapon_id);
      const [locked] = (await manager.query(LOCK_CERTIFICATE_SQL, [id])) as CertificateSqlRow[];
      const certificate = fromSql(locked);
      const day = panamaDay();
      const [standing] = await this.standing.ofOwners(manager, [{ ownerId: certificate.holderId, type: weapon.type, day, needsLicence: true }]);
      if (!standing) throw new NotFoundError('owner', certificate.holderId);
      assertInJurisdiction(context.principal, standing.holder.district);
      if (certificate.version !== input.version) throw new StaleVersionError(certificate.version);
      if (certificate.status !== 'valid') throw new CertificateNotRenewableError(certificate.number, { status: certificate.status });
      if (weapon.status !== WeaponStatus.Active || weapon.holderId !== certificate.holderId) {
        throw new CertificateNotRenewableError(certificate.number, { weaponStatus: weapon.status });
      }
      if (standing.holder.status !== 'active') throw new OwnerInactiveError(standing.holder.id, standing.holder.status);
      if (!standing.licensed) throw new HolderNotLicensedError(weapon.type, day);
      const renewed = await this.certificates.reissue(
        manager,
        actorOf(context),
        { weaponId: weapon.id, holderId: certificate.holderId },
        'renewed',
        { action: 'renewal', renews: certificate.number },
      );
      return toCertificateDto(renewed);
    });
  }
}

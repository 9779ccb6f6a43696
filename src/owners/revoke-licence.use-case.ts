import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { NotFoundError } from '../common/domain-error';
import { type RequestContext } from '../common/request-context';
import { type LicenceDto, type RevokeLicenceDto } from './licence.dto';
import { LicenceEntity } from './licence.entity';
import { toLicenceDto } from './licence.mapper';
import { OwnerEntity } from './owner.entity';
import { LicenceAlreadyRevokedError } from './owners.errors';

@Injectable()
export class RevokeLicenceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Revocation is final and keeps the row; jurisdiction is that of the holder's district. */
  async execute(id: string, input: RevokeLicenceDto, context: RequestContext): Promise<LicenceDto> {
    return this.dataSource.transaction(async (manager) => {
      const licence = await manager.findOne(LicenceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!licence) throw new NotFoundError('licence', id);
      const owner = await manager.findOneOrFail(OwnerEntity, { select: { id: true, district: true }, where: { id: licence.ownerId } });
      assertInJurisdiction(context.principal, owner.district);
      if (licence.status === 'revoked') throw new LicenceAlreadyRevokedError(id);

      const before = toLicenceDto(licence);
      Object.assign(licence, {
        status: 'revoked',
        revokedAt: new Date(),
        revokedReason: input.reason,
        version: licence.version + 1,
      });
      const saved = await manager.save(licence);
      const after = toLicenceDto(saved);
      await this.audit.append(manager, actorOf(context), {
        action: 'licence.revoked',
        entityType: 'licence',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }
}

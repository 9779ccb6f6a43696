import { Injectable } from '@nestjs/common';
import { msg } from '../i18n/message';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { ValidationFailedError } from '../common/domain-error';
import { type RequestContext } from '../common/request-context';
import { todayInPanama } from './calendar';
import { assertEvidenceInForce } from './evidence-rules';
import { lockLicenceForChange } from './licence-lock';
import { type LicenceDto, type RenewLicenceDto } from './licence.dto';
import { toLicenceDto } from './licence.mapper';
import { OwnerInactiveError } from './owners.errors';

@Injectable()
export class RenewLicenceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Moves the licence's last day forward, keeping its number and issue day; an expired licence
   * may be renewed (it is in force again from today), a revoked one may not (409). A suspension
   * is left as it is. A carry licence needs its evidence in force today.
   */
  async execute(id: string, input: RenewLicenceDto, context: RequestContext): Promise<LicenceDto> {
    const today = todayInPanama();
    return this.dataSource.transaction(async (manager) => {
      const { licence, owner } = await lockLicenceForChange(manager, id, context.principal);
      if (owner.status !== 'active') throw new OwnerInactiveError(owner.id, owner.status);
      if (input.expiresAt <= licence.expiresAt) {
        throw new ValidationFailedError([{ field: 'expiresAt', message: msg('licence.renewalMustExtend', 'expiresAt', licence.expiresAt) }]);
      }
      if (input.expiresAt < today) {
        throw new ValidationFailedError([{ field: 'expiresAt', message: msg('field.beforeToday', 'expiresAt', today) }]);
      }
      await assertEvidenceInForce(manager, owner.id, licence.kind, today);

      const before = toLicenceDto(licence, today);
      Object.assign(licence, { expiresAt: input.expiresAt, version: licence.version + 1 });
      const after = toLicenceDto(await manager.save(licence), today);
      await this.audit.append(manager, actorOf(context), {
        action: 'licence.renewed',
        entityType: 'licence',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }
}

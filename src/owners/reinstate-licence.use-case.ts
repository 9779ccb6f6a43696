import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { type RequestContext } from '../common/request-context';
import { todayInPanama } from './calendar';
import { isSuspendedOn, licenceStatusOn } from './licence-in-force';
import { lockLicenceForChange } from './licence-lock';
import { type LicenceDto, type ReinstateLicenceDto } from './licence.dto';
import { toLicenceDto } from './licence.mapper';
import { LicenceNotSuspendedError, OwnerInactiveError } from './owners.errors';

@Injectable()
export class ReinstateLicenceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Ends a suspension that still holds. The holder must be active: a licence suspended by a
   * court prohibition comes back when the prohibition is lifted, not before.
   */
  async execute(id: string, input: ReinstateLicenceDto, context: RequestContext): Promise<LicenceDto> {
    const today = todayInPanama();
    return this.dataSource.transaction(async (manager) => {
      const { licence, owner } = await lockLicenceForChange(manager, id, context.principal);
      if (!isSuspendedOn(licence, today)) throw new LicenceNotSuspendedError(id, licenceStatusOn(licence, today));
      if (owner.status !== 'active') throw new OwnerInactiveError(owner.id, owner.status);

      const before = toLicenceDto(licence, today);
      Object.assign(licence, {
        status: 'valid',
        suspendedAt: null,
        suspendedReason: null,
        suspendedUntil: null,
        suspendedByProhibition: null,
        version: licence.version + 1,
      });
      const after = toLicenceDto(await manager.save(licence), today);
      await this.audit.append(manager, actorOf(context), {
        action: 'licence.reinstated',
        entityType: 'licence',
        entityId: id,
        before,
        after: { ...after, reason: input.reason },
      });
      return after;
    });
  }
}

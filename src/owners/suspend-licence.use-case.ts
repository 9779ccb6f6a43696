import { Injectable } from '@nestjs/common';
import { msg } from '../i18n/message';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { ValidationFailedError } from '../common/domain-error';
import { type RequestContext } from '../common/request-context';
import { todayInPanama } from './calendar';
import { isSuspendedOn } from './licence-in-force';
import { lockLicenceForChange } from './licence-lock';
import { type LicenceDto, type SuspendLicenceDto } from './licence.dto';
import { toLicenceDto } from './licence.mapper';
import { LicenceAlreadySuspendedError } from './owners.errors';

@Injectable()
export class SuspendLicenceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * From that moment the licence is in force on no day (licence-in-force.ts) until it is
   * reinstated or, with `until`, until the day after `until` (Panama time).
   */
  async execute(id: string, input: SuspendLicenceDto, context: RequestContext): Promise<LicenceDto> {
    const today = todayInPanama();
    if (input.until !== undefined && input.until < today) {
      throw new ValidationFailedError([{ field: 'until', message: msg('field.beforeToday', 'until', today) }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const { licence } = await lockLicenceForChange(manager, id, context.principal);
      if (isSuspendedOn(licence, today)) throw new LicenceAlreadySuspendedError(id);

      const before = toLicenceDto(licence, today);
      Object.assign(licence, {
        status: 'suspended',
        suspendedAt: new Date(),
        suspendedReason: input.reason,
        suspendedUntil: input.until ?? null,
        suspendedByProhibition: null,
        version: licence.version + 1,
      });
      const after = toLicenceDto(await manager.save(licence), today);
      await this.audit.append(manager, actorOf(context), {
        action: 'licence.suspended',
        entityType: 'licence',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }
}

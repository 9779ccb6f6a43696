import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { NotFoundError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { CorrectionNotPendingError, SelfApprovalError } from './approve-correction.use-case';
import { CorrectionEntity } from './correction.entity';
import type { CorrectionDto } from './correction.dto';
import { toCorrectionDto } from './registry.mapper';
import { WeaponEntity } from './weapon.entity';

@Injectable()
export class RejectCorrectionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(correctionId: string, reason: string, context: RequestContext): Promise<CorrectionDto> {
    const principal = context.principal!;
    return this.dataSource.transaction(async (manager) => {
      const correction = await manager.findOne(CorrectionEntity, { where: { id: correctionId }, lock: { mode: 'pessimistic_write' } });
      if (!correction) throw new NotFoundError('correction', correctionId);
      // Deciding is the second person's job, whichever way it goes.
      if (correction.proposedBy === principal.id) throw new SelfApprovalError();
      if (correction.status !== 'pending') throw new CorrectionNotPendingError(correction.status);
      // A supervisor decides only on weapons held in their jurisdiction.
      const weapon = await manager.findOneBy(WeaponEntity, { id: correction.weaponId });
      if (!weapon) throw new NotFoundError('weapon', correction.weaponId);
      assertInJurisdiction(principal, weapon.district);
      const before = toCorrectionDto(correction);
      Object.assign(correction, { status: 'rejected', decidedBy: principal.id, decidedAt: new Date(), decisionReason: reason });
      await manager.save(correction);
      const after = toCorrectionDto(correction);
      await this.audit.append(manager, actorOf(context), {
        action: 'correction.rejected',
        entityType: 'correction',
        entityId: correction.id,
        before,
        after,
      });
      return after;
    });
  }
}

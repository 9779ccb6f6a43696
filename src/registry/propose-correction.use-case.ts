import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { NotFoundError, ValidationFailedError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { CorrectionEntity } from './correction.entity';
import type { CorrectionDto, ProposeCorrectionDto } from './correction.dto';
import { MarkingsService } from './markings.service';
import { toCorrectionDto } from './registry.mapper';
import { WeaponEntity } from './weapon.entity';

export const IDENTIFYING_FIELDS = ['make', 'serialNumber', 'type', 'calibre', 'countryOfManufacture'] as const;
export type IdentifyingField = (typeof IDENTIFYING_FIELDS)[number];

/** Records a proposed change of identifying fields; the weapon itself stays as it is. */
@Injectable()
export class ProposeCorrectionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly markings: MarkingsService,
    private readonly audit: AuditService,
  ) {}

  async execute(weaponId: string, input: ProposeCorrectionDto, context: RequestContext): Promise<CorrectionDto> {
    const changes: Record<string, string> = {};
    for (const field of IDENTIFYING_FIELDS) {
      const value = input.changes[field];
      if (value !== undefined) changes[field] = value;
    }
    if (Object.keys(changes).length === 0) {
      throw new ValidationFailedError([{ field: 'changes', message: msg('field.noIdentifyingChange', 'changes', [...IDENTIFYING_FIELDS]) }]);
    }
    // Refuse an unknown type now rather than at approval.
    if (changes.type !== undefined) this.markings.canonicalise({ make: 'x', calibre: 'x', type: changes.type }, 'changes.');
    if (changes.serialNumber !== undefined) this.markings.normaliseSerial(changes.serialNumber, 'changes.serialNumber');
    return this.dataSource.transaction(async (manager) => {
      const weapon = await manager.findOne(WeaponEntity, { where: { id: weaponId }, lock: { mode: 'pessimistic_write' } });
      if (!weapon) throw new NotFoundError('weapon', weaponId);
      assertInJurisdiction(context.principal, weapon.district);
      const previous: Record<string, string> = {};
      for (const field of Object.keys(changes) as IdentifyingField[]) previous[field] = weapon[field];
      const correction = manager.create(CorrectionEntity, {
        weaponId,
        changes,
        previous,
        reason: input.reason,
        status: 'pending',
        proposedBy: context.principal!.id,
        proposedAt: new Date(),
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
      });
      await manager.save(correction);
      const view = toCorrectionDto(correction);
      await this.audit.append(manager, actorOf(context), {
        action: 'correction.proposed',
        entityType: 'correction',
        entityId: correction.id,
        before: null,
        after: view,
      });
      return view;
    });
  }
}

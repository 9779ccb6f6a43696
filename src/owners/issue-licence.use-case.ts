import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { NotFoundError } from '../common/domain-error';
import { type RequestContext } from '../common/request-context';
import { assertEvidenceInForce } from './evidence-rules';
import { type IssueLicenceDto, type LicenceDto } from './licence.dto';
import { LicenceEntity } from './licence.entity';
import { toLicenceDto } from './licence.mapper';
import { OwnerEntity } from './owner.entity';
import { DuplicateLicenceError, OwnerInactiveError, violatedUniqueConstraint } from './owners.errors';

@Injectable()
export class IssueLicenceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(ownerId: string, input: IssueLicenceDto, context: RequestContext): Promise<LicenceDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // FOR SHARE: a status change waiting on this owner cannot slip in between the check and the insert.
        const owner = await manager.findOne(OwnerEntity, { where: { id: ownerId }, lock: { mode: 'pessimistic_read' } });
        if (!owner) throw new NotFoundError('owner', ownerId);
        assertInJurisdiction(context.principal, owner.district);
        if (owner.status !== 'active') throw new OwnerInactiveError(ownerId, owner.status);
        const clash = await manager.findOne(LicenceEntity, {
          select: { id: true },
          where: { kind: input.kind, number: input.number },
        });
        if (clash) throw new DuplicateLicenceError(input.kind, input.number);
        await assertEvidenceInForce(manager, ownerId, input.kind, input.issuedAt);

        const licence = await manager.save(
          manager.create(LicenceEntity, {
            ownerId,
            kind: input.kind,
            number: input.number,
            issuedAt: input.issuedAt,
            expiresAt: input.expiresAt,
            weaponTypes: [...input.weaponTypes],
            status: 'valid',
            revokedAt: null,
            revokedReason: null,
            suspendedAt: null,
            suspendedReason: null,
            suspendedUntil: null,
            suspendedByProhibition: null,
            version: 1,
          }),
        );
        const view = toLicenceDto(licence);
        await this.audit.append(manager, actorOf(context), {
          action: 'licence.issued',
          entityType: 'licence',
          entityId: licence.id,
          before: null,
          after: view,
        });
        return view;
      });
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'uq_licences_kind_number') {
        throw new DuplicateLicenceError(input.kind, input.number);
      }
      throw error;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { NotFoundError } from '../common/domain-error';
import { type RequestContext } from '../common/request-context';
import { type EvidenceDto, type RecordEvidenceDto } from './evidence.dto';
import { EvidenceEntity } from './evidence.entity';
import { toEvidenceDto } from './evidence.mapper';
import { OwnerEntity } from './owner.entity';

@Injectable()
export class RecordEvidenceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Evidence is kept as recorded: a new document is recorded beside the old one, never over it. */
  async execute(ownerId: string, input: RecordEvidenceDto, context: RequestContext): Promise<EvidenceDto> {
    return this.dataSource.transaction(async (manager) => {
      // FOR SHARE: a licence issued meanwhile for this owner waits, and then sees this evidence.
      const owner = await manager.findOne(OwnerEntity, { where: { id: ownerId }, lock: { mode: 'pessimistic_read' } });
      if (!owner) throw new NotFoundError('owner', ownerId);
      assertInJurisdiction(context.principal, owner.district);
      const evidence = await manager.save(
        manager.create(EvidenceEntity, {
          ownerId,
          kind: input.kind,
          issuedAt: input.issuedAt,
          validUntil: input.validUntil,
          reference: input.reference,
          recordedBy: context.principal!.id,
          recordedAt: new Date(),
        }),
      );
      const view = toEvidenceDto(evidence);
      await this.audit.append(manager, actorOf(context), {
        action: 'evidence.recorded',
        entityType: 'evidence',
        entityId: evidence.id,
        before: null,
        // ownerIds puts the entry in the owner's access log (audit_owner_subjects).
        after: { ...view, ownerIds: [ownerId] },
      });
      return view;
    });
  }
}

import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { ValidationFailedError } from '../common/domain-error';
import { type RequestContext } from '../common/request-context';
import { DistrictsService } from '../reference/districts.service';
import { ADULT_AGE, isAdultOn, todayInPanama } from './calendar';
import { documentKindsFor, type NormalisedDocument, type OwnerType, parseIdDocument } from './id-document';
import { foldForSearch } from './name-search';
import { type CreateOwnerDto, type IdDocumentDto, type OwnerDto } from './owner.dto';
import { OwnerEntity } from './owner.entity';
import { toOwnerAuditView, toOwnerDto } from './owner.mapper';
import {
  DuplicateOwnerError,
  OwnerUnderAgeError,
  UnknownDistrictError,
  violatedUniqueConstraint,
} from './owners.errors';

/** The DTO has checked the number's format; the document kind must also suit the owner type. */
function documentOf(type: OwnerType, idDocument: IdDocumentDto): NormalisedDocument {
  const allowed = documentKindsFor(type);
  if (!allowed.includes(idDocument.kind)) {
    throw new ValidationFailedError([
      { field: 'idDocument.kind', message: msg('field.documentKindNotFor', 'idDocument.kind', type, [...allowed]) },
    ]);
  }
  const check = parseIdDocument(idDocument.kind, idDocument.number);
  if (!check.ok) throw new ValidationFailedError([{ field: 'idDocument.number', message: msg(check.reason, 'idDocument.number') }]);
  return check.document;
}

@Injectable()
export class CreateOwnerUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly audit: AuditService,
  ) {}

  async execute(input: CreateOwnerDto, context: RequestContext): Promise<OwnerDto> {
    const document = documentOf(input.type, input.idDocument);
    const birthDate = input.type === 'person' ? input.birthDate ?? null : null;
    if (input.type === 'person' && !birthDate) {
      throw new ValidationFailedError([{ field: 'birthDate', message: msg('field.birthDateRequired', 'birthDate') }]);
    }
    const district = input.address.district;
    if ((await this.districts.unknownCodes([district])).length > 0) {
      throw new UnknownDistrictError('address.district', district);
    }
    assertInJurisdiction(context.principal, district);
    const today = todayInPanama();
    if (birthDate && !isAdultOn(birthDate, today)) throw new OwnerUnderAgeError(birthDate, today, ADULT_AGE);

    try {
      return await this.dataSource.transaction(async (manager) => {
        const existing = await manager.findOne(OwnerEntity, {
          select: { id: true },
          where: { idKind: document.kind, idNumberNormalized: document.key },
        });
        if (existing) throw new DuplicateOwnerError(existing.id);
        const owner = await manager.save(
          manager.create(OwnerEntity, {
            type: input.type,
            name: input.name,
            nameSearch: foldForSearch(input.name),
            idKind: document.kind,
            idNumber: document.number,
            idNumberNormalized: document.key,
            birthDate,
            nationality: input.nationality ?? null,
            district,
            addressLine: input.address.line,
            phone: input.phone ?? null,
            email: input.email ?? null,
            status: 'active',
            statusReason: null,
            version: 1,
          }),
        );
        await this.audit.append(manager, actorOf(context), {
          action: 'owner.created',
          entityType: 'owner',
          entityId: owner.id,
          before: null,
          after: toOwnerAuditView(owner),
        });
        return toOwnerDto(owner);
      });
    } catch (error) {
      // Another request registered the same document between the pre-check and the insert.
      if (violatedUniqueConstraint(error) === 'uq_owners_document') {
        const winner = await this.dataSource.getRepository(OwnerEntity).findOne({
          select: { id: true },
          where: { idKind: document.kind, idNumberNormalized: document.key },
        });
        if (winner) throw new DuplicateOwnerError(winner.id);
      }
      throw error;
    }
  }
}

import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { isCalendarDay, panamaDay } from '../common/dates';
import { type FieldError, NotFoundError, StaleVersionError, ValidationFailedError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { requestHash } from '../idempotency/idempotency-key';
import { IdempotencyService, type IdempotentRequest, type IdempotentResult } from '../idempotency/idempotency.service';
import { HolderStandingQuery } from '../owners/holder-standing.query';
import { OwnerInactiveError } from '../registry/registry.errors';
import { type CustodyChange, WeaponCustody } from '../registry/weapon-custody.service';
import { WeaponStatus } from '../registry/weapon-status';
import type { RecordTransferDto, TransferDto } from './transfer.dto';
import { TransferEntity } from './transfer.entity';
import { toTransferDto } from './transfer.mapper';
import { HolderMismatchError, RecipientNotLicensedError, SameOwnerError, WeaponNotTransferableError } from './transfers.errors';

/**
 * Moves a weapon to its next holder (or out of the country). The weapon row is locked, so
 * of any number of simultaneous transfers exactly one succeeds and the others find a
 * newer version (409); weapon, transfer and audit entry commit together or not at all.
 */
@Injectable()
export class RecordTransferUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: WeaponCustody,
    private readonly standing: HolderStandingQuery,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
  ) {}

  async execute(input: RecordTransferDto, context: RequestContext, idempotency?: IdempotentRequest | null): Promise<IdempotentResult<TransferDto>> {
    this.checkShape(input);
    return this.idempotency.run<TransferDto>(idempotency, requestHash(input), (complete) =>
      this.dataSource.transaction(async (manager) => {
        const weapon = await this.custody.lock(manager, input.weaponId);
        assertInJurisdiction(context.principal, weapon.district);
        if (weapon.version !== input.weaponVersion) throw new StaleVersionError(weapon.version);
        if (weapon.status !== WeaponStatus.Active) throw new WeaponNotTransferableError(weapon.status);
        if (weapon.holderId !== input.fromOwnerId) throw new HolderMismatchError(weapon.id);
        let change: CustodyChange = { exported: true };
        if (input.kind !== 'export') {
          const [standing] = await this.standing.ofOwners(manager, [
            { ownerId: input.toOwnerId!, type: weapon.type, day: input.date, needsLicence: true },
          ]);
          if (!standing) throw new NotFoundError('owner', input.toOwnerId!);
          const recipient = standing.holder;
          if (recipient.status !== 'active') throw new OwnerInactiveError(recipient.id, recipient.status);
          if (!standing.licensed) throw new RecipientNotLicensedError(weapon.type, input.date);
          change = { holderId: recipient.id, district: recipient.district };
        }
        const transfer = manager.create(TransferEntity, {
          weaponId: weapon.id,
          fromOwnerId: input.fromOwnerId,
          toOwnerId: input.kind === 'export' ? null : input.toOwnerId!,
          kind: input.kind,
          date: input.date,
          documentRef: input.documentRef ?? null,
          destinationCountry: input.destinationCountry ?? null,
          recordedBy: context.principal!.id,
          recordedAt: new Date(),
        });
        await manager.save(transfer);
        const after = await this.custody.change(manager, actorOf(context), weapon.id, weapon.version, change);
        const view = toTransferDto(transfer);
        await this.audit.append(manager, actorOf(context), {
          action: 'transfer.recorded',
          entityType: 'weapon',
          entityId: weapon.id,
          before: weapon,
          after: { ...after, transfer: view },
        });
        await complete(manager, view);
        return view;
      }),
    );
  }

  private checkShape(input: RecordTransferDto): void {
    const errors: FieldError[] = [];
    if (input.kind === 'export') {
      if (!input.destinationCountry) errors.push({ field: 'destinationCountry', message: msg('field.exportNeedsCountry', 'destinationCountry') });
      if (input.toOwnerId) errors.push({ field: 'toOwnerId', message: msg('field.exportHasNoRecipient', 'toOwnerId') });
    } else {
      if (!input.toOwnerId) errors.push({ field: 'toOwnerId', message: msg('field.transferNeedsRecipient', 'toOwnerId', input.kind) });
      if (input.destinationCountry) errors.push({ field: 'destinationCountry', message: msg('field.countryOnlyForExport', 'destinationCountry') });
    }
    if (!isCalendarDay(input.date)) errors.push({ field: 'date', message: msg('field.notCalendarDay', 'date') });
    else if (input.date > panamaDay()) errors.push({ field: 'date', message: msg('field.inFuture', 'date') });
    if (errors.length > 0) throw new ValidationFailedError(errors);
    if (input.toOwnerId === input.fromOwnerId) throw new SameOwnerError();
  }
}

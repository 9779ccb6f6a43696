import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { panamaDay } from '../common/dates';
import { DomainError, NotFoundError, ValidationFailedError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { requestHash } from '../idempotency/idempotency-key';
import { IdempotencyService, type IdempotentRequest, type IdempotentResult } from '../idempotency/idempotency.service';
import { HolderStandingQuery } from '../owners/holder-standing.query';
import { issuedEntry } from './certificates/holding-certificates.service';
import { MarkingsService, type MarkingOwner } from './markings.service';
import { holderRefusal, markingKey, needsLicence, registrationShapeErrors } from './registration-rules';
import { toWeaponDto } from './registry.mapper';
import { DuplicateMarkingError, isMarkingConflict, MarkingReportedStolenError } from './registry.errors';
import type { WeaponDto } from './weapon.dto';
import type { RegisterWeaponDto } from './register-weapon.dto';
import { WeaponRegistrations } from './weapon-registrations.service';

/** Thrown inside the transaction so it rolls back; the refusal is then audited on its own. */
class MarkingTaken extends Error {
  constructor(readonly existing: MarkingOwner) {
    super('marking taken');
  }
}

@Injectable()
export class RegisterWeaponUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly markings: MarkingsService,
    private readonly standing: HolderStandingQuery,
    private readonly registrations: WeaponRegistrations,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
  ) {}

  async execute(input: RegisterWeaponDto, context: RequestContext, idempotency?: IdempotentRequest | null): Promise<IdempotentResult<WeaponDto>> {
    const shapeErrors = registrationShapeErrors(input, panamaDay());
    if (shapeErrors.length > 0) throw new ValidationFailedError(shapeErrors);
    const identity = this.markings.canonicalise(input);
    const serialNormalized = input.serialNumber ? this.markings.normaliseSerial(input.serialNumber) : null;

    return this.idempotency.run<WeaponDto>(idempotency, requestHash(input), async (complete) => {
      try {
        return await this.dataSource.transaction(async (manager) => {
          const [standing] = await this.standing.ofOwners(manager, [
            { ownerId: input.ownerId, type: identity.type, day: input.acquisition.date, needsLicence: needsLicence(input.acquisition.kind) },
          ]);
          if (!standing) throw new NotFoundError('owner', input.ownerId);
          const { holder, licensed } = standing;
          assertInJurisdiction(context.principal, holder.district);
          const refusal = holderRefusal(
            holder,
            { type: identity.type, acquisitionKind: input.acquisition.kind, acquisitionDate: input.acquisition.date },
            licensed,
          );
          if (refusal) throw new DomainError(refusal.code, refusal.message);
          if (serialNormalized) {
            const existing = await this.registrations.existingMarkings(manager, [{ makeKey: identity.makeKey, serialNormalized }]);
            const owner = existing.get(markingKey(identity.makeKey, serialNormalized));
            if (owner) throw new MarkingTaken(owner);
          }
          const [{ weapon, certificate }] = await this.registrations.register(
            manager,
            [{ input, identity, serialNormalized, holder }],
            context.principal?.id ?? null,
          );
          const view = toWeaponDto(weapon);
          await this.audit.appendMany(manager, actorOf(context), [
            { action: 'weapon.registered', entityType: 'weapon', entityId: weapon.id, before: null, after: view },
            issuedEntry(certificate, { action: 'registration', weaponId: weapon.id }),
          ]);
          await complete(manager, view);
          return view;
        });
      } catch (error) {
        if (error instanceof MarkingTaken) return this.refuse(error.existing, input, context);
        if (isMarkingConflict(error) && serialNormalized) {
          const existing = await this.markings.findMarking(this.dataSource.manager, identity.makeKey, serialNormalized);
          if (existing) return this.refuse(existing, input, context);
        }
        throw error;
      }
    });
  }

  /**
   * A marking reported lost or stolen is an alert: the refused attempt is audited and the
   * alert raised (in a transaction of their own, since the registration rolled back), then
   * refused. The alert cannot fail the refusal: AlertsService.raise isolates it.
   */
  private async refuse(existing: MarkingOwner, input: RegisterWeaponDto, context: RequestContext): Promise<never> {
    if (!this.markings.isReportedMissing(existing)) throw new DuplicateMarkingError(existing.id);
    await this.dataSource.transaction(async (manager) => {
      const actor = actorOf(context);
      const refusal = await this.registrations.refuseReportedMissing(manager, actor, existing, {
        make: input.make,
        model: input.model,
        type: input.type,
        calibre: input.calibre,
        serialNumber: input.serialNumber,
        ownerId: input.ownerId,
      });
      await this.audit.append(manager, actor, refusal);
    });
    throw new MarkingReportedStolenError(existing.id, existing.status);
  }
}

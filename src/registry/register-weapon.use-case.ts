import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { isCalendarDay, panamaDay } from '../common/dates';
import { type FieldError, ValidationFailedError } from '../common/domain-error';
import { IdempotencyService, type IdempotentResult, requestHash } from '../common/idempotency.service';
import type { RequestContext } from '../common/request-context';
import { HolderChecks } from '../owners/holder-checks.service';
import { AlertsService } from '../trace/alerts.service';
import { MarkingsService, type MarkingOwner } from './markings.service';
import { toWeaponDto } from './registry.mapper';
import {
  DuplicateMarkingError,
  HolderNotLicensedError,
  isMarkingConflict,
  MarkingReportedStolenError,
  OwnerInactiveError,
} from './registry.errors';
import { formatRegistryNumber, nationalMark, normaliseSerial } from './serial';
import { WeaponEventEntity } from './weapon-event.entity';
import { WeaponEventKind, WeaponStatus } from './weapon-status';
import type { RegisterWeaponDto, WeaponDto } from './weapon.dto';
import { WeaponEntity } from './weapon.entity';

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
    private readonly holders: HolderChecks,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly alerts: AlertsService,
  ) {}

  async execute(input: RegisterWeaponDto, context: RequestContext, idempotencyKey?: string): Promise<IdempotentResult<WeaponDto>> {
    this.checkShape(input);
    const identity = this.markings.canonicalise(input);
    const serialStatus = input.serialStatus ?? 'marked';
    const serialNormalized = input.serialNumber ? this.markings.normaliseSerial(input.serialNumber) : null;
    const claim = idempotencyKey
      ? { actorId: context.principal!.id, scope: 'POST /weapons', key: idempotencyKey, requestHash: requestHash(input) }
      : null;

    return this.idempotency.run<WeaponDto>(claim, 201, async (complete) => {
      try {
        return await this.dataSource.transaction(async (manager) => {
          const holder = await this.holders.lockOwner(manager, input.ownerId);
          assertInJurisdiction(context.principal, holder.district);
          if (holder.status !== 'active') throw new OwnerInactiveError(holder.id, holder.status);
          if (
            input.acquisition.kind !== 'legacy_record' &&
            !(await this.holders.hasLicenceInForce(manager, holder.id, identity.type, input.acquisition.date))
          ) {
            throw new HolderNotLicensedError(identity.type, input.acquisition.date);
          }
          if (serialNormalized) {
            const existing = await this.markings.findMarking(manager, identity.makeKey, serialNormalized);
            if (existing) throw new MarkingTaken(existing);
          }
          const registryNumber = await this.nextRegistryNumber(manager);
          const serialNumber = input.serialNumber ?? nationalMark(registryNumber);
          const now = new Date();
          const weapon = manager.create(WeaponEntity, {
            registryNumber,
            ...identity,
            model: input.model,
            serialNumber,
            serialNormalized: serialNormalized ?? normaliseSerial(serialNumber),
            serialStatus,
            countryOfManufacture: input.countryOfManufacture,
            yearOfManufacture: input.yearOfManufacture ?? null,
            importMarking: input.importMarking ? { ...input.importMarking } : null,
            otherMarkings: input.otherMarkings ?? null,
            ballistics: input.ballistics ? { ...input.ballistics } : null,
            acquisition: {
              kind: input.acquisition.kind,
              date: input.acquisition.date,
              documentRef: input.acquisition.documentRef ?? null,
            },
            status: WeaponStatus.Active,
            holderId: holder.id,
            district: holder.district,
            version: 1,
            registeredAt: now,
            updatedAt: now,
          });
          await manager.save(weapon);
          if (!input.serialNumber) {
            // The national mark is part of the registration: recorded as an event, audited with it.
            await manager.insert(WeaponEventEntity, {
              weaponId: weapon.id,
              kind: WeaponEventKind.Remarked,
              occurredAt: now,
              fromStatus: WeaponStatus.Active,
              toStatus: WeaponStatus.Active,
              details: { serialStatus, assignedSerial: serialNumber },
              recordedBy: context.principal?.id ?? null,
              recordedAt: now,
            });
          }
          const view = toWeaponDto(weapon);
          await this.audit.append(manager, actorOf(context), {
            action: 'weapon.registered',
            entityType: 'weapon',
            entityId: weapon.id,
            before: null,
            after: view,
          });
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
    const attempt = { make: input.make, serialNumber: input.serialNumber, ownerId: input.ownerId };
    await this.dataSource.transaction(async (manager) => {
      const actor = actorOf(context);
      const alertId = await this.alerts.raise(manager, actor, {
        source: 'registration_attempt',
        weaponId: existing.id,
        details: { attempt: { ...attempt, model: input.model, type: input.type, calibre: input.calibre } },
      });
      await this.audit.append(manager, actor, {
        action: 'weapon.registration_refused',
        entityType: 'weapon',
        entityId: existing.id,
        before: null,
        after: { reason: 'marking_reported_stolen', weaponStatus: existing.status, attempt, alertId },
      });
    });
    throw new MarkingReportedStolenError(existing.id, existing.status);
  }

  private checkShape(input: RegisterWeaponDto): void {
    const errors: FieldError[] = [];
    const serialStatus = input.serialStatus ?? 'marked';
    if (serialStatus === 'marked' && !input.serialNumber) {
      errors.push({ field: 'serialNumber', message: 'serialNumber is required unless serialStatus is obliterated or unmarked' });
    }
    if (input.acquisition.kind === 'import') {
      const marking = input.importMarking;
      if (!marking || (!marking.exemptionRef && !(marking.country && marking.year))) {
        errors.push({
          field: 'importMarking',
          message: 'an import needs importMarking with country and year, or importMarking.exemptionRef',
        });
      }
    }
    if (!isCalendarDay(input.acquisition.date)) {
      errors.push({ field: 'acquisition.date', message: 'acquisition.date must be a real calendar day' });
    } else if (input.acquisition.date > panamaDay()) {
      errors.push({ field: 'acquisition.date', message: 'acquisition.date cannot be in the future' });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }

  /** Per-year sequence under the counter row's lock: unique, ascending and without gaps. */
  private async nextRegistryNumber(manager: EntityManager): Promise<string> {
    const year = Number(panamaDay().slice(0, 4));
    const [row] = (await manager.query(
      `INSERT INTO registry_counters (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = registry_counters.last_value + 1
       RETURNING last_value`,
      [year],
    )) as Array<{ last_value: number }>;
    return formatRegistryNumber(year, row.last_value);
  }
}

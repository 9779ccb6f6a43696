import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { DomainError, NotFoundError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import type { RequestContext } from '../common/request-context';
import { CorrectionEntity } from './correction.entity';
import type { CorrectionDto } from './correction.dto';
import { MarkingsService } from './markings.service';
import { toCorrectionDto, toWeaponDto } from './registry.mapper';
import { DuplicateMarkingError, isMarkingConflict } from './registry.errors';
import { WeaponEventEntity } from './weapon-event.entity';
import { WeaponEventKind } from './weapon-status';
import { WeaponEntity } from './weapon.entity';

export class SelfApprovalError extends DomainError {
  constructor() {
    super(ErrorCode.SelfApproval, msg('auth.selfApproval'));
  }
}

export class CorrectionNotPendingError extends DomainError {
  constructor(status: string) {
    super(ErrorCode.CorrectionNotPending, msg('correction.notPending', status));
  }
}

/** Applies a pending correction: a second person's approval, a `corrected` event with old and new values. */
@Injectable()
export class ApproveCorrectionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly markings: MarkingsService,
    private readonly audit: AuditService,
  ) {}

  async execute(correctionId: string, context: RequestContext): Promise<CorrectionDto> {
    const principal = context.principal!;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const correction = await manager.findOne(CorrectionEntity, {
          where: { id: correctionId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!correction) throw new NotFoundError('correction', correctionId);
        if (correction.proposedBy === principal.id) throw new SelfApprovalError();
        if (correction.status !== 'pending') throw new CorrectionNotPendingError(correction.status);
        const weapon = await manager.findOne(WeaponEntity, {
          where: { id: correction.weaponId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!weapon) throw new NotFoundError('weapon', correction.weaponId);
        // A supervisor decides only on weapons held in their jurisdiction.
        assertInJurisdiction(principal, weapon.district);
        const before = toWeaponDto(weapon);
        const changes = correction.changes;
        const identity = this.markings.canonicalise({
          make: changes.make ?? weapon.make,
          type: changes.type ?? weapon.type,
          calibre: changes.calibre ?? weapon.calibre,
        });
        if (changes.make !== undefined) Object.assign(weapon, { make: identity.make, makeKey: identity.makeKey, unverifiedMake: identity.unverifiedMake });
        if (changes.calibre !== undefined) Object.assign(weapon, { calibre: identity.calibre, unverifiedCalibre: identity.unverifiedCalibre });
        if (changes.type !== undefined) weapon.type = identity.type;
        if (changes.countryOfManufacture !== undefined) weapon.countryOfManufacture = changes.countryOfManufacture;
        if (changes.serialNumber !== undefined) {
          weapon.serialNumber = changes.serialNumber;
          weapon.serialNormalized = this.markings.normaliseSerial(changes.serialNumber);
        }
        const clash = await this.markings.findMarking(manager, weapon.makeKey, weapon.serialNormalized, weapon.id);
        if (clash) throw new DuplicateMarkingError(clash.id);
        const now = new Date();
        weapon.version += 1;
        weapon.updatedAt = now;
        await manager.save(weapon);
        if (changes.serialNumber !== undefined || changes.make !== undefined) {
          // The corrected marking is borne by no other weapon (checked above): no longer one of
          // those that came to share a marking when its folding changed.
          await manager.query(`UPDATE weapons SET marking_duplicate = 0 WHERE id = $1 AND marking_duplicate <> 0`, [weapon.id]);
        }
        const after = toWeaponDto(weapon);
        const changed = Object.keys(changes).filter(
          (field) => before[field as keyof typeof before] !== after[field as keyof typeof after],
        );
        await manager.insert(WeaponEventEntity, {
          weaponId: weapon.id,
          kind: WeaponEventKind.Corrected,
          occurredAt: now,
          fromStatus: weapon.status,
          toStatus: weapon.status,
          details: {
            correctionId,
            old: Object.fromEntries(changed.map((field) => [field, before[field as keyof typeof before]])),
            new: Object.fromEntries(changed.map((field) => [field, after[field as keyof typeof after]])),
          },
          recordedBy: principal.id,
          recordedAt: now,
        });
        Object.assign(correction, { status: 'approved', decidedBy: principal.id, decidedAt: now });
        await manager.save(correction);
        const view = toCorrectionDto(correction);
        await this.audit.append(manager, actorOf(context), {
          action: 'correction.approved',
          entityType: 'weapon',
          entityId: weapon.id,
          before,
          after: { ...after, correction: view },
        });
        return view;
      });
    } catch (error) {
      if (isMarkingConflict(error)) {
        throw new DuplicateMarkingError('(another weapon bears the corrected marking)');
      }
      throw error;
    }
  }
}

import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditActor, actorOf, AuditService } from '../audit/audit.service';
import { ForbiddenError } from '../auth/auth.errors';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { panamaDay } from '../common/dates';
import { NotFoundError, StaleVersionError, ValidationFailedError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { HolderStandingQuery } from '../owners/holder-standing.query';
import { HoldingCertificates, type RevocationReason } from './certificates/holding-certificates.service';
import { eventPermission } from './event-permissions';
import { toWeaponDto, toWeaponEventDto } from './registry.mapper';
import { HolderNotLicensedError, InvalidStatusTransitionError, OwnerInactiveError } from './registry.errors';
import type { RecordWeaponEventDto, WeaponEventDto } from './weapon-event.dto';
import { WeaponEventEntity } from './weapon-event.entity';
import { nextStatus, WeaponEventKind } from './weapon-status';
import { WeaponEntity } from './weapon.entity';

/** The events after which the weapon is no longer its holder's, and why its certificate ends. */
const REVOKING_EVENTS: Partial<Record<string, RevocationReason>> = {
  [WeaponEventKind.Surrendered]: 'surrendered',
  [WeaponEventKind.Forfeited]: 'forfeited',
  [WeaponEventKind.Destroyed]: 'destroyed',
  [WeaponEventKind.Deactivated]: 'deactivated',
};

@Injectable()
export class RecordWeaponEventUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly standing: HolderStandingQuery,
    private readonly audit: AuditService,
    private readonly certificates: HoldingCertificates,
  ) {}

  /**
   * The holding certificate follows the weapon's custody. Surrendered, forfeited, destroyed and
   * deactivated weapons have left their holder for good: the valid certificate is revoked.
   * Lost, stolen and seized ones keep it (they may come back); a weapon returned to its holder
   * gets a new one if its certificate was revoked while the State held it.
   */
  private async followCertificate(manager: EntityManager, actor: AuditActor, weapon: WeaponEntity, kind: string): Promise<void> {
    const revocation = REVOKING_EVENTS[kind];
    if (revocation) {
      await this.certificates.revoke(manager, actor, [weapon.id], revocation);
      return;
    }
    if (kind === WeaponEventKind.Returned && weapon.holderId) {
      await this.certificates.issueUnlessValid(manager, actor, { weaponId: weapon.id, holderId: weapon.holderId }, { action: 'return' });
    }
  }

  async execute(weaponId: string, input: RecordWeaponEventDto, context: RequestContext): Promise<WeaponEventDto> {
    const principal = context.principal!;
    const permission = eventPermission(input.kind, principal.roles);
    if (permission === 'denied') throw new ForbiddenError(msg('auth.eventKindDenied', input.kind));
    // A little leeway for clocks that run ahead; an event is never reported before it happens.
    if (new Date(input.occurredAt).getTime() > Date.now() + 5 * 60_000) {
      throw new ValidationFailedError([{ field: 'occurredAt', message: msg('field.inFuture', 'occurredAt') }]);
    }
    return this.dataSource.transaction(async (manager) => {
      // The row lock makes concurrent events on one weapon take turns; the version check refuses the stale one.
      const weapon = await manager.findOne(WeaponEntity, { where: { id: weaponId }, lock: { mode: 'pessimistic_write' } });
      if (!weapon) throw new NotFoundError('weapon', weaponId);
      if (permission === 'scoped') assertInJurisdiction(principal, weapon.district);
      if (weapon.version !== input.version) throw new StaleVersionError(weapon.version);
      const to = nextStatus(input.kind, weapon.status);
      if (!to) throw new InvalidStatusTransitionError(input.kind, weapon.status);
      if (input.kind === WeaponEventKind.Returned) {
        // A weapon the State recovered without a prior record has no holder to return it to.
        if (weapon.holderId === null) throw new InvalidStatusTransitionError(input.kind, weapon.status);
        // Returned to the same holder, who must still be entitled to hold it.
        const day = panamaDay(new Date(input.occurredAt));
        const [standing] = await this.standing.ofOwners(manager, [{ ownerId: weapon.holderId, type: weapon.type, day, needsLicence: true }]);
        if (!standing) throw new NotFoundError('owner', weapon.holderId);
        if (standing.holder.status !== 'active') throw new OwnerInactiveError(standing.holder.id, standing.holder.status);
        if (!standing.licensed) throw new HolderNotLicensedError(weapon.type, day);
      }
      const before = toWeaponDto(weapon);
      const now = new Date();
      const event = manager.create(WeaponEventEntity, {
        weaponId,
        kind: input.kind,
        occurredAt: new Date(input.occurredAt),
        place: input.place ?? null,
        reference: input.reference ?? null,
        notes: input.notes ?? null,
        fromStatus: weapon.status,
        toStatus: to,
        details: null,
        recordedBy: principal.id,
        recordedAt: now,
      });
      await manager.save(event);
      weapon.status = to;
      weapon.version += 1;
      weapon.updatedAt = now;
      await manager.save(weapon);
      const view = toWeaponEventDto(event);
      await this.followCertificate(manager, actorOf(context), weapon, input.kind);
      await this.audit.append(manager, actorOf(context), {
        action: 'weapon.event_recorded',
        entityType: 'weapon',
        entityId: weaponId,
        before,
        after: { ...toWeaponDto(weapon), event: view },
      });
      return view;
    });
  }
}

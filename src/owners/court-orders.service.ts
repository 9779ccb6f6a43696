import { Injectable } from '@nestjs/common';
import { msg } from '../i18n/message';
import { type EntityManager, In } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import { todayInPanama } from './calendar';
import { isSuspendedOn } from './licence-in-force';
import { LicenceEntity } from './licence.entity';
import { toLicenceDto } from './licence.mapper';
import { OwnerEntity } from './owner.entity';
import { toOwnerAuditView } from './owner.mapper';
import { OwnerStatusTransitionError } from './owners.errors';

/** The court order as the owner's records name it. */
export interface CourtOrderRef {
  prohibitionId: string;
  court: string;
  orderRef: string;
}

/**
 * What a court prohibition does to an owner and their licences, for the prohibitions module:
 * each method runs inside the caller's transaction and audits every row it changes.
 */
@Injectable()
export class CourtOrders {
  constructor(private readonly audit: AuditService) {}

  /**
   * The owner locked FOR UPDATE, so a prohibition, its lifting and the owner's licence changes
   * (which lock the owner FOR SHARE) run one after the other. Court orders are national: no
   * jurisdiction applies.
   */
  async lockOwner(manager: EntityManager, ownerId: string): Promise<{ id: string; status: string; district: string }> {
    const owner = await manager.findOne(OwnerEntity, { where: { id: ownerId }, lock: { mode: 'pessimistic_write' } });
    if (!owner) throw new NotFoundError('owner', ownerId);
    return { id: owner.id, status: owner.status, district: owner.district };
  }

  /**
   * The owner becomes `prohibited` and every licence in force today (not revoked, not
   * suspended, not expired) is suspended until the prohibition is lifted, naming the order.
   * A deceased owner cannot be prohibited. Returns the ids of the licences suspended.
   */
  async prohibit(manager: EntityManager, actor: AuditActor, ownerId: string, order: CourtOrderRef): Promise<string[]> {
    const owner = await manager.findOneOrFail(OwnerEntity, { where: { id: ownerId }, lock: { mode: 'pessimistic_write' } });
    if (owner.status === 'deceased') throw new OwnerStatusTransitionError(msg('owner.deceasedIsFinal'));
    const reason = `Court prohibition ${order.orderRef} (${order.court})`;
    if (owner.status !== 'prohibited') {
      const before = toOwnerAuditView(owner);
      Object.assign(owner, { status: 'prohibited', statusReason: reason, version: owner.version + 1 });
      const saved = await manager.save(owner);
      await this.audit.append(manager, actor, {
        action: 'owner.status_changed',
        entityType: 'owner',
        entityId: owner.id,
        before,
        after: { ...toOwnerAuditView(saved), prohibitionId: order.prohibitionId },
      });
    }

    const today = todayInPanama();
    const licences = await manager.find(LicenceEntity, { where: { ownerId }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const inForce = licences.filter((licence) => licence.status !== 'revoked' && !isSuspendedOn(licence, today) && licence.expiresAt >= today);
    const now = new Date();
    const entries = [];
    for (const licence of inForce) {
      const before = toLicenceDto(licence, today);
      Object.assign(licence, {
        status: 'suspended',
        suspendedAt: now,
        suspendedReason: reason,
        suspendedUntil: null,
        suspendedByProhibition: order.prohibitionId,
        version: licence.version + 1,
      });
      await manager.save(licence);
      entries.push({ action: 'licence.suspended', entityType: 'licence', entityId: licence.id, before, after: toLicenceDto(licence, today) });
    }
    await this.audit.appendMany(manager, actor, entries);
    return inForce.map((licence) => licence.id);
  }

  /**
   * The prohibition is lifted: the licences it suspended (and that are still suspended by it)
   * are reinstated; the owner is active again unless `stillProhibited` (another prohibition
   * is in force) or the owner's status is no longer `prohibited` (changed since by hand).
   * Returns the ids of the licences reinstated.
   */
  async lift(manager: EntityManager, actor: AuditActor, ownerId: string, prohibitionId: string, stillProhibited: boolean, reason: string): Promise<string[]> {
    const owner = await manager.findOneOrFail(OwnerEntity, { where: { id: ownerId }, lock: { mode: 'pessimistic_write' } });
    const today = todayInPanama();
    const entries = [];
    if (!stillProhibited && owner.status === 'prohibited') {
      const before = toOwnerAuditView(owner);
      Object.assign(owner, { status: 'active', statusReason: reason, version: owner.version + 1 });
      const saved = await manager.save(owner);
      entries.push({ action: 'owner.status_changed', entityType: 'owner', entityId: owner.id, before, after: { ...toOwnerAuditView(saved), prohibitionId } });
    }
    const licences = await manager.find(LicenceEntity, {
      where: { ownerId, status: 'suspended', suspendedByProhibition: In([prohibitionId]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const licence of licences) {
      const before = toLicenceDto(licence, today);
      Object.assign(licence, {
        status: 'valid',
        suspendedAt: null,
        suspendedReason: null,
        suspendedUntil: null,
        suspendedByProhibition: null,
        version: licence.version + 1,
      });
      await manager.save(licence);
      entries.push({ action: 'licence.reinstated', entityType: 'licence', entityId: licence.id, before, after: { ...toLicenceDto(licence, today), reason } });
    }
    await this.audit.appendMany(manager, actor, entries);
    return licences.map((licence) => licence.id);
  }
}

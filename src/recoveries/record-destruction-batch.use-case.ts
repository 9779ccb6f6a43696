import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { isCalendarDay, panamaDay } from '../common/dates';
import { DomainError, ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import type { RequestContext } from '../common/request-context';
import { DestroyedWeapons } from '../registry/destroyed-weapons.service';
import { toWeaponDto } from '../registry/registry.mapper';
import { nextStatus, WeaponEventKind } from '../registry/weapon-status';
import { TraceRequestFilings } from '../trace/trace-request-filing.service';
import type { CreateDestructionBatchDto, DestructionBatchDto } from './destruction-batch.dto';
import { insertDestructionBatch, traceRequestsOfWeapons } from './recoveries.sql';

/**
 * Destroys a batch of weapons under one acta, all or nothing: every weapon must be seized or in
 * State custody with no trace request still waiting for the queue (the evidence a trace may
 * need is not destroyed under it), else the whole batch is refused naming the weapons.
 */
@Injectable()
export class RecordDestructionBatchUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly weapons: DestroyedWeapons,
    private readonly traceRequests: TraceRequestFilings,
    private readonly audit: AuditService,
  ) {}

  async execute(input: CreateDestructionBatchDto, context: RequestContext): Promise<DestructionBatchDto> {
    if (!isCalendarDay(input.date) || input.date > panamaDay()) {
      throw new ValidationFailedError([{ field: 'date', message: msg('field.notInPast', 'date') }]);
    }
    const principal = context.principal!;
    return this.dataSource.transaction(async (manager) => {
      const weapons = await this.weapons.lockForDestruction(manager, input.weaponIds);
      for (const weapon of weapons) assertInJurisdiction(principal, weapon.district);
      const found = new Set(weapons.map((weapon) => weapon.id));
      const pending = await this.traceRequests.unanswered(manager, await traceRequestsOfWeapons(manager, input.weaponIds));
      const pendingWeapons = await traceRequestsOfWeapons(manager, input.weaponIds, pending);
      const refused = [
        ...input.weaponIds.filter((id) => !found.has(id)).map((id) => ({ weaponId: id, reason: 'not_found' })),
        ...weapons
          .filter((weapon) => nextStatus(WeaponEventKind.Destroyed, weapon.status) === null)
          .map((weapon) => ({ weaponId: weapon.id, reason: `status_${weapon.status}` })),
        ...[...pendingWeapons].map((id) => ({ weaponId: id, reason: 'trace_request_pending' })),
      ];
      if (refused.length > 0) {
        throw new DomainError(
          ErrorCode.NotDestructible,
          msg('weapon.notDestructible', refused.length, refused.map((item) => item.weaponId)),
          { extensions: { weapons: refused } },
        );
      }
      const batchId = randomUUID();
      const destroyed = await this.weapons.destroy(manager, weapons, {
        batchId,
        date: input.date,
        place: input.place,
        actaRef: input.actaRef,
        method: input.method,
        recordedBy: principal.id,
      }, actorOf(context));
      const recordedAt = new Date();
      await insertDestructionBatch(manager, { id: batchId, input, destroyed: destroyed.length, recordedBy: principal.id, recordedAt });
      const view: DestructionBatchDto = {
        id: batchId,
        method: input.method,
        place: input.place,
        date: input.date,
        actaRef: input.actaRef,
        witnesses: [...input.witnesses],
        weaponIds: [...input.weaponIds].map((id) => id.toLowerCase()).sort(),
        destroyed: destroyed.length,
        recordedBy: principal.id,
        recordedAt: recordedAt.toISOString(),
      };
      const before = new Map(weapons.map((weapon) => [weapon.id, toWeaponDto(weapon)]));
      await this.audit.appendMany(manager, actorOf(context), [
        { action: 'destruction_batch.recorded', entityType: 'destruction_batch', entityId: batchId, before: null, after: view },
        ...destroyed.map((weapon) => ({
          action: 'weapon.event_recorded',
          entityType: 'weapon',
          entityId: weapon.id,
          before: before.get(weapon.id),
          after: { ...toWeaponDto(weapon), destructionBatchId: batchId },
        })),
      ]);
      return view;
    });
  }
}

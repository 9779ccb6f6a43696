import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import type { AlertSource } from './alert.entity';
import { ACKNOWLEDGE_MATCHING_SQL, INSERT_ALERTS_SQL } from './alerts.sql';

export interface AlertInput {
  source: AlertSource;
  weaponId: string;
  details: Record<string, unknown>;
  traceRequestId?: string;
}

/**
 * Raises stolen-weapon alerts. Raising never fails the work that triggered it: inside the
 * caller's transaction the insert runs under a savepoint, so a failed insert is rolled back
 * alone, logged with the request id, and the caller's own writes still commit.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger('Alerts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Inside the caller's transaction. Returns the new alert's id, or null when an equal
   * alert already exists (the same trace request and weapon; an open search alert of the
   * same person on the same weapon) or the insert failed.
   */
  async raise(manager: EntityManager, actor: AuditActor, input: AlertInput): Promise<string | null> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('AlertsService.raise must run inside a transaction');
    await manager.query('SAVEPOINT raise_alert');
    try {
      const raised = await this.insert(manager, actor, [input]);
      await manager.query('RELEASE SAVEPOINT raise_alert');
      return raised.get(input.weaponId) ?? null;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT raise_alert');
      this.logger.error(
        `could not raise a ${input.source} alert on weapon ${input.weaponId} (request ${actor.requestId ?? 'none'}): ${(error as Error).message}`,
        (error as Error).stack,
      );
      return null;
    }
  }

  /**
   * For reads that hit stolen weapons (trace search): a small transaction of its own, with one
   * insert for all the hits and one audit entry for each alert it raised (a hit that already has
   * its alert raises none, so a repeated search writes nothing). Errors are logged with the
   * request id and go no further.
   */
  async raiseOnRead(actor: AuditActor, inputs: readonly AlertInput[]): Promise<string[]> {
    if (inputs.length === 0) return [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        const raised = await this.insert(manager, actor, inputs);
        const entries = inputs.flatMap((input) => {
          const id = raised.get(input.weaponId);
          if (id === undefined) return [];
          const after = { source: input.source, weaponId: input.weaponId, details: input.details };
          return [{ action: 'alert.raised', entityType: 'alert', entityId: id, before: null, after }];
        });
        await this.audit.appendMany(manager, actor, entries);
        return entries.map((entry) => entry.entityId);
      });
    } catch (error) {
      this.logger.error(
        `could not raise ${inputs.length} ${inputs[0].source} alert(s) (request ${actor.requestId ?? 'none'}): ${(error as Error).message}`,
        (error as Error).stack,
      );
      return [];
    }
  }

  /**
   * For work whose alerts are part of its own outcome (a court prohibition's surrender alerts):
   * inside the caller's transaction, without a savepoint, so a failed insert fails the caller
   * and nothing is half-written. One audit entry per alert raised; an alert equal to one that
   * exists is left out. Returns the new alerts' ids.
   */
  async raiseAll(manager: EntityManager, actor: AuditActor, inputs: readonly AlertInput[]): Promise<string[]> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('AlertsService.raiseAll must run inside a transaction');
    if (inputs.length === 0) return [];
    const raised = await this.insert(manager, actor, inputs);
    const entries = inputs.flatMap((input) => {
      const id = raised.get(input.weaponId);
      if (id === undefined) return [];
      return [{ action: 'alert.raised', entityType: 'alert', entityId: id, before: null, after: { source: input.source, weaponId: input.weaponId, details: input.details } }];
    });
    await this.audit.appendMany(manager, actor, entries);
    return entries.map((entry) => entry.entityId);
  }

  /**
   * Acknowledges, inside the caller's transaction, the open alerts of `source` whose details
   * contain `details` (the alerts a lifted court order raised), one audit entry each.
   */
  async acknowledgeMatching(
    manager: EntityManager,
    actor: AuditActor,
    source: AlertSource,
    details: Record<string, string>,
  ): Promise<string[]> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('AlertsService.acknowledgeMatching must run inside a transaction');
    const [rows] = (await manager.query(ACKNOWLEDGE_MATCHING_SQL, [
      source,
      JSON.stringify(details),
      actor.actorId,
      actor.actorUsername,
      new Date(),
    ])) as [Array<{ id: string; weapon_id: string; version: number }>, number];
    await this.audit.appendMany(
      manager,
      actor,
      rows.map((row) => ({
        action: 'alert.acknowledged',
        entityType: 'alert',
        entityId: row.id,
        before: { status: 'open' },
        after: { status: 'acknowledged', weaponId: row.weapon_id, version: row.version, ...details },
      })),
    );
    return rows.map((row) => row.id);
  }

  /**
   * Inserts the alerts in one statement, each with the weapon as the caller's transaction sees
   * it now; an alert equal to one that exists is left out. The new alerts' ids by weapon.
   */
  private async insert(manager: EntityManager, actor: AuditActor, inputs: readonly AlertInput[]): Promise<Map<string, string>> {
    const rows = (await manager.query(INSERT_ALERTS_SQL, [
      JSON.stringify(inputs),
      actor.actorId,
      actor.actorUsername,
      actor.requestId,
      new Date(),
    ])) as Array<{ id: string; weapon_id: string }>;
    return new Map(rows.map((row) => [row.weapon_id, row.id]));
  }
}

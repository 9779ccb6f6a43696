import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { HoldingCertificates } from './certificates/holding-certificates.service';
import { ErrorCode } from '../common/error-code';
import type { CanonicalIdentity } from './markings.service';
import { toWeaponDto } from './registry.mapper';
import { foldConfusables, nationalMark, normaliseSerial } from './serial';
import { copyWeapons, WeaponRegistrations } from './weapon-registrations.service';
import { WeaponEventKind, WeaponStatus } from './weapon-status';
import type { WeaponDto } from './weapon.dto';
import { type ImportMarking, type SerialStatus, WeaponEntity } from './weapon.entity';

/** The statuses a registered weapon may be recovered from (the contract's recoveries section). */
export const RECOVERABLE_STATUSES: readonly WeaponStatus[] = [WeaponStatus.Active, WeaponStatus.Lost, WeaponStatus.Stolen];

/** One weapon that came into the State's hands, as read from it. */
export interface RecoveredItem {
  identity: CanonicalIdentity;
  /** False when the make could not be read: the serial alone is then matched, if it is unique. */
  makeKnown: boolean;
  model: string;
  /** Folded serial to match on; null when the item has no legible full serial (obliterated, unmarked). */
  serialNormalized: string | null;
  /** As written; only for a `marked` item. */
  serialNumber: string | null;
  serialStatus: SerialStatus;
  countryOfManufacture: string | null;
  importMarking: ImportMarking | null;
  otherMarkings: string | null;
}

/** Where and how the weapons came in, named on each event. */
export interface RecoveryEvent {
  recoveryId: string;
  recoveryKind: string;
  /** The event recorded on each weapon: `seized` or `surrendered`. */
  event: WeaponEventKind.Seized | WeaponEventKind.Surrendered;
  toStatus: WeaponStatus.Seized | WeaponStatus.InStateCustody;
  /** YYYY-MM-DD */
  date: string;
  place: string | null;
  reference: string | null;
  district: string;
  recordedBy: string;
}

export interface ReceivedWeapon {
  weapon: WeaponEntity;
  /** The weapon before the recovery; null for a weapon created by it. */
  before: WeaponDto | null;
  priorStatus: WeaponStatus | null;
  remarked: boolean;
}

/** ISO 3166 "unknown region", for a recovered weapon whose country of manufacture cannot be read. */
export const UNKNOWN_COUNTRY = 'ZZ';

/**
 * The registry's side of a recovery: each item matched by canonical make and folded serial,
 * matched weapons moved to the State's hands, and the rest written as new weapons with no
 * holder, all with their events, in a fixed number of set-based statements inside the
 * caller's transaction.
 */
@Injectable()
export class RecoveredWeapons {
  constructor(
    private readonly registrations: WeaponRegistrations,
    private readonly certificates: HoldingCertificates,
  ) {}

  /**
   * For each item, the id of the one registered weapon bearing its marking, if any. An item
   * whose make could not be read matches on the serial alone, and only when one weapon has it.
   * Each probe walks ix_weapons_serial_confusable (the fold of the serial; the exact serial is
   * then checked), as GET /weapons?serial= does.
   */
  async match(manager: EntityManager, items: readonly RecoveredItem[]): Promise<Array<string | null>> {
    const matched = new Array<string | null>(items.length).fill(null);
    const probes = items.flatMap((item, index) => (item.serialNormalized ? [{ index, item }] : []));
    if (probes.length === 0) return matched;
    const rows = (await manager.query(
      `SELECT m.idx::int AS idx, array_agg(w.id) AS ids
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS m(make_key, serial, folded, idx)
        CROSS JOIN LATERAL (SELECT w.id FROM weapons w
                             WHERE w.serial_confusable = m.folded AND w.serial_normalized = m.serial
                               AND (m.make_key IS NULL OR w.make_key = m.make_key)
                             LIMIT 2) w
        GROUP BY m.idx`,
      [
        probes.map(({ item }) => (item.makeKnown ? item.identity.makeKey : null)),
        probes.map(({ item }) => item.serialNormalized),
        probes.map(({ item }) => foldConfusables(item.serialNormalized!)),
        probes.map(({ index }) => index),
      ],
    )) as Array<{ idx: number; ids: string[] }>;
    for (const row of rows) if (row.ids.length === 1) matched[row.idx] = row.ids[0];
    return matched;
  }

  /**
   * Moves the matched weapons (locked in id order, so concurrent recoveries take turns) and
   * writes the unmatched ones, in item order. A matched weapon not in a recoverable status is
   * a conflict naming the item. A matched weapon handed to the State (surrendered, amnesty:
   * `in_state_custody`) has left its holder for good: its holding certificate is revoked, audited
   * as `actor`; a seized or found one keeps it, as it may be returned.
   */
  async receive(
    manager: EntityManager,
    recovery: RecoveryEvent,
    items: readonly RecoveredItem[],
    matches: ReadonlyArray<string | null>,
    actor: AuditActor,
  ): Promise<ReceivedWeapon[]> {
    const now = new Date();
    const occurredAt = new Date(`${recovery.date}T00:00:00-05:00`);
    const matchedIds = matches.filter((id): id is string => id !== null);
    const locked = new Map<string, WeaponEntity>();
    if (matchedIds.length > 0) {
      const weapons = await manager
        .createQueryBuilder(WeaponEntity, 'w')
        .where('w.id IN (:...ids)', { ids: matchedIds })
        .orderBy('w.id')
        .setLock('pessimistic_write')
        .getMany();
      for (const weapon of weapons) locked.set(weapon.id, weapon);
    }
    matches.forEach((id, index) => {
      const weapon = id ? locked.get(id) : undefined;
      if (weapon && !RECOVERABLE_STATUSES.includes(weapon.status)) {
        throw new DomainError(
          ErrorCode.InvalidStatusTransition,
          msg('weapon.cannotBeRecovered', index, weapon.id, weapon.status),
        );
      }
    });
    const fresh = items.flatMap((item, index) => (matches[index] ? [] : [{ item, index }]));
    const numbers = await this.registrations.reserveRegistryNumbers(manager, fresh.length);
    const created = new Map<number, WeaponEntity>();
    fresh.forEach(({ item, index }, n) => {
      const registryNumber = numbers[n];
      const serialNumber = item.serialNumber ?? nationalMark(registryNumber);
      created.set(index, {
        id: randomUUID(),
        registryNumber,
        ...item.identity,
        model: item.model,
        serialNumber,
        serialNormalized: item.serialNumber ? item.serialNormalized! : normaliseSerial(serialNumber),
        serialStatus: item.serialStatus,
        countryOfManufacture: item.countryOfManufacture ?? UNKNOWN_COUNTRY,
        yearOfManufacture: null,
        importMarking: item.importMarking,
        otherMarkings: item.otherMarkings,
        ballistics: null,
        acquisition: { kind: 'recovery', date: recovery.date, documentRef: recovery.recoveryId },
        status: recovery.toStatus,
        holderId: null,
        origin: 'recovered',
        district: recovery.district,
        unverifiedMake: item.identity.unverifiedMake,
        unverifiedCalibre: item.identity.unverifiedCalibre,
        version: 1,
        registeredAt: now,
        updatedAt: now,
      });
    });

    const received: ReceivedWeapon[] = items.map((item, index) => {
      const existing = matches[index] ? locked.get(matches[index]) : undefined;
      if (existing) {
        const before = toWeaponDto(existing);
        const priorStatus = existing.status;
        const weapon = { ...existing, status: recovery.toStatus, version: existing.version + 1, updatedAt: now };
        return { weapon, before, priorStatus, remarked: false };
      }
      return { weapon: created.get(index)!, before: null, priorStatus: null, remarked: item.serialNumber === null };
    });

    if (locked.size > 0) {
      await manager.query(
        `UPDATE weapons w SET status = $2, version = w.version + 1, updated_at = $3 WHERE w.id = ANY($1::uuid[])`,
        [[...locked.keys()], recovery.toStatus, now],
      );
      if (recovery.toStatus === WeaponStatus.InStateCustody) await this.certificates.revoke(manager, actor, [...locked.keys()], 'surrendered');
    }
    await copyWeapons(manager, [...created.values()]);
    const events = received.flatMap(({ weapon, priorStatus, remarked }, index) => {
      const details = { recoveryId: recovery.recoveryId, recoveryKind: recovery.recoveryKind, item: index };
      const own = {
        weapon_id: weapon.id,
        kind: recovery.event,
        from_status: priorStatus ?? recovery.toStatus,
        to_status: recovery.toStatus,
        details,
      };
      if (!remarked) return [own];
      const mark = {
        weapon_id: weapon.id,
        kind: WeaponEventKind.Remarked,
        from_status: recovery.toStatus,
        to_status: recovery.toStatus,
        details: { serialStatus: weapon.serialStatus, assignedSerial: weapon.serialNumber, recoveryId: recovery.recoveryId },
      };
      return [own, mark];
    });
    await manager.query(
      `INSERT INTO weapon_events (weapon_id, kind, occurred_at, place, reference, from_status, to_status, details, recorded_by, recorded_at)
       SELECT e.weapon_id, e.kind, $2, $3, $4, e.from_status, e.to_status, e.details, $5, $6
         FROM jsonb_to_recordset($1::jsonb) AS e(weapon_id uuid, kind text, from_status text, to_status text, details jsonb)`,
      [JSON.stringify(events), occurredAt, recovery.place, recovery.reference, recovery.recordedBy, now],
    );
    return received;
  }
}

import { Injectable } from '@nestjs/common';
import { timeOrderedId } from '../database/time-ordered-id';
import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditInput } from '../audit/audit.service';
import { panamaDay } from '../common/dates';
import { copyRows } from '../database/copy-rows';
import { HolderStandingQuery, type LicenceCheck, type StandingHolder } from '../owners/holder-standing.query';
import { AlertsService } from '../alerts/alerts.service';
import { HoldingCertificates } from './certificates/holding-certificates.service';
import type { HoldingCertificateRow } from './certificates/holding-certificate.types';
import type { CanonicalIdentity, MarkingOwner } from './markings.service';
import { markingKey } from './registration-rules';
import { formatRegistryNumber, nationalMark, normaliseSerial } from './serial';
import { MISSING_STATUSES, WeaponEventKind, WeaponStatus } from './weapon-status';
import type { RegisterWeaponDto } from './register-weapon.dto';
import type { WeaponEntity } from './weapon.entity';
import {
  EXISTING_MARKINGS_SQL,
  INSERT_REMARKED_EVENTS_SQL,
  RESERVE_REGISTRY_NUMBERS_SQL,
  WEAPON_COPY_COLUMN_NAMES,
  weaponRows,
} from './weapon-registrations.sql';

/** A holder as a registration needs it: who, whether active, and where (for jurisdiction). */
export type RegistrationHolder = StandingHolder;
export type { LicenceCheck } from '../owners/holder-standing.query';

/** One weapon that passed every check and is to be written. */
export interface NewRegistration {
  input: RegisterWeaponDto;
  identity: CanonicalIdentity;
  /** Null when the weapon has no serial: it receives the national mark. */
  serialNormalized: string | null;
  holder: { id: string; district: string };
}

/**
 * A weapon ready to be inserted, with the holding certificate issued to its holder with it;
 * `remarked` when it receives the national mark for want of a serial.
 */
export interface PreparedWeapon {
  weapon: WeaponEntity;
  certificate: HoldingCertificateRow;
  remarked: boolean;
}

/** What was attempted on a marking reported lost or stolen, kept with the alert and the audit entry. */
export interface StolenAttempt {
  make: string;
  model: string;
  type: string;
  calibre: string;
  serialNumber?: string;
  ownerId: string;
}

/** Inserts whole weapon rows in one COPY inside the caller's transaction (recoveries write holder-less ones). */
export async function copyWeapons(manager: EntityManager, weapons: readonly WeaponEntity[]): Promise<void> {
  if (weapons.length === 0) return;
  await copyRows(manager, 'weapons', WEAPON_COPY_COLUMN_NAMES, weaponRows(weapons));
}

/**
 * The database side of registering weapons, shared by POST /weapons (one weapon) and imports
 * (a batch of them): every method takes many at once and runs a fixed number of queries,
 * all inside the caller's transaction.
 */
@Injectable()
export class WeaponRegistrations {
  constructor(
    private readonly alerts: AlertsService,
    private readonly standing: HolderStandingQuery,
    private readonly certificates: HoldingCertificates,
  ) {}

  /**
   * For each row of a batch, its holder found by document (kind and id-document key) and
   * whether a licence in force covers the row's type on its day (asked only where
   * `needsLicence`), in one query: the owners module's HolderStandingQuery.ofDocuments, which
   * locks the holders FOR SHARE. Undefined where no owner has the document.
   */
  holdersOfRows(
    manager: EntityManager,
    rows: ReadonlyArray<{ kind: string; key: string; type: string; day: string; needsLicence: boolean }>,
  ): Promise<Array<{ holder: RegistrationHolder; licensed: boolean } | undefined>> {
    return this.standing.ofDocuments(manager, rows);
  }

  /** The indexes of `checks` that a licence in force covers (HolderStandingQuery.licensed, one query). */
  licensed(manager: EntityManager, checks: readonly LicenceCheck[]): Promise<Set<number>> {
    return this.standing.licensed(manager, checks);
  }

  /**
   * Weapons already bearing these markings, keyed by markingKey(makeKey, serialNormalized).
   * One probe of uq_weapons_marking (EXISTING_MARKINGS_SQL) per marking: as a plain join the planner hashes the whole
   * weapons table for a batch of a few thousand markings, a cost that grows with the registry.
   * LIMIT 1 keeps the subquery from being flattened back into that join. A marking is unique
   * but for the weapons that came to share one when its folding changed (`marking_duplicate`
   * > 0, left for reconciliation to report): of those, one reported lost or stolen answers.
   */
  async existingMarkings(
    manager: EntityManager,
    markings: ReadonlyArray<{ makeKey: string; serialNormalized: string }>,
  ): Promise<Map<string, MarkingOwner>> {
    if (markings.length === 0) return new Map();
    const rows = (await manager.query(EXISTING_MARKINGS_SQL, [
      markings.map((marking) => marking.makeKey),
      markings.map((marking) => marking.serialNormalized),
      MISSING_STATUSES,
    ])) as Array<MarkingOwner & { make_key: string; serial_normalized: string }>;
    return new Map(rows.map((row) => [markingKey(row.make_key, row.serial_normalized), { id: row.id, status: row.status }]));
  }

  /** Writes the weapons and their certificates, in order (prepare, then insert): see both. Returns them as written. */
  async register(manager: EntityManager, items: readonly NewRegistration[], recordedBy: string | null): Promise<PreparedWeapon[]> {
    const prepared = await this.prepare(manager, items);
    await this.insert(manager, prepared, recordedBy);
    return prepared;
  }

  /**
   * The weapons about to be written, with their ids and their registry numbers taken from the
   * per-year counter in one update (under its row lock, held to the end of the caller's
   * transaction: unique, ascending and without gaps), and each one's holding certificate
   * numbered (one more statement). Nothing else is written yet, so the caller may prepare
   * their audit entries while `insert` runs.
   */
  async prepare(manager: EntityManager, items: readonly NewRegistration[]): Promise<PreparedWeapon[]> {
    if (items.length === 0) return [];
    const numbers = await this.reserveRegistryNumbers(manager, items.length);
    const now = new Date();
    // Time-ordered: a batch's weapons (and their certificates, events and audit rows that name
    // them) enter every index on the weapon id at its right edge, not on random pages.
    const weaponIds = items.map(() => timeOrderedId(now.getTime()));
    const certificates = await this.certificates.prepare(
      manager,
      items.map(({ holder }, index) => ({ weaponId: weaponIds[index], holderId: holder.id })),
      now,
    );
    return items.map(({ input, identity, serialNormalized, holder }, index) => {
      const registryNumber = numbers[index];
      const serialNumber = input.serialNumber ?? nationalMark(registryNumber);
      const weapon: WeaponEntity = {
        id: weaponIds[index],
        registryNumber,
        ...identity,
        model: input.model,
        serialNumber,
        serialNormalized: serialNormalized ?? normaliseSerial(serialNumber),
        serialStatus: input.serialStatus ?? 'marked',
        countryOfManufacture: input.countryOfManufacture,
        yearOfManufacture: input.yearOfManufacture ?? null,
        importMarking: input.importMarking ? { ...input.importMarking } : null,
        otherMarkings: input.otherMarkings ?? null,
        ballistics: input.ballistics ? { ...input.ballistics } : null,
        acquisition: { kind: input.acquisition.kind, date: input.acquisition.date, documentRef: input.acquisition.documentRef ?? null },
        status: WeaponStatus.Active,
        holderId: holder.id,
        origin: 'registered',
        district: holder.district,
        version: 1,
        registeredAt: now,
        updatedAt: now,
      };
      return { weapon, certificate: certificates[index], remarked: !input.serialNumber };
    });
  }

  /**
   * Inserts prepared weapons in one COPY, their holding certificates in another (a
   * registration issues the holder's certificate in its own transaction, Ley 57 Art. 31), and a
   * `remarked` event for each weapon that received the national mark (its serial is the mark).
   */
  async insert(manager: EntityManager, prepared: readonly PreparedWeapon[], recordedBy: string | null): Promise<void> {
    if (prepared.length === 0) return;
    await copyRows(manager, 'weapons', WEAPON_COPY_COLUMN_NAMES, weaponRows(prepared.map(({ weapon }) => weapon)));
    await this.certificates.insert(
      manager,
      prepared.map(({ certificate }) => certificate),
    );
    // The national mark is part of the registration: recorded as an event, audited with it.
    const remarked = prepared.filter((item) => item.remarked).map(({ weapon }) => weapon);
    if (remarked.length > 0) {
      await manager.query(INSERT_REMARKED_EVENTS_SQL, [
        JSON.stringify(
          remarked.map((weapon) => ({
            weapon_id: weapon.id,
            details: { serialStatus: weapon.serialStatus, assignedSerial: weapon.serialNumber },
          })),
        ),
        WeaponEventKind.Remarked,
        remarked[0].registeredAt,
        WeaponStatus.Active,
        recordedBy,
      ]);
    }
  }

  /**
   * A registration attempted on a marking reported lost or stolen: raises the alert inside the
   * caller's transaction (AlertsService.raise cannot fail it) and returns the audit entry that
   * records the refusal, for the caller to append with its other entries. `extra` joins the
   * entry's `after` (an import names itself and the row).
   */
  async refuseReportedMissing(
    manager: EntityManager,
    actor: AuditActor,
    existing: MarkingOwner,
    attempt: StolenAttempt,
    extra: Record<string, unknown> = {},
  ): Promise<AuditInput> {
    const alertId = await this.alerts.raise(manager, actor, {
      source: 'registration_attempt',
      weaponId: existing.id,
      details: { attempt: { ...attempt }, ...extra },
    });
    return {
      action: 'weapon.registration_refused',
      entityType: 'weapon',
      entityId: existing.id,
      before: null,
      after: {
        reason: 'marking_reported_stolen',
        weaponStatus: existing.status,
        attempt: { make: attempt.make, serialNumber: attempt.serialNumber, ownerId: attempt.ownerId },
        alertId,
        ...extra,
      },
    };
  }

  /** `count` consecutive numbers of this year's sequence, in one update of the counter row. */
  async reserveRegistryNumbers(manager: EntityManager, count: number): Promise<string[]> {
    const year = Number(panamaDay().slice(0, 4));
    const [row] = (await manager.query(RESERVE_REGISTRY_NUMBERS_SQL, [year, count])) as Array<{ last_value: number }>;
    const first = row.last_value - count + 1;
    return Array.from({ length: count }, (_, index) => formatRegistryNumber(year, first + index));
  }
}

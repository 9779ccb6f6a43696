import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditInput } from '../audit/audit.service';
import { panamaDay } from '../common/dates';
import { copyRows } from '../database/copy-rows';
import { copyJson, type CopyValue, copyRow } from '../database/copy-text';
import { licenceInForceSql } from '../owners/licence-in-force';
import { AlertsService } from '../trace/alerts.service';
import type { CanonicalIdentity, MarkingOwner } from './markings.service';
import { markingKey } from './registration-rules';
import { formatRegistryNumber, nationalMark, normaliseSerial } from './serial';
import { WeaponEventKind, WeaponStatus } from './weapon-status';
import type { RegisterWeaponDto } from './weapon.dto';
import { WeaponEntity } from './weapon.entity';

/** A holder as a registration needs it: who, whether active, and where (for jurisdiction). */
export interface RegistrationHolder {
  id: string;
  status: string;
  district: string;
}

export interface LicenceCheck {
  ownerId: string;
  type: string;
  /** YYYY-MM-DD */
  day: string;
}

/** One weapon that passed every check and is to be written. */
export interface NewRegistration {
  input: RegisterWeaponDto;
  identity: CanonicalIdentity;
  /** Null when the weapon has no serial: it receives the national mark. */
  serialNormalized: string | null;
  holder: { id: string; district: string };
}

/** A weapon ready to be inserted; `remarked` when it receives the national mark for want of a serial. */
export interface PreparedWeapon {
  weapon: WeaponEntity;
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

/** The columns a registration writes, each with its field in COPY's text format. */
const WEAPON_COPY_COLUMNS: ReadonlyArray<readonly [string, (weapon: WeaponEntity) => CopyValue]> = [
  ['id', (weapon) => weapon.id],
  ['registry_number', (weapon) => weapon.registryNumber],
  ['make', (weapon) => weapon.make],
  ['make_key', (weapon) => weapon.makeKey],
  ['model', (weapon) => weapon.model],
  ['type', (weapon) => weapon.type],
  ['calibre', (weapon) => weapon.calibre],
  ['serial_number', (weapon) => weapon.serialNumber],
  ['serial_normalized', (weapon) => weapon.serialNormalized],
  ['serial_status', (weapon) => weapon.serialStatus],
  ['country_of_manufacture', (weapon) => weapon.countryOfManufacture],
  ['year_of_manufacture', (weapon) => weapon.yearOfManufacture],
  ['import_marking', (weapon) => copyJson(weapon.importMarking)],
  ['other_markings', (weapon) => weapon.otherMarkings],
  ['ballistics', (weapon) => copyJson(weapon.ballistics)],
  ['acquisition', (weapon) => copyJson(weapon.acquisition)],
  ['status', (weapon) => weapon.status],
  ['holder_id', (weapon) => weapon.holderId],
  ['origin', (weapon) => weapon.origin],
  ['district', (weapon) => weapon.district],
  ['unverified_make', (weapon) => weapon.unverifiedMake],
  ['unverified_calibre', (weapon) => weapon.unverifiedCalibre],
  ['version', (weapon) => weapon.version],
  ['registered_at', (weapon) => weapon.registeredAt.toISOString()],
  ['updated_at', (weapon) => weapon.updatedAt.toISOString()],
];

/** The COPY rows of `prepared`, built one at a time as they are sent. */
function* weaponRows(prepared: readonly PreparedWeapon[]): Generator<string> {
  for (const { weapon } of prepared) yield copyRow(WEAPON_COPY_COLUMNS.map(([, field]) => field(weapon)));
}

/** Inserts whole weapon rows in one COPY inside the caller's transaction (recoveries write holder-less ones). */
export async function copyWeapons(manager: EntityManager, weapons: readonly WeaponEntity[]): Promise<void> {
  if (weapons.length === 0) return;
  const prepared = weapons.map((weapon) => ({ weapon, remarked: false }));
  await copyRows(manager, 'weapons', WEAPON_COPY_COLUMNS.map(([column]) => column), weaponRows(prepared));
}

/**
 * The database side of registering weapons, shared by POST /weapons (one weapon) and imports
 * (a batch of them): every method takes many at once and runs a fixed number of queries,
 * all inside the caller's transaction.
 */
@Injectable()
export class WeaponRegistrations {
  constructor(private readonly alerts: AlertsService) {}

  /**
   * For each row of a batch, its holder found by document (kind and id-document key) and
   * whether a licence in force covers the row's type on its day (licenceInForceSql; asked only
   * where `needsLicence`), in one query. Holders are locked FOR SHARE like HolderChecks.lockOwner:
   * a concurrent status change waits for the caller's commit. Undefined where no owner has the
   * document.
   */
  async holdersOfRows(
    manager: EntityManager,
    rows: ReadonlyArray<{ kind: string; key: string; type: string; day: string; needsLicence: boolean }>,
  ): Promise<Array<{ holder: RegistrationHolder; licensed: boolean } | undefined>> {
    const found = new Array<{ holder: RegistrationHolder; licensed: boolean } | undefined>(rows.length);
    if (rows.length === 0) return found;
    const matches = (await manager.query(
      `SELECT d.idx::int AS idx, o.id, o.status, o.district,
              d.needs AND EXISTS (SELECT 1 FROM licences l WHERE l.owner_id = o.id AND ${licenceInForceSql('l', 'd.type', 'd.day')}) AS licensed
         FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::boolean[]) WITH ORDINALITY AS d(kind, key, type, day, needs, idx)
         JOIN owners o ON o.id_kind = d.kind AND o.id_number_normalized = d.key
        ORDER BY o.id
        FOR SHARE OF o`,
      [
        rows.map((row) => row.kind),
        rows.map((row) => row.key),
        rows.map((row) => row.type),
        rows.map((row) => row.day),
        rows.map((row) => row.needsLicence),
      ],
    )) as Array<RegistrationHolder & { idx: number; licensed: boolean }>;
    for (const match of matches) {
      found[match.idx - 1] = { holder: { id: match.id, status: match.status, district: match.district }, licensed: match.licensed };
    }
    return found;
  }

  /** The indexes of `checks` that a licence in force covers (licenceInForceSql, in one query). */
  async licensed(manager: EntityManager, checks: readonly LicenceCheck[]): Promise<Set<number>> {
    if (checks.length === 0) return new Set();
    const rows = (await manager.query(
      `SELECT c.idx::int AS idx
         FROM unnest($1::uuid[], $2::text[], $3::date[]) WITH ORDINALITY AS c(owner_id, type, day, idx)
        WHERE EXISTS (SELECT 1 FROM licences l WHERE l.owner_id = c.owner_id AND ${licenceInForceSql('l', 'c.type', 'c.day')})`,
      [checks.map((check) => check.ownerId), checks.map((check) => check.type), checks.map((check) => check.day)],
    )) as Array<{ idx: number }>;
    return new Set(rows.map((row) => row.idx - 1));
  }

  /**
   * Weapons already bearing these markings, keyed by markingKey(makeKey, serialNormalized).
   * One probe of uq_weapons_marking per marking: as a plain join the planner hashes the whole
   * weapons table for a batch of a few thousand markings, a cost that grows with the registry.
   * A marking is unique, so LIMIT 1 loses nothing; it keeps the subquery from being flattened
   * back into that join.
   */
  async existingMarkings(
    manager: EntityManager,
    markings: ReadonlyArray<{ makeKey: string; serialNormalized: string }>,
  ): Promise<Map<string, MarkingOwner>> {
    if (markings.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT w.id, w.status, m.make_key, m.serial AS serial_normalized
         FROM unnest($1::text[], $2::text[]) AS m(make_key, serial)
        CROSS JOIN LATERAL (
              SELECT w.id, w.status FROM weapons w
               WHERE w.make_key = m.make_key AND w.serial_normalized = m.serial
               LIMIT 1) AS w`,
      [markings.map((marking) => marking.makeKey), markings.map((marking) => marking.serialNormalized)],
    )) as Array<MarkingOwner & { make_key: string; serial_normalized: string }>;
    return new Map(rows.map((row) => [markingKey(row.make_key, row.serial_normalized), { id: row.id, status: row.status }]));
  }

  /** Writes the weapons, in order (prepare, then insert): see both. Returns the weapons as written. */
  async register(manager: EntityManager, items: readonly NewRegistration[], recordedBy: string | null): Promise<WeaponEntity[]> {
    const prepared = await this.prepare(manager, items);
    await this.insert(manager, prepared, recordedBy);
    return prepared.map(({ weapon }) => weapon);
  }

  /**
   * The weapons about to be written, with their ids and their registry numbers taken from the
   * per-year counter in one update (under its row lock, held to the end of the caller's
   * transaction: unique, ascending and without gaps). Nothing else is written yet, so the
   * caller may prepare their audit entries while `insert` runs.
   */
  async prepare(manager: EntityManager, items: readonly NewRegistration[]): Promise<PreparedWeapon[]> {
    if (items.length === 0) return [];
    const numbers = await this.reserveRegistryNumbers(manager, items.length);
    const now = new Date();
    return items.map(({ input, identity, serialNormalized, holder }, index) => {
      const registryNumber = numbers[index];
      const serialNumber = input.serialNumber ?? nationalMark(registryNumber);
      const weapon: WeaponEntity = {
        id: randomUUID(),
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
      return { weapon, remarked: !input.serialNumber };
    });
  }

  /**
   * Inserts prepared weapons in one COPY, and a `remarked` event for each weapon that
   * received the national mark (its serial is the mark).
   */
  async insert(manager: EntityManager, prepared: readonly PreparedWeapon[], recordedBy: string | null): Promise<void> {
    if (prepared.length === 0) return;
    await copyRows(
      manager,
      'weapons',
      WEAPON_COPY_COLUMNS.map(([column]) => column),
      weaponRows(prepared),
    );
    // The national mark is part of the registration: recorded as an event, audited with it.
    const remarked = prepared.filter((item) => item.remarked).map(({ weapon }) => weapon);
    if (remarked.length > 0) {
      await manager.query(
        `INSERT INTO weapon_events (weapon_id, kind, occurred_at, from_status, to_status, details, recorded_by, recorded_at)
         SELECT r.weapon_id, $2, $3, $4, $4, r.details, $5, $3
           FROM jsonb_to_recordset($1::jsonb) AS r(weapon_id uuid, details jsonb)`,
        [
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
        ],
      );
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
    const [row] = (await manager.query(
      `INSERT INTO registry_counters (year, last_value) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET last_value = registry_counters.last_value + EXCLUDED.last_value
       RETURNING last_value`,
      [year, count],
    )) as Array<{ last_value: number }>;
    const first = row.last_value - count + 1;
    return Array.from({ length: count }, (_, index) => formatRegistryNumber(year, first + index));
  }
}

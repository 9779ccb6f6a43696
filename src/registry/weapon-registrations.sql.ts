import { copyJson, type CopyValue, copyRow } from '../database/copy-text';
import type { WeaponEntity } from './weapon.entity';

/**
 * The statements of a registration over weapons, weapon events and the registry counter, and
 * the COPY format it writes weapons in: the columns a registration writes, each with its field
 * in COPY's text format.
 */
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

/** The columns of weaponRows, in order. */
export const WEAPON_COPY_COLUMN_NAMES: readonly string[] = WEAPON_COPY_COLUMNS.map(([column]) => column);

/** The COPY rows of `weapons`, built one at a time as they are sent. */
export function* weaponRows(weapons: readonly WeaponEntity[]): Generator<string> {
  for (const weapon of weapons) yield copyRow(WEAPON_COPY_COLUMNS.map(([, field]) => field(weapon)));
}

/**
 * $1 make keys, $2 normalised serials: the weapons bearing these markings. One probe of
 * uq_weapons_marking per marking: as a plain join the planner hashes the whole weapons table
 * for a batch of a few thousand markings, a cost that grows with the registry. LIMIT 1 keeps the
 * subquery from being flattened back into that join. A marking is unique but for the weapons that
 * came to share one when its folding changed (`marking_duplicate` > 0, left for reconciliation to
 * report): of those, one reported lost or stolen answers ($3 the missing statuses).
 */
export const EXISTING_MARKINGS_SQL = `
  SELECT w.id, w.status, m.make_key, m.serial AS serial_normalized
    FROM unnest($1::text[], $2::text[]) AS m(make_key, serial)
   CROSS JOIN LATERAL (
         SELECT w.id, w.status FROM weapons w
          WHERE w.make_key = m.make_key AND w.serial_normalized = m.serial
          ORDER BY w.status = ANY($3::text[]) DESC, w.marking_duplicate
          LIMIT 1) AS w`;

/** $1 [{ weapon_id, details }], $2 kind (remarked), $3 when, $4 status (active), $5 recorded by. */
export const INSERT_REMARKED_EVENTS_SQL = `
  INSERT INTO weapon_events (weapon_id, kind, occurred_at, from_status, to_status, details, recorded_by, recorded_at)
  SELECT r.weapon_id, $2, $3, $4, $4, r.details, $5, $3
    FROM jsonb_to_recordset($1::jsonb) AS r(weapon_id uuid, details jsonb)`;

/** $1 year, $2 count: the last of `count` numbers taken from the year's counter, under its row lock. */
export const RESERVE_REGISTRY_NUMBERS_SQL = `
  INSERT INTO registry_counters (year, last_value) VALUES ($1, $2)
  ON CONFLICT (year) DO UPDATE SET last_value = registry_counters.last_value + EXCLUDED.last_value
  RETURNING last_value`;

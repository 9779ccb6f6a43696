import type { EntityManager } from 'typeorm';
import type { WeaponStatus } from '../registry/weapon-status';
import type { CreateDestructionBatchDto, DestructionBatchDto } from './destruction-batch.dto';
import type { CreateRecoveryDto, RecoveryItemInputDto } from './recovery.dto';

export interface NewRecovery {
  id: string;
  input: CreateRecoveryDto;
  itemCount: number;
  recordedBy: string;
  recordedAt: Date;
  requestId: string;
}

export async function insertRecovery(manager: EntityManager, recovery: NewRecovery): Promise<void> {
  const { input } = recovery;
  await manager.query(
    `INSERT INTO recoveries (id, kind, date, district, agency, case_number, place, legal_basis, anonymous, surrendered_by,
                             ammunition, magazines, item_count, recorded_by, recorded_at, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16)`,
    [
      recovery.id,
      input.kind,
      input.date,
      input.district,
      input.agency,
      input.caseNumber ?? null,
      input.place ?? null,
      input.legalBasis ?? null,
      input.anonymous === true,
      input.surrenderedBy ?? null,
      JSON.stringify((input.ammunition ?? []).map(({ calibre, rounds }) => ({ calibre, rounds }))),
      input.magazines ?? null,
      recovery.itemCount,
      recovery.recordedBy,
      recovery.recordedAt,
      recovery.requestId,
    ],
  );
}

export interface NewRecoveryItem {
  index: number;
  weaponId: string;
  matched: 'registered' | 'unregistered';
  priorStatus: WeaponStatus | null;
  traceRequestId: string;
  item: RecoveryItemInputDto;
}

/** The items in one statement, each carrying its recovery's kind, date and district for the statistics. */
export async function insertRecoveryItems(
  manager: EntityManager,
  items: readonly NewRecoveryItem[],
  recovery: { recoveryId: string; kind: string; date: string; district: string; anonymous: boolean },
): Promise<void> {
  await manager.query(
    `INSERT INTO recovery_items (recovery_id, index, weapon_id, matched, prior_status, trace_request_id, kind, date, district,
                                 anonymous, make, model, type, calibre, serial_number, serial_status, country_of_manufacture,
                                 import_marking, notes)
     SELECT $2, i.index, i.weapon_id, i.matched, i.prior_status, i.trace_request_id, $3, $4, $5,
            $6, i.make, i.model, i.type, i.calibre, i.serial_number, i.serial_status, i.country_of_manufacture,
            i.import_marking, i.notes
       FROM jsonb_to_recordset($1::jsonb) AS i(index int, weapon_id uuid, matched text, prior_status text, trace_request_id uuid,
                                               make text, model text, type text, calibre text, serial_number text,
                                               serial_status text, country_of_manufacture text, import_marking jsonb, notes text)`,
    [
      JSON.stringify(
        items.map(({ index, weaponId, matched, priorStatus, traceRequestId, item }) => ({
          index,
          weapon_id: weaponId,
          matched,
          prior_status: priorStatus,
          trace_request_id: traceRequestId,
          make: item.make ?? null,
          model: item.model ?? null,
          type: item.type,
          calibre: item.calibre ?? null,
          serial_number: item.serialNumber ?? null,
          serial_status: item.serialStatus,
          country_of_manufacture: item.countryOfManufacture ?? null,
          import_marking: item.importMarking ?? null,
          notes: item.notes ?? null,
        })),
      ),
      recovery.recoveryId,
      recovery.kind,
      recovery.date,
      recovery.district,
      recovery.anonymous,
    ],
  );
}

/**
 * The trace requests filed for these weapons by their recoveries; given `only`, the weapons
 * whose trace requests are among them instead.
 */
export async function traceRequestsOfWeapons(manager: EntityManager, weaponIds: readonly string[]): Promise<string[]>;
export async function traceRequestsOfWeapons(manager: EntityManager, weaponIds: readonly string[], only: Set<string>): Promise<Set<string>>;
export async function traceRequestsOfWeapons(
  manager: EntityManager,
  weaponIds: readonly string[],
  only?: Set<string>,
): Promise<string[] | Set<string>> {
  const rows = (await manager.query(`SELECT weapon_id, trace_request_id FROM recovery_items WHERE weapon_id = ANY($1::uuid[])`, [
    weaponIds,
  ])) as Array<{ weapon_id: string; trace_request_id: string }>;
  if (!only) return rows.map((row) => row.trace_request_id);
  return new Set(rows.filter((row) => only.has(row.trace_request_id)).map((row) => row.weapon_id));
}

export async function insertDestructionBatch(
  manager: EntityManager,
  batch: { id: string; input: CreateDestructionBatchDto; destroyed: number; recordedBy: string; recordedAt: Date },
): Promise<void> {
  const { input } = batch;
  await manager.query(
    `INSERT INTO destruction_batches (id, method, place, date, acta_ref, witnesses, destroyed, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
    [batch.id, input.method, input.place, input.date, input.actaRef, JSON.stringify(input.witnesses), batch.destroyed, batch.recordedBy, batch.recordedAt],
  );
  await manager.query(
    `INSERT INTO destruction_batch_weapons (batch_id, weapon_id) SELECT $1, unnest($2::uuid[])`,
    [batch.id, input.weaponIds],
  );
}

export async function findDestructionBatch(manager: EntityManager, id: string): Promise<DestructionBatchDto | null> {
  const [row] = (await manager.query(
    `SELECT b.id, b.method, b.place, to_char(b.date, 'YYYY-MM-DD') AS date, b.acta_ref, b.witnesses, b.destroyed, b.recorded_by, b.recorded_at,
            (SELECT coalesce(array_agg(bw.weapon_id ORDER BY bw.weapon_id), '{}') FROM destruction_batch_weapons bw WHERE bw.batch_id = b.id) AS weapon_ids
       FROM destruction_batches b WHERE b.id = $1`,
    [id],
  )) as Array<Record<string, unknown>>;
  if (!row) return null;
  return {
    id: row.id as string,
    method: row.method as DestructionBatchDto['method'],
    place: row.place as string,
    date: row.date as string,
    actaRef: row.acta_ref as string,
    witnesses: row.witnesses as string[],
    weaponIds: row.weapon_ids as string[],
    destroyed: row.destroyed as number,
    recordedBy: row.recorded_by as string,
    recordedAt: new Date(row.recorded_at as string).toISOString(),
  };
}

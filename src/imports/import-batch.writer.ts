import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditActor, type AuditInput, AuditService } from '../audit/audit.service';
import { TRACKED_LOCK_TIMEOUT } from '../queue/tracked-jobs';
import { type BatchCandidate, type BatchDecision, type PreparedWeapon, RegistrationBatch } from '../registry/registration-batch.service';
import type { RowError } from './import-row-check';
import type { ImportEntity } from './import.entity';

/** A row whose fields are valid, waiting for the checks that need the database. */
export type Candidate = BatchCandidate;

/** Written by the queue on the importer's behalf; the entries carry the POST's request id. */
function importerActor(run: ImportEntity): AuditActor {
  return { requestId: run.requestId, clientIp: null, actorId: run.importedBy, actorUsername: run.importedByUsername };
}

/** Lands one batch of an import's checked rows: the registry's rules that need the database, then the writes. */
@Injectable()
export class ImportBatchWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: RegistrationBatch,
    private readonly audit: AuditService,
  ) {}

  /**
   * One transaction: the batch's holders, licences and markings in one query each, its
   * weapons with their registry numbers, its alerts, its audit entries, its rejected rows and
   * the import's progress. `from` is the number of data rows before the batch: if the import
   * is not there any more, another run landed it and this one stops.
   */
  async land(run: ImportEntity, checked: Array<Candidate | RowError>, from: number): Promise<void> {
    const candidates = checked.filter((item): item is Candidate => 'input' in item);
    const actor = importerActor(run);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${TRACKED_LOCK_TIMEOUT}'`);
      const [state] = (await manager.query('SELECT status, processed FROM imports WHERE id = $1 FOR UPDATE', [run.id])) as Array<{
        status: string;
        processed: number;
      }>;
      if (state.status !== 'processing' || state.processed !== from) {
        throw new Error(`import ${run.id} is at row ${state.processed} (${state.status}), not ${from}: another run is landing it`);
      }
      const decision = await this.registry.decide(manager, actor, candidates, run.jurisdiction, (row) => ({
        source: 'import',
        importId: run.id,
        row,
      }));
      const errors: RowError[] = [...decision.rejected];
      for (const item of checked) if (!('input' in item)) errors.push(item);

      const prepared = await this.registry.prepare(manager, decision.accepted);
      // Postgres inserts the weapons and records the progress while the entries are built and
      // rendered in memory; then they are chained and copied. All of it commits or rolls back together.
      await this.audit.appendMany(
        manager,
        actor,
        () => this.entries(run, checked, decision, prepared),
        async () => {
          await this.registry.insert(manager, prepared, run.importedBy);
          await this.recordProgress(manager, run.id, checked.length, prepared.length, errors);
        },
      );
    });
  }

  /** The batch's audit entries in file order: each landed weapon's registration and each audited refusal. */
  private entries(
    run: ImportEntity,
    checked: ReadonlyArray<Candidate | RowError>,
    decision: BatchDecision,
    prepared: readonly PreparedWeapon[],
  ): AuditInput[] {
    const landed = new Map<number, PreparedWeapon>();
    for (const [index, { row }] of decision.accepted.entries()) landed.set(row, prepared[index]);
    const entries: AuditInput[] = [];
    for (const { row } of checked) {
      const refused = decision.refusals.get(row);
      if (refused) {
        entries.push(refused);
        continue;
      }
      const weapon = landed.get(row);
      if (weapon) entries.push(this.registry.registeredEntry(weapon, { source: 'import', importId: run.id, row }));
    }
    return entries;
  }

  private async recordProgress(manager: EntityManager, id: string, processed: number, accepted: number, errors: RowError[]): Promise<void> {
    if (errors.length > 0) {
      await manager.query(
        `INSERT INTO import_row_errors (import_id, row, code, message)
         SELECT $1, e.row, e.code, e.message FROM jsonb_to_recordset($2::jsonb) AS e(row integer, code text, message text)`,
        [id, JSON.stringify(errors)],
      );
    }
    await manager.query(
      `UPDATE imports SET processed = processed + $2, accepted = accepted + $3, rejected = rejected + $4 WHERE id = $1`,
      [id, processed, accepted, errors.length],
    );
  }
}

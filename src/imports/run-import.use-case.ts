import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditActor, type AuditInput, AuditService } from '../audit/audit.service';
import { ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import { importsConfig } from '../config';
import type { JobContext } from '../queue/jobs';
import { type CanonicalIdentity, MarkingsService } from '../registry/markings.service';
import { holderRefusal, inJurisdiction, markingKey, needsLicence } from '../registry/registration-rules';
import { toWeaponDto } from '../registry/registry.mapper';
import type { RegisterWeaponDto } from '../registry/weapon.dto';
import { type NewRegistration, type PreparedWeapon, WeaponRegistrations } from '../registry/weapon-registrations.service';
import { ImportCheckPool } from './import-check.pool';
import { type CheckedRow, invalidRow, type RowError } from './import-row-check';
import { ImportEntity } from './import.entity';

/** A job waits no longer than this for a lock; contention becomes a retry with backoff instead. */
const LOCK_TIMEOUT = '10s';
/** The file is read from the database in slices of this many bytes. */
const SLICE_BYTES = 4 * 1_048_576;

/** A row whose fields are valid, waiting for the checks that need the database. */
interface Candidate {
  row: number;
  input: RegisterWeaponDto;
  document: { kind: string; key: string };
  identity: CanonicalIdentity;
  serialNormalized: string | null;
}

/** What a batch writes for a row besides its error, if any: a weapon (by index) or an audited refusal. */
type Outcome = { accepted: number } | { refused: AuditInput };

/** Written by the queue on the importer's behalf; the entries carry the POST's request id. */
function importerActor(run: ImportEntity): AuditActor {
  return { requestId: run.requestId, clientIp: null, actorId: run.importedBy, actorUsername: run.importedByUsername };
}

function queueActor(run: ImportEntity): AuditActor {
  return { requestId: run.requestId, clientIp: null, actorId: null, actorUsername: 'queue' };
}

/**
 * Lands an import: reads its file, checks every row by the rules of POST /weapons and writes
 * the good ones in batches, each batch in one transaction with set-based queries, its audit
 * entries, its rejected rows and the import's progress. BullMQ may run it more than once: a
 * run resumes after the last committed batch (`processed`), so nothing is landed twice.
 */
@Injectable()
export class RunImportUseCase {
  private readonly logger = new Logger('Imports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly markings: MarkingsService,
    private readonly registrations: WeaponRegistrations,
    private readonly audit: AuditService,
    private readonly checkThreads: ImportCheckPool,
    @Inject(importsConfig.KEY) private readonly config: ConfigType<typeof importsConfig>,
  ) {}

  async execute(importId: string, job: JobContext): Promise<{ status: string }> {
    try {
      const run = await this.start(importId);
      if (!run) return { status: 'nothing to do' };
      await this.land(run);
      return { status: await this.finish(importId) };
    } catch (error) {
      if (job.finalAttempt) await this.fail(importId, job, error);
      throw error;
    }
  }

  /** BullMQ failed the job without running it (its worker died under it too often): recorded as failed. */
  async abandoned(importId: string, job: JobContext, reason: string): Promise<void> {
    await this.fail(importId, job, new Error(reason));
  }

  /** queued → processing, counting the run; null when there is nothing left to do. */
  private async start(id: string): Promise<ImportEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      const run = await manager.findOne(ImportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run) {
        this.logger.warn(`import ${id} does not exist; its job has nothing to do`);
        return null;
      }
      if (run.status === 'completed' || run.status === 'failed') return null;
      run.status = 'processing';
      run.attempts += 1;
      run.startedAt ??= new Date();
      await manager.save(run);
      return run;
    });
  }

  /**
   * The file is parsed and its rows checked by the rules of POST /weapons on a thread of its
   * own (ImportCheckPool), a few batches ahead; this thread finishes each batch's checks
   * (the catalogue) while the previous batch is being written. Writes stay strictly in order,
   * one at a time.
   */
  private async land(run: ImportEntity): Promise<void> {
    const checking = this.checkThreads.take({ skip: run.processed, batchSize: this.config.batchSize });
    try {
      const feeding = (async (): Promise<void> => {
        for await (const part of this.content(run.id)) checking.write(part);
        checking.end();
      })();
      feeding.catch((error: unknown) => checking.fail(error as Error));
      let writing: Promise<void> = Promise.resolve();
      for await (const batch of checking.batches()) {
        const checked = batch.items.map((item) => this.check(item));
        await writing;
        writing = this.landBatch(run, checked, batch.from);
        // Awaited at the next batch or at the end; until then a failure must not count as unhandled.
        writing.catch(() => undefined);
      }
      await feeding;
      await writing;
    } finally {
      await checking.close();
    }
  }

  /** The stored file, in slices (the column is stored uncompressed, so each slice reads only its part). */
  private async *content(id: string): AsyncGenerator<Buffer> {
    const [{ size }] = (await this.dataSource.query('SELECT octet_length(content) AS size FROM imports WHERE id = $1', [id])) as Array<{
      size: number;
    }>;
    for (let offset = 0; offset < size; offset += SLICE_BYTES) {
      const [{ part }] = (await this.dataSource.query('SELECT substring(content FROM $2 FOR $3) AS part FROM imports WHERE id = $1', [
        id,
        offset + 1,
        SLICE_BYTES,
      ])) as Array<{ part: Buffer }>;
      yield part;
    }
  }

  /** The checks of a row that need the catalogue: its type, its canonical make and calibre, and its serial. */
  private check(item: CheckedRow | RowError): Candidate | RowError {
    if (!('input' in item)) return item;
    const { input } = item;
    try {
      const identity = this.markings.canonicalise(input);
      const serialNormalized = input.serialNumber ? this.markings.normaliseSerial(input.serialNumber) : null;
      return { row: item.row, input, document: item.document, identity, serialNormalized };
    } catch (error) {
      if (error instanceof ValidationFailedError) return invalidRow(item.row, error.options.errors ?? []);
      throw error;
    }
  }

  /**
   * One transaction: the batch's holders, licences and markings in one query each, its
   * weapons with their registry numbers, its alerts, its audit entries, its rejected rows and
   * the import's progress. `from` is the number of data rows before the batch: if the import
   * is not there any more, another run landed it and this one stops.
   */
  private async landBatch(run: ImportEntity, checked: Array<Candidate | RowError>, from: number): Promise<void> {
    const candidates = checked.filter((item): item is Candidate => 'input' in item);
    const actor = importerActor(run);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      const [state] = (await manager.query('SELECT status, processed FROM imports WHERE id = $1 FOR UPDATE', [run.id])) as Array<{
        status: string;
        processed: number;
      }>;
      if (state.status !== 'processing' || state.processed !== from) {
        throw new Error(`import ${run.id} is at row ${state.processed} (${state.status}), not ${from}: another run is landing it`);
      }
      const holders = await this.registrations.holdersOfRows(
        manager,
        candidates.map(({ document, identity, input }) => ({
          kind: document.kind,
          key: document.key,
          type: identity.type,
          day: input.acquisition.date,
          needsLicence: needsLicence(input.acquisition.kind),
        })),
      );
      const existing = await this.registrations.existingMarkings(
        manager,
        candidates.flatMap((candidate) =>
          candidate.serialNormalized ? [{ makeKey: candidate.identity.makeKey, serialNormalized: candidate.serialNormalized }] : [],
        ),
      );
      const errors: RowError[] = [];
      const outcomes = new Map<number, Outcome>();
      const accepted: NewRegistration[] = [];
      const inFile = new Map<string, number>();
      for (const [index, candidate] of candidates.entries()) {
        const reject = (code: ErrorCode, message: string): void => void errors.push({ row: candidate.row, code, message });
        const found = holders[index];
        if (!found) {
          reject(ErrorCode.NotFound, 'No owner is registered with this holderDocumentKind and holderDocumentNumber.');
          continue;
        }
        const { holder, licensed } = found;
        if (!inJurisdiction(run.jurisdiction, holder.district)) {
          reject(ErrorCode.OutOfJurisdiction, `District ${holder.district} is outside the importer's jurisdiction.`);
          continue;
        }
        const { input, identity } = candidate;
        const refusal = holderRefusal(
          holder,
          { type: identity.type, acquisitionKind: input.acquisition.kind, acquisitionDate: input.acquisition.date },
          licensed,
        );
        if (refusal) {
          reject(refusal.code, refusal.message);
          continue;
        }
        if (candidate.serialNormalized) {
          const key = markingKey(identity.makeKey, candidate.serialNormalized);
          const earlier = inFile.get(key);
          if (earlier !== undefined) {
            reject(ErrorCode.DuplicateMarking, `A weapon with this make and serial is already in this file, on row ${earlier}.`);
            continue;
          }
          const owner = existing.get(key);
          if (owner && this.markings.isReportedMissing(owner)) {
            const attempt = { make: input.make, model: input.model, type: input.type, calibre: input.calibre, serialNumber: input.serialNumber, ownerId: holder.id };
            const audit = await this.registrations.refuseReportedMissing(manager, actor, owner, attempt, {
              source: 'import',
              importId: run.id,
              row: candidate.row,
            });
            outcomes.set(candidate.row, { refused: audit });
            reject(ErrorCode.MarkingReportedStolen, `This marking belongs to weapon ${owner.id}, reported ${owner.status}.`);
            continue;
          }
          if (owner) {
            reject(ErrorCode.DuplicateMarking, `A weapon with this make and serial is already registered: ${owner.id}`);
            continue;
          }
          inFile.set(key, candidate.row);
        }
        input.ownerId = holder.id;
        outcomes.set(candidate.row, { accepted: accepted.length });
        accepted.push({ input, identity, serialNormalized: candidate.serialNormalized, holder });
      }
      for (const item of checked) if (!('input' in item)) errors.push(item);

      const prepared = await this.registrations.prepare(manager, accepted);
      // Postgres inserts the weapons and records the progress while the entries are built and
      // rendered in memory; then they are chained and copied. All of it commits or rolls back together.
      await this.audit.appendMany(
        manager,
        actor,
        () => this.entries(run, checked, outcomes, prepared),
        async () => {
          await this.registrations.insert(manager, prepared, run.importedBy);
          await this.recordProgress(manager, run.id, checked.length, prepared.length, errors);
        },
      );
    });
  }

  /** The batch's audit entries in file order: each landed weapon's registration and each audited refusal. */
  private entries(
    run: ImportEntity,
    checked: ReadonlyArray<Candidate | RowError>,
    outcomes: ReadonlyMap<number, Outcome>,
    prepared: readonly PreparedWeapon[],
  ): AuditInput[] {
    const entries: AuditInput[] = [];
    for (const { row } of checked) {
      const outcome = outcomes.get(row);
      if (!outcome) continue;
      if ('refused' in outcome) {
        entries.push(outcome.refused);
        continue;
      }
      const { weapon } = prepared[outcome.accepted];
      entries.push({
        action: 'weapon.registered',
        entityType: 'weapon',
        entityId: weapon.id,
        before: null,
        after: { ...toWeaponDto(weapon), source: 'import', importId: run.id, row },
      });
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

  private async finish(id: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      const run = await manager.findOne(ImportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run || run.status !== 'processing') return run?.status ?? 'missing';
      if (run.processed !== run.total) throw new Error(`import ${id} read ${run.processed} of ${run.total} rows`);
      run.status = 'completed';
      run.finishedAt = new Date();
      await manager.save(run);
      await this.audit.append(manager, queueActor(run), {
        action: 'import.completed',
        entityType: 'import',
        entityId: run.id,
        before: { status: 'processing' },
        after: { status: 'completed', total: run.total, accepted: run.accepted, rejected: run.rejected, attempts: run.attempts },
      });
      return run.status;
    });
  }

  /** The retries are spent: recorded as failed, with what landed. Rows already landed stay registered. */
  private async fail(id: string, job: JobContext, error: unknown): Promise<void> {
    this.logger.error(`import ${id} failed after ${job.attempt} attempts: ${(error as Error).message}`);
    try {
      await this.dataSource.transaction(async (manager) => {
        const run = await manager.findOne(ImportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!run || run.status === 'completed' || run.status === 'failed') return;
        const before = run.status;
        run.status = 'failed';
        run.failureReason =
          `The import stopped after ${job.attempt} attempts, with ${run.processed} of ${run.total} rows handled ` +
          `(${run.accepted} registered, which stay registered). Posting the same file again resumes it after the rows already handled.`;
        run.finishedAt = new Date();
        await manager.save(run);
        await this.audit.append(manager, queueActor(run), {
          action: 'import.failed',
          entityType: 'import',
          entityId: run.id,
          before: { status: before },
          after: { status: 'failed', attempts: run.attempts, processed: run.processed, failureReason: run.failureReason },
        });
      });
    } catch (recording) {
      this.logger.error(`could not record the failure of import ${id}: ${(recording as Error).message}`);
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { ValidationFailedError } from '../common/domain-error';
import { importsConfig } from '../config';
import { TRACKED_LOCK_TIMEOUT } from '../queue/tracked-jobs';
import { RegistrationBatch } from '../registry/registration-batch.service';
import { type Candidate, ImportBatchWriter } from './import-batch.writer';
import { ImportCheckPool } from './import-check.pool';
import { type CheckedRow, invalidRow, type RowError } from './import-row-check';
import { ImportEntity } from './import.entity';

/** The file is read from the database in slices of this many bytes. */
const SLICE_BYTES = 4 * 1_048_576;

/**
 * Lands an import: reads its file, checks every row by the rules of POST /weapons and writes
 * the good ones in batches, each batch in one transaction with set-based queries, its audit
 * entries, its rejected rows and the import's progress. BullMQ may run it more than once: a
 * run resumes after the last committed batch (`processed`), so nothing is landed twice.
 * The queue's runner (src/queue/tracked-jobs.ts) moves the import to `processing` first and
 * records its failure.
 */
@Injectable()
export class RunImportUseCase {

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: RegistrationBatch,
    private readonly batches: ImportBatchWriter,
    private readonly audit: AuditService,
    private readonly checkThreads: ImportCheckPool,
    @Inject(importsConfig.KEY) private readonly config: ConfigType<typeof importsConfig>,
  ) {}

  /** Run by the queue (ImportProcessor) once the import is `processing`; resolves with the status reached. */
  async execute(id: string, queue: AuditActor): Promise<string> {
    const run = await this.dataSource.getRepository(ImportEntity).findOneBy({ id });
    if (!run || run.status !== 'processing') return run?.status ?? 'missing';
    await this.land(run);
    return this.finish(id, queue);
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
        writing = this.batches.land(run, checked, batch.from);
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
      return { row: item.row, input, document: item.document, ...this.registry.identify(input) };
    } catch (error) {
      if (error instanceof ValidationFailedError) return invalidRow(item.row, error.options.errors ?? []);
      throw error;
    }
  }

  private async finish(id: string, queue: AuditActor): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${TRACKED_LOCK_TIMEOUT}'`);
      const run = await manager.findOne(ImportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run || run.status !== 'processing') return run?.status ?? 'missing';
      if (run.processed !== run.total) throw new Error(`import ${id} read ${run.processed} of ${run.total} rows`);
      run.status = 'completed';
      run.finishedAt = new Date();
      await manager.save(run);
      await this.audit.append(manager, queue, {
        action: 'import.completed',
        entityType: 'import',
        entityId: run.id,
        before: { status: 'processing' },
        after: { status: 'completed', total: run.total, accepted: run.accepted, rejected: run.rejected, attempts: run.attempts },
      });
      return run.status;
    });
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { panamaDay } from '../common/dates';
import type { JobContext } from '../queue/jobs';
import type { TraceRecordDto } from '../trace/trace.dto';
import { TraceRecords } from '../trace/trace-records.query';
import type { ChunkSink } from './report-chunk-sink';
import { ReportFileStore } from './report-file.store';
import { COLUMNS, ReportFormat, ReportKind, reportFileName, TITLES, TRACE_CSV_COLUMNS } from './report-kinds';
import { PdfReportWriter } from './report-pdf.writer';
import { reportSource } from './report-sources';
import { CsvWriter, JsonWriter, jsonMeta, type ReportMeta, type RowWriter } from './report-text.writers';
import { ReportEntity } from './report.entity';
import { maskReportRow, maskTraceRecord } from '../personal-data/report-access';
import { writeSubjectAccessPdf } from '../personal-data/subject-access.pdf';
import { SubjectAccessService } from '../personal-data/subject-access.service';
import { traceCsvRows, traceRowCount, writeTracePdf } from './trace-record.report';

/** A job waits no longer than this for a lock; contention becomes a retry with backoff instead. */
const LOCK_TIMEOUT = '10s';
/** Rows fetched from the cursor per round trip. */
const CURSOR_BATCH = 500;
/** Reads of a trace record before giving up on a registry that keeps changing under it (the job then retries). */
const TRACE_SNAPSHOT_TRIES = 5;

interface Snapshot {
  auditHeadSeq: number;
  generatedAt: Date;
}

interface Built extends Snapshot {
  rows: number;
}

/** Written by the queue on the requester's behalf; the entry carries the filing request's id. */
function queueActor(report: ReportEntity): AuditActor {
  return { requestId: report.requestId, clientIp: null, actorId: null, actorUsername: 'queue' };
}

/**
 * Builds a report's file. BullMQ may run it more than once: the file's pieces, the
 * completion and the report.generated entry are written in ONE transaction that holds the
 * report's row lock, so a run that dies leaves nothing behind, a concurrent run waits, and a
 * completed report is never written again.
 *
 * The data is read at one instant: tabular kinds stream one query from a cursor inside a
 * REPEATABLE READ, READ ONLY transaction that also reads the audit head, so the file shows
 * exactly the registry as of `auditHeadSeq`. Nothing proportional to the row count is held:
 * rows go through the format writer into the sink, which stores ~256 KiB pieces as they fill.
 */
@Injectable()
export class BuildReportUseCase {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: TraceRecords,
    private readonly files: ReportFileStore,
    private readonly audit: AuditService,
    private readonly subjectAccess: SubjectAccessService,
  ) {}

  async execute(reportId: string, job: JobContext): Promise<{ status: string }> {
    try {
      if (!(await this.start(reportId))) return { status: 'already built' };
      return { status: await this.build(reportId) };
    } catch (error) {
      if (job.finalAttempt) await this.fail(reportId, job, error);
      throw error;
    }
  }

  /** BullMQ failed the job without running it (its worker died under it too often): recorded as failed. */
  async abandoned(reportId: string, job: JobContext, reason: string): Promise<void> {
    await this.fail(reportId, job, new Error(reason));
  }

  /** queued → running, counting the run; false when there is nothing left to do. */
  private async start(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      const report = await manager.findOne(ReportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report) {
        this.logger.warn(`report ${id} does not exist; its job has nothing to do`);
        return false;
      }
      if (report.status === 'completed' || report.status === 'failed') return false;
      report.status = 'running';
      report.attempts += 1;
      report.startedAt ??= new Date();
      await manager.save(report);
      return true;
    });
  }

  private async build(id: string): Promise<string> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const manager = runner.manager;
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      const report = await manager.findOne(ReportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report || report.status !== 'running') {
        await runner.rollbackTransaction();
        return report?.status ?? 'missing';
      }
      await this.files.clear(manager, id);
      const sink = this.files.sink(manager, id);
      const built = await this.produce(report, sink);
      const file = await sink.finish();
      report.status = 'completed';
      report.generatedAt = built.generatedAt;
      report.completedAt = new Date();
      report.auditHeadSeq = String(built.auditHeadSeq);
      report.sha256 = file.sha256;
      report.sizeBytes = String(file.sizeBytes);
      report.chunkCount = file.chunkCount;
      report.rowCount = built.rows;
      report.fileName = reportFileName(report.kind, report.format, report.params, panamaDay(built.generatedAt));
      await manager.save(report);
      await this.audit.append(manager, queueActor(report), {
        action: 'report.generated',
        entityType: 'report',
        entityId: report.id,
        before: { status: 'running' },
        after: {
          status: 'completed',
          sha256: file.sha256,
          auditHeadSeq: built.auditHeadSeq,
          sizeBytes: file.sizeBytes,
          rows: built.rows,
          fileName: report.fileName,
        },
      });
      await runner.commitTransaction();
      this.logger.log(`report ${id} (${report.kind}, ${report.format}) built: ${built.rows} rows, ${file.sizeBytes} bytes`);
      return 'completed';
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private meta(report: ReportEntity, snapshot: Snapshot): ReportMeta {
    return {
      id: report.id,
      kind: report.kind,
      format: report.format,
      title: TITLES[report.kind],
      params: report.params,
      generatedAt: snapshot.generatedAt,
      auditHeadSeq: snapshot.auditHeadSeq,
      requestedBy: report.requestedByUsername,
    };
  }

  private async produce(report: ReportEntity, sink: ChunkSink): Promise<Built> {
    if (report.kind === ReportKind.WeaponTrace) return this.produceTrace(report, sink);
    if (report.kind === ReportKind.SubjectAccess) return this.produceSubjectAccess(report, sink);
    return this.produceTable(report, report.kind, sink);
  }

  private async produceTable(
    report: ReportEntity,
    kind: Exclude<ReportKind, ReportKind.WeaponTrace | ReportKind.SubjectAccess>,
    sink: ChunkSink,
  ): Promise<Built> {
    const source = reportSource(kind, report.params);
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, (error?: Error | boolean) => void];
    let failed = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The snapshot is taken by this first statement: the head and every row below agree.
      const { rows: heads } = await client.query<{ seq: string; at: Date }>('SELECT seq, now() AS at FROM audit_head WHERE id = 1');
      const snapshot: Snapshot = { auditHeadSeq: Number(heads[0].seq), generatedAt: heads[0].at };
      const meta = this.meta(report, snapshot);
      const columns = COLUMNS[kind];
      const writer: RowWriter =
        report.format === ReportFormat.Csv
          ? new CsvWriter(sink.write, columns)
          : report.format === ReportFormat.Json
            ? new JsonWriter(sink.write, meta, columns)
            : this.pdfTable(sink, meta, columns);
      let rows = 0;
      const stream = client.query(new QueryStream(source.sql, source.values, { batchSize: CURSOR_BATCH }));
      for await (const row of stream as AsyncIterable<Record<string, unknown>>) {
        writer.row(report.maskPersonalData ? maskReportRow(source.map(row)) : source.map(row));
        rows += 1;
        await sink.drain();
      }
      await writer.end();
      await client.query('COMMIT');
      return { ...snapshot, rows };
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // A connection whose cursor or transaction broke is destroyed, not returned to the pool.
      release(failed ? true : undefined);
    }
  }

  private pdfTable(sink: ChunkSink, meta: ReportMeta, columns: (typeof COLUMNS)[keyof typeof COLUMNS]): PdfReportWriter {
    const pdf = new PdfReportWriter(sink.write, meta, 'landscape');
    pdf.startTable(columns);
    return pdf;
  }

  private async produceTrace(report: ReportEntity, sink: ChunkSink): Promise<Built> {
    const traced = await this.traceSnapshot(String(report.params.weaponId));
    const { snapshot } = traced;
    const record = report.maskPersonalData ? maskTraceRecord(traced.record) : traced.record;
    const meta = this.meta(report, snapshot);
    const rows = traceRowCount(record);
    if (report.format === ReportFormat.Json) {
      sink.write(`${JSON.stringify({ report: jsonMeta(meta), traceRecord: record })}\n`);
    } else if (report.format === ReportFormat.Csv) {
      const csv = new CsvWriter(sink.write, TRACE_CSV_COLUMNS);
      for (const row of traceCsvRows(record)) csv.row(row);
      await csv.end();
    } else {
      const pdf = new PdfReportWriter(sink.write, meta, 'portrait');
      writeTracePdf(pdf, record);
      await pdf.end(
        `${record.custody.length} periodos de custodia, ${record.events.length} eventos, ${record.flags.length} indicadores`,
      );
    }
    return { ...snapshot, rows };
  }

  /** Everything held about one person (JSON or PDF); the build itself is audited as report.generated. */
  private async produceSubjectAccess(report: ReportEntity, sink: ChunkSink): Promise<Built> {
    const [head] = (await this.dataSource.query('SELECT seq, now() AS at FROM audit_head WHERE id = 1')) as Array<{ seq: string; at: Date }>;
    const snapshot: Snapshot = { auditHeadSeq: Number(head.seq), generatedAt: head.at };
    const record = await this.subjectAccess.build(String(report.params.ownerId));
    const meta = this.meta(report, snapshot);
    const rows = record.licences.length + record.weapons.length + record.transfers.length + record.alerts.length + record.accessLog.length;
    if (report.format === ReportFormat.Json) {
      sink.write(`${JSON.stringify({ report: jsonMeta(meta), subject: record })}\n`);
    } else {
      const pdf = new PdfReportWriter(sink.write, meta, 'portrait');
      writeSubjectAccessPdf(pdf, record);
      await pdf.end(`${record.weapons.length} armas, ${record.transfers.length} traspasos, ${record.accessLog.length} accesos`);
    }
    return { ...snapshot, rows };
  }

  /**
   * The trace record comes from TraceRecords, which reads through its own pooled
   * connections rather than this job's snapshot. It is made consistent with an audit head
   * all the same: every change to the registry appends an audit entry in its own
   * transaction, and appends are serialised on the audit_head row lock, so entries become
   * visible in seq order. If the head reads the same before and after the record was built,
   * no change committed in between and the record is the registry as of that head.
   * Otherwise it is read again (a trace view elsewhere is enough to move the head).
   */
  private async traceSnapshot(weaponId: string): Promise<{ record: TraceRecordDto; snapshot: Snapshot }> {
    const head = async (): Promise<Snapshot> => {
      const [row] = (await this.dataSource.query('SELECT seq, now() AS at FROM audit_head WHERE id = 1')) as Array<{ seq: string; at: Date }>;
      return { auditHeadSeq: Number(row.seq), generatedAt: row.at };
    };
    for (let attempt = 1; attempt <= TRACE_SNAPSHOT_TRIES; attempt += 1) {
      const before = await head();
      const record = await this.records.build(weaponId);
      const after = await head();
      if (after.auditHeadSeq === before.auditHeadSeq) return { record, snapshot: before };
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
    throw new Error(`the registry kept changing while the trace record of weapon ${weaponId} was read`);
  }

  /** The retries are spent: the requester is told it failed, in words that name no internals. */
  private async fail(id: string, job: JobContext, error: unknown): Promise<void> {
    this.logger.error(`report ${id} failed after ${job.attempt} attempts: ${(error as Error).message}`);
    try {
      await this.dataSource.transaction(async (manager) => {
        const report = await manager.findOne(ReportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!report || report.status === 'completed' || report.status === 'failed') return;
        report.status = 'failed';
        report.failureReason = `The report could not be built (${job.attempt} attempts). Request it again, or ask the registry desk.`;
        report.completedAt = new Date();
        await manager.save(report);
        await this.audit.append(manager, queueActor(report), {
          action: 'report.failed',
          entityType: 'report',
          entityId: report.id,
          before: { status: 'running' },
          after: { status: 'failed', attempts: report.attempts, failureReason: report.failureReason },
        });
      });
    } catch (recording) {
      this.logger.error(`could not record the failure of report ${id}: ${(recording as Error).message}`);
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { TraceRecordDto } from '../trace/trace.dto';
import { TraceRecords } from '../trace/trace-records.query';
import type { ChunkSink } from './report-chunk-sink';
import { HoldingCertificatesQuery } from '../registry/certificates/holding-certificates.query';
import { HOLDING_CERTIFICATE_COLUMNS, holdingCertificateRow, writeHoldingCertificatePdf } from './holding-certificate.report';
import { COLUMNS, ReportFormat, ReportKind, type TabularReportKind, TITLES, TRACE_CSV_COLUMNS } from './report-kinds';
import { PdfReportWriter } from './report-pdf.writer';
import { reportSource } from './report-sources';
import { CsvWriter, JsonWriter, jsonMeta, type ReportMeta, type RowWriter } from './report-text.writers';
import type { ReportEntity } from './report.entity';
import { maskReportRow, maskTraceRecord } from '../personal-data/report-access';
import { writeSubjectAccessPdf } from '../personal-data/subject-access.pdf';
import { SubjectAccessService } from '../personal-data/subject-access.service';
import { traceCsvRows, traceRowCount, writeTracePdf } from './trace-record.report';

/** Rows fetched from the cursor per round trip. */
const CURSOR_BATCH = 500;
/** Reads of a trace record before giving up on a registry that keeps changing under it (the job then retries). */
const TRACE_SNAPSHOT_TRIES = 5;

interface Snapshot {
  auditHeadSeq: number;
  generatedAt: Date;
}

export interface Built extends Snapshot {
  rows: number;
}

/**
 * Writes a report's file into a sink, from data read at one instant: tabular kinds stream one
 * query from a cursor inside a REPEATABLE READ, READ ONLY transaction that also reads the
 * audit head, so the file shows exactly the registry as of `auditHeadSeq`. Nothing
 * proportional to the row count is held: rows go through the format writer into the sink.
 */
@Injectable()
export class ReportProducer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: TraceRecords,
    private readonly subjectAccess: SubjectAccessService,
    private readonly certificates: HoldingCertificatesQuery,
  ) {}

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

  async produce(report: ReportEntity, sink: ChunkSink): Promise<Built> {
    if (report.kind === ReportKind.WeaponTrace) return this.produceTrace(report, sink);
    if (report.kind === ReportKind.SubjectAccess) return this.produceSubjectAccess(report, sink);
    if (report.kind === ReportKind.HoldingCertificate) return this.produceHoldingCertificate(report, sink);
    return this.produceTable(report, report.kind, sink);
  }

  /**
   * One certificate with its weapon's marking and holder (the registry's query). Consistent with
   * an audit head as a trace record is: every change of a certificate appends an entry, so a head
   * that reads the same before and after means the certificate did not change in between.
   */
  private async produceHoldingCertificate(report: ReportEntity, sink: ChunkSink): Promise<Built> {
    const { value: certificate, snapshot } = await this.stableRead(async () => {
      const document = await this.certificates.documentById(String(report.params.certificateId));
      if (!document) throw new Error(`holding certificate ${String(report.params.certificateId)} does not exist`);
      return document;
    });
    const meta = this.meta(report, snapshot);
    if (report.format === ReportFormat.Json) {
      sink.write(`${JSON.stringify({ report: jsonMeta(meta), certificate })}\n`);
    } else if (report.format === ReportFormat.Csv) {
      const csv = new CsvWriter(sink.write, HOLDING_CERTIFICATE_COLUMNS);
      csv.row(holdingCertificateRow(certificate));
      await csv.end();
    } else {
      const pdf = new PdfReportWriter(sink.write, meta, 'portrait');
      writeHoldingCertificatePdf(pdf, certificate);
      await pdf.end(`certificado ${certificate.number}`);
    }
    return { ...snapshot, rows: 1 };
  }

  private async stableRead<T>(read: () => Promise<T>): Promise<{ value: T; snapshot: Snapshot }> {
    const head = async (): Promise<Snapshot> => {
      const [row] = (await this.dataSource.query('SELECT seq, now() AS at FROM audit_head WHERE id = 1')) as Array<{ seq: string; at: Date }>;
      return { auditHeadSeq: Number(row.seq), generatedAt: row.at };
    };
    for (let attempt = 1; attempt <= TRACE_SNAPSHOT_TRIES; attempt += 1) {
      const before = await head();
      const value = await read();
      const after = await head();
      if (after.auditHeadSeq === before.auditHeadSeq) return { value, snapshot: before };
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
    throw new Error('the registry kept changing while the report was read');
  }

  private async produceTable(report: ReportEntity, kind: TabularReportKind, sink: ChunkSink): Promise<Built> {
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
}

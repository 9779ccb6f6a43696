import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { DistrictsService } from '../reference/districts.service';
import type { TraceRecordDto } from '../trace/trace.dto';
import { TraceRecords } from '../trace/trace-records.query';
import { TraceRequestsQuery } from '../trace/trace-requests.query';
import { UserNames } from '../users/user-names.query';
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
  auditHeadHash: string;
  generatedAt: Date;
}

/** Reads the audit head (seq and hash) and the instant; in a snapshot transaction, the snapshot's. */
const HEAD_SQL = 'SELECT seq, hash, now() AS at FROM audit_head WHERE id = 1';
type HeadRow = { seq: string; hash: string; at: Date };
const snapshotOf = (row: HeadRow): Snapshot => ({ auditHeadSeq: Number(row.seq), auditHeadHash: row.hash, generatedAt: row.at });

export interface Built {
  auditHeadSeq: number;
  generatedAt: Date;
  rows: number;
}

/** What a PDF names besides its rows: the requester, the trace request it answers, the districts. */
interface PdfContext {
  requestedByName: string;
  answers: ReportMeta['answers'];
  districts: ReadonlyMap<string, string>;
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
    private readonly users: UserNames,
    private readonly traceRequests: TraceRequestsQuery,
    private readonly districts: DistrictsService,
    private readonly certificates: HoldingCertificatesQuery,
  ) {}

  /** Read before the data's snapshot: none of it is registry data the file must agree with. */
  private async pdfContext(report: ReportEntity): Promise<PdfContext> {
    const [requestedByName, answers, districts] = await Promise.all([
      this.users.fullName(report.requestedBy),
      report.kind === ReportKind.WeaponTrace ? this.traceRequests.answeredBy(report.id) : Promise.resolve(null),
      this.districts.list(),
    ]);
    return {
      requestedByName: requestedByName ?? report.requestedByUsername,
      answers,
      districts: new Map(districts.map((district) => [district.code, district.name])),
    };
  }

  private meta(report: ReportEntity, snapshot: Snapshot, context: PdfContext | null): ReportMeta {
    return {
      id: report.id,
      kind: report.kind,
      format: report.format,
      title: TITLES[report.kind][report.language],
      params: report.params,
      generatedAt: snapshot.generatedAt,
      auditHeadSeq: snapshot.auditHeadSeq,
      auditHeadHash: snapshot.auditHeadHash,
      requestedBy: report.requestedByUsername,
      requestedByName: context?.requestedByName ?? report.requestedByUsername,
      language: report.language,
      answers: context?.answers ?? null,
    };
  }

  private pdf(sink: ChunkSink, meta: ReportMeta, layout: 'portrait' | 'landscape', context: PdfContext): PdfReportWriter {
    return new PdfReportWriter(sink.write, meta, layout, context.districts);
  }

  async produce(report: ReportEntity, sink: ChunkSink): Promise<Built> {
    const context = report.format === ReportFormat.Pdf ? await this.pdfContext(report) : null;
    if (report.kind === ReportKind.WeaponTrace) return this.produceTrace(report, sink, context);
    if (report.kind === ReportKind.SubjectAccess) return this.produceSubjectAccess(report, sink, context);
    if (report.kind === ReportKind.HoldingCertificate) return this.produceHoldingCertificate(report, sink, context);
    return this.produceTable(report, report.kind, sink, context);
  }

  /**
   * One certificate with its weapon's marking and holder (the registry's query), consistent
   * with an audit head as a trace record is (stableRead).
   */
  private async produceHoldingCertificate(report: ReportEntity, sink: ChunkSink, context: PdfContext | null): Promise<Built> {
    const certificateId = String(report.params.certificateId);
    const { value: certificate, snapshot } = await this.stableRead(`holding certificate ${certificateId}`, async () => {
      const document = await this.certificates.documentById(certificateId);
      if (!document) throw new Error(`holding certificate ${certificateId} does not exist`);
      return document;
    });
    const meta = this.meta(report, snapshot, context);
    if (report.format === ReportFormat.Json) {
      sink.write(`${JSON.stringify({ report: jsonMeta(meta), certificate })}\n`);
    } else if (report.format === ReportFormat.Csv) {
      const csv = new CsvWriter(sink.write, HOLDING_CERTIFICATE_COLUMNS);
      csv.row(holdingCertificateRow(certificate));
      await csv.end();
    } else {
      const pdf = this.pdf(sink, meta, 'portrait', context!);
      writeHoldingCertificatePdf(pdf, certificate);
      await pdf.end(certificate.number);
    }
    return { ...snapshot, rows: 1 };
  }

  private async produceTable(report: ReportEntity, kind: TabularReportKind, sink: ChunkSink, context: PdfContext | null): Promise<Built> {
    const source = reportSource(kind, report.params);
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, (error?: Error | boolean) => void];
    let failed = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The snapshot is taken by this first statement: the head and every row below agree.
      const { rows: heads } = await client.query<HeadRow>(HEAD_SQL);
      const snapshot = snapshotOf(heads[0]);
      const meta = this.meta(report, snapshot, context);
      const columns = COLUMNS[kind];
      const writer: RowWriter =
        report.format === ReportFormat.Csv
          ? new CsvWriter(sink.write, columns)
          : report.format === ReportFormat.Json
            ? new JsonWriter(sink.write, meta, columns)
            : this.pdfTable(sink, meta, columns, context!);
      let rows = 0;
      const stream = client.query(new QueryStream(source.sql, source.values, { batchSize: CURSOR_BATCH }));
      for await (const row of stream as AsyncIterable<Record<string, unknown>>) {
        writer.row(report.maskPersonalData ? maskReportRow(source.map(row)) : source.map(row));
        rows += 1;
        await sink.drain();
      }
      await writer.end();
      await client.query('COMMIT');
      return { auditHeadSeq: snapshot.auditHeadSeq, generatedAt: snapshot.generatedAt, rows };
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // A connection whose cursor or transaction broke is destroyed, not returned to the pool.
      release(failed ? true : undefined);
    }
  }

  private pdfTable(sink: ChunkSink, meta: ReportMeta, columns: (typeof COLUMNS)[keyof typeof COLUMNS], context: PdfContext): PdfReportWriter {
    const pdf = this.pdf(sink, meta, 'landscape', context);
    pdf.startTable(columns);
    return pdf;
  }

  private async produceTrace(report: ReportEntity, sink: ChunkSink, context: PdfContext | null): Promise<Built> {
    const traced = await this.traceSnapshot(String(report.params.weaponId));
    const { snapshot } = traced;
    const record = report.maskPersonalData ? maskTraceRecord(traced.record) : traced.record;
    const meta = this.meta(report, snapshot, context);
    const rows = traceRowCount(record);
    if (report.format === ReportFormat.Json) {
      sink.write(`${JSON.stringify({ report: jsonMeta(meta), traceRecord: record })}\n`);
    } else if (report.format === ReportFormat.Csv) {
      const csv = new CsvWriter(sink.write, TRACE_CSV_COLUMNS);
      for (const row of traceCsvRows(record)) csv.row(row);
      await csv.end();
    } else {
      const pdf = this.pdf(sink, meta, 'portrait', context!);
      writeTracePdf(pdf, record);
      await pdf.end(pdf.texts.traceSummary(record.custody.length, record.events.length, record.flags.length));
    }
    return { auditHeadSeq: snapshot.auditHeadSeq, generatedAt: snapshot.generatedAt, rows };
  }

  /** Everything held about one person (JSON or PDF); the build itself is audited as report.generated. */
  private async produceSubjectAccess(report: ReportEntity, sink: ChunkSink, context: PdfContext | null): Promise<Built> {
    const [head] = (await this.dataSource.query(HEAD_SQL)) as HeadRow[];
    const snapshot = snapshotOf(head);
    const record = await this.subjectAccess.build(String(report.params.ownerId));
    const meta = this.meta(report, snapshot, context);
    const rows = record.licences.length + record.weapons.length + record.transfers.length + record.alerts.length + record.accessLog.length;
    if (report.format === ReportFormat.Json) {
      sink.write(`${JSON.stringify({ report: jsonMeta(meta), subject: record })}\n`);
    } else {
      const pdf = this.pdf(sink, meta, 'portrait', context!);
      writeSubjectAccessPdf(pdf, record);
      await pdf.end(pdf.texts.subjectSummary(record.weapons.length, record.transfers.length, record.accessLog.length));
    }
    return { auditHeadSeq: snapshot.auditHeadSeq, generatedAt: snapshot.generatedAt, rows };
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
    const { value: record, snapshot } = await this.stableRead(`the trace record of weapon ${weaponId}`, () => this.records.build(weaponId));
    return { record, snapshot };
  }

  /** `read` done between two equal readings of the audit head: what it read is the registry as of that head. */
  private async stableRead<T>(what: string, read: () => Promise<T>): Promise<{ value: T; snapshot: Snapshot }> {
    const head = async (): Promise<Snapshot> => {
      const [row] = (await this.dataSource.query(HEAD_SQL)) as HeadRow[];
      return snapshotOf(row);
    };
    for (let attempt = 1; attempt <= TRACE_SNAPSHOT_TRIES; attempt += 1) {
      const before = await head();
      const value = await read();
      const after = await head();
      if (after.auditHeadSeq === before.auditHeadSeq) return { value, snapshot: before };
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
    throw new Error(`the registry kept changing while ${what} was read`);
  }
}

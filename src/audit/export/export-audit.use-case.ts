import { msg } from '../../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ValidationFailedError } from '../../common/domain-error';
import { type AuditExportQuery } from './audit-export.dto';
import { CSV_HEADER, csvLine, ExportFormat, type ExportRow, ndjsonLine } from './audit-export.format';
import { type IsoRow, rowFromIso } from '../verification/audit-verify.segment';
import { type AuditActor, AuditService, ISO_OCCURRED_AT } from '../log/audit.service';

export interface AuditExport {
  fromSeq: number;
  toSeq: number;
  fileName: string;
  contentType: string;
  stream: Readable;
}

/**
 * before and after leave as PostgreSQL's JSON text, neither parsed nor re-serialised: any JSON
 * spelling of a value hashes the same, since the hash is over its canonical JSON.
 */
const EXPORT_SQL = `
  SELECT seq, ${ISO_OCCURRED_AT} AS occurred_at, actor_id, actor_username, action, entity_type, entity_id,
         before::text AS before, after::text AS after, request_id, client_ip, prev_hash, hash
    FROM audit_entries WHERE seq >= $1 AND seq <= $2 ORDER BY seq`;

/** Rows fetched from the cursor per round trip; with the stream's buffer, the most held in memory at once. */
const CURSOR_BATCH = 500;
/** Lines are sent in chunks of about this many characters rather than one write per line. */
const CHUNK_CHARS = 64 * 1024;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  [ExportFormat.Ndjson]: 'application/x-ndjson; charset=utf-8',
  [ExportFormat.Csv]: 'text/csv; charset=utf-8; header=present',
};

/** Database rows in, text out; the readable side's buffer limit is what pushes back on the cursor. */
class ExportFormatter extends Transform {
  private buffered: string;

  constructor(
    private readonly line: (row: ExportRow) => string,
    header: string,
  ) {
    super({ writableObjectMode: true, writableHighWaterMark: 16, readableHighWaterMark: CHUNK_CHARS });
    this.buffered = header;
  }

  override _transform(row: IsoRow, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffered += this.line(rowFromIso(row));
    if (this.buffered.length >= CHUNK_CHARS) {
      this.push(this.buffered);
      this.buffered = '';
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.buffered.length > 0) this.push(this.buffered);
    done();
  }
}

@Injectable()
export class ExportAuditUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records the export (range and format) in the chain first, then streams the range from a
   * database cursor. The range is cut at the head as it stood before that entry, so an
   * export never holds its own audit.exported entry and says exactly what it covers.
   */
  async execute(query: AuditExportQuery, actor: AuditActor): Promise<AuditExport> {
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      throw new ValidationFailedError([{ field: 'to', message: msg('field.before', 'to', 'from') }]);
    }
    const format = query.format ?? ExportFormat.Ndjson;
    const { fromSeq, toSeq } = await this.dataSource.transaction(async (manager) => {
      const [head] = (await manager.query('SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE')) as Array<{ seq: string }>;
      const range = { fromSeq: query.from ?? 1, toSeq: Math.min(query.to ?? Number(head.seq), Number(head.seq)) };
      await this.audit.append(manager, actor, {
        action: 'audit.exported',
        entityType: 'audit_export',
        entityId: randomUUID(),
        before: null,
        after: { ...range, format, requested: { from: query.from ?? null, to: query.to ?? null } },
      });
      return range;
    });
    return {
      fromSeq,
      toSeq,
      fileName: `audit-${fromSeq}-${toSeq}.${format}`,
      contentType: CONTENT_TYPES[format],
      stream: await this.open(fromSeq, toSeq, format),
    };
  }

  /**
   * One pooled connection per export, held until the last row is read or the client goes
   * away. A connection whose stream failed is destroyed, not returned to the pool.
   */
  private async open(fromSeq: number, toSeq: number, format: ExportFormat): Promise<Readable> {
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, (error?: Error | boolean) => void];
    const formatter =
      format === ExportFormat.Csv ? new ExportFormatter(csvLine, CSV_HEADER) : new ExportFormatter(ndjsonLine, '');
    let source: QueryStream;
    try {
      source = client.query(new QueryStream(EXPORT_SQL, [fromSeq, toSeq], { batchSize: CURSOR_BATCH }));
    } catch (error) {
      release(true);
      throw error;
    }
    pipeline(source, formatter, (error) => release(error ?? undefined));
    return formatter;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { ChunkSink } from './report-chunk-sink';

/** Reads a stored file back one piece at a time, in order; nothing else is held. */
class ChunkReader extends Readable {
  private next = 0;

  constructor(
    private readonly fetch: (n: number) => Promise<Buffer | undefined>,
    private readonly count: number,
  ) {
    super();
  }

  override _read(): void {
    if (this.next >= this.count) {
      this.push(null);
      return;
    }
    const n = this.next;
    this.next += 1;
    this.fetch(n).then(
      (data) => (data ? this.push(data) : this.destroy(new Error(`report file piece ${n} is missing`))),
      (error: Error) => this.destroy(error),
    );
  }
}

/**
 * Report files live in Postgres (report_chunks), so the worker that writes one and the API
 * process that serves it need share nothing but the database.
 */
@Injectable()
export class ReportFileStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A sink writing the pieces of report `reportId` through `manager`, i.e. in its transaction. */
  sink(manager: EntityManager, reportId: string): ChunkSink {
    return new ChunkSink((n, data) => manager.query('INSERT INTO report_chunks (report_id, n, data) VALUES ($1, $2, $3)', [reportId, n, data]));
  }

  /** Pieces left by a run that did not complete; there are none unless a run committed half its work. */
  async clear(manager: EntityManager, reportId: string): Promise<void> {
    await manager.query('DELETE FROM report_chunks WHERE report_id = $1', [reportId]);
  }

  /** Each piece is one primary-key read on a pooled connection, taken only while it is read. */
  open(reportId: string, chunkCount: number): Readable {
    return new ChunkReader(async (n) => {
      const [row] = (await this.dataSource.query('SELECT data FROM report_chunks WHERE report_id = $1 AND n = $2', [reportId, n])) as Array<{
        data: Buffer;
      }>;
      return row?.data;
    }, chunkCount);
  }
}

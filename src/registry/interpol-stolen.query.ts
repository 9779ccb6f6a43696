import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { INTERPOL_STOLEN_COUNT_SQL, INTERPOL_STOLEN_ROWS_SQL } from './interpol-stolen.sql';

/** Rows fetched from the cursor at a time: memory stays flat whatever the export's size. */
const CURSOR_BATCH = 500;

/** One weapon's change of missing status, as the INTERPOL export lists it. */
export interface MissingChangeRow {
  recordId: string;
  status: 'lost' | 'stolen' | 'recovered';
  changedAt: string;
  make: string;
  model: string;
  type: string;
  calibre: string;
  serialNumber: string;
  countryOfManufacture: string;
  importMarking: string;
  caseReference: string;
}

/**
 * What other modules (international tracing's INTERPOL export) read of weapons reported
 * missing or recovered: the changes that happened from a Panama day on and were recorded up
 * to an instant, counted, then streamed from a cursor in the order they happened.
 */
@Injectable()
export class MissingWeaponChanges {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async count(manager: EntityManager, since: string, recordedUpTo: Date): Promise<number> {
    const [row] = (await manager.query(INTERPOL_STOLEN_COUNT_SQL, [since, recordedUpTo.toISOString()])) as Array<{ rows: number }>;
    return row.rows;
  }

  /**
   * One pooled connection per export, held until the last row is read or the reader goes
   * away; a connection whose stream failed is destroyed, not returned to the pool.
   */
  async stream(since: string, recordedUpTo: Date): Promise<Readable> {
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, (error?: Error | boolean) => void];
    let source: QueryStream;
    try {
      source = client.query(new QueryStream(INTERPOL_STOLEN_ROWS_SQL, [since, recordedUpTo.toISOString()], { batchSize: CURSOR_BATCH }));
    } catch (error) {
      release(true);
      throw error;
    }
    let released = false;
    const done = (error?: Error): void => {
      if (released) return;
      released = true;
      release(error ?? undefined);
    };
    source.once('end', () => done());
    source.once('error', (error: Error) => done(error));
    source.once('close', () => done());
    return source;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Duplex, pipeline } from 'node:stream';
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
  private readonly logger = new Logger('MissingWeaponChanges');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async count(manager: EntityManager, since: string, recordedUpTo: Date): Promise<number> {
    const [row] = (await manager.query(INTERPOL_STOLEN_COUNT_SQL, [since, recordedUpTo.toISOString()])) as Array<{ rows: number }>;
    return row.rows;
  }

  /**
   * Streams the rows through `into` (which turns them into the file) and returns it. One pooled
   * connection per export, held until the last row is read or the reader goes away; a
   * connection whose stream failed or was cut short is destroyed, not returned to the pool
   * with a cursor still open on it.
   */
  async stream<T extends Duplex>(since: string, recordedUpTo: Date, into: T): Promise<T> {
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, (error?: Error | boolean) => void];
    let source: QueryStream;
    try {
      source = client.query(new QueryStream(INTERPOL_STOLEN_ROWS_SQL, [since, recordedUpTo.toISOString()], { batchSize: CURSOR_BATCH }));
    } catch (error) {
      release(true);
      throw error;
    }
    pipeline(source, into, (error) => {
      if (error) this.logger.warn(`missing-weapon changes since ${since} not streamed to the end: ${error.message}`);
      release(error ?? undefined);
    });
    return into;
  }
}

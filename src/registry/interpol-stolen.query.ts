import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Duplex, pipeline } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
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

/** The changes as of one snapshot: how many there are, then the rows themselves (once), or nothing. */
export interface MissingChangesSnapshot {
  rows: number;
  /** Streams the rows through `into` (which turns them into the file) and returns it. */
  stream<T extends Duplex>(into: T): T;
  /** The rows will not be read: the snapshot's connection is let go. */
  abandon(): void;
}

/**
 * What other modules (international tracing's INTERPOL export) read of weapons reported
 * missing or recovered: the changes that happened from a Panama day on, in the order they
 * happened. They are counted and streamed in one REPEATABLE READ snapshot, so the count the
 * caller audits is the number of rows the file holds, whatever is written meanwhile.
 */
@Injectable()
export class MissingWeaponChanges {
  private readonly logger = new Logger('MissingWeaponChanges');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One pooled connection per export, held until the last row is read or the reader goes
   * away; a connection whose stream failed or was cut short is destroyed, not returned to the
   * pool with a cursor still open on it.
   */
  async since(day: string): Promise<MissingChangesSnapshot> {
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, (error?: Error | boolean) => void];
    let rows: number;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await client.query<{ rows: number }>(INTERPOL_STOLEN_COUNT_SQL, [day]);
      rows = result.rows[0].rows;
    } catch (error) {
      release(true);
      throw error;
    }
    return {
      rows,
      stream: <T extends Duplex>(into: T): T => {
        const source = client.query(new QueryStream(INTERPOL_STOLEN_ROWS_SQL, [day], { batchSize: CURSOR_BATCH }));
        pipeline(source, into, (error) => {
          if (error) {
            this.logger.warn(`missing-weapon changes since ${day} not streamed to the end: ${error.message}`);
            release(error);
            return;
          }
          client.query('COMMIT').then(
            () => release(),
            (ending: Error) => release(ending),
          );
        });
        return into;
      },
      abandon: () => release(true),
    };
  }
}

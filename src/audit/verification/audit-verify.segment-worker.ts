import { parentPort, workerData } from 'node:worker_threads';
import { Client, type Connection, type Submittable } from 'pg';
import { rowFromCopyLine, SegmentChecker, segmentCopySql } from './audit-verify.segment';

/*
 * A verification worker thread: checks the parts of the chain it is handed, over a database
 * connection of its own, so hashing runs on every core. Entries are checked as they arrive,
 * so a worker never holds more than the rows in flight.
 */

export interface SegmentTask {
  from: number;
  to: number;
  hashesAt: number[];
}

/**
 * `COPY … TO STDOUT` through pg's client, one line per entry handed on as it arrives. Only
 * what pg's client calls on a submitted query is implemented.
 */
class CopyLines implements Submittable {
  readonly done: Promise<void>;
  private resolve: () => void = () => undefined;
  private reject: (error: Error) => void = () => undefined;
  private failure: Error | null = null;

  constructor(
    private readonly text: string,
    private readonly onLine: (line: string) => void,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.failure) return;
    try {
      this.onLine(message.chunk.toString('utf8'));
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    if (this.failure) this.reject(this.failure);
    else this.resolve();
  }

  /** pg drops the query before the ReadyForQuery that follows an error, so this is the end. */
  handleError(error: Error): void {
    this.reject(error);
  }
}

async function serve(url: string): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('audit-verify.segment-worker runs as a worker thread');
  const client = new Client({ connectionString: url, application_name: 'firearms-registry-verify' });
  let connected: Promise<unknown> | null = null;
  port.on('message', (task: SegmentTask) => {
    connected ??= client.connect().then(() => client.query("SET DateStyle = 'ISO, MDY'"));
    const checker = new SegmentChecker(task.from, task.to, task.hashesAt);
    let broken = false;
    connected
      .then(() => {
        const copy = client.query(
          new CopyLines(segmentCopySql(task.from, task.to), (line) => {
            if (!broken) broken = !checker.add(rowFromCopyLine(line));
          }),
        );
        return copy.done;
      })
      .then(() => port.postMessage({ report: checker.report() }))
      .catch((error: unknown) => {
        port.postMessage({ error: error instanceof Error ? error.message : String(error) });
      });
  });
}

void serve((workerData as { url: string }).url);

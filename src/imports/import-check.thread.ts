import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckedRow, RowError } from './import-row-check';

/** Batches the checking thread may have sent and the landing not yet taken up. */
export const BATCHES_AHEAD = 2;

export interface CheckThreadOptions {
  /** Data rows already landed by an earlier run: read past, not checked. */
  skip: number;
  batchSize: number;
}

/** One batch of checked rows, in file order; `from` is the number of data rows before it. */
export interface CheckedBatch {
  from: number;
  items: Array<CheckedRow | RowError>;
}

export type ToCheckThread = { start: CheckThreadOptions } | { chunk: Uint8Array } | { end: true } | { credit: number };
/**
 * A batch crosses as its JSON text: a string is copied across in one piece, and the main thread
 * parses it when it takes the batch up, instead of rebuilding a structured clone of thousands of
 * objects whenever the message lands (in the middle of another batch's round trips).
 */
export type FromCheckThread = { batch: string } | { done: number } | { error: string };

/** A checking thread that waits for its import's `start`; its modules load meanwhile. */
export function spawnCheckWorker(): Worker {
  return new Worker(join(__dirname, 'import-check.worker.js'));
}

/**
 * The main thread's side of an import's checking thread (import-check.worker.ts): hand it the
 * file with write/end, take the checked batches from batches(), close it in every case.
 */
export class ImportCheckThread {
  private readonly ready: string[] = [];
  private finished = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  /** `worker` comes from spawnCheckWorker, started now or earlier, and not yet given an import. */
  constructor(
    private readonly worker: Worker,
    options: CheckThreadOptions,
  ) {
    this.worker.ref();
    this.worker.postMessage({ start: options } satisfies ToCheckThread);
    this.worker.on('message', (message: FromCheckThread) => {
      if ('batch' in message) this.ready.push(message.batch);
      else if ('done' in message) this.finished = true;
      else this.fail(new Error(message.error));
      this.nudge();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.finished) this.fail(new Error(`the import's checking thread exited with ${code}`));
    });
  }

  write(chunk: Buffer): void {
    this.worker.postMessage({ chunk } satisfies ToCheckThread);
  }

  end(): void {
    this.worker.postMessage({ end: true } satisfies ToCheckThread);
  }

  /** Stops the batches with `error` (the file could not be read). */
  fail(error: Error): void {
    this.failure ??= error;
    this.nudge();
  }

  async *batches(): AsyncGenerator<CheckedBatch> {
    for (;;) {
      if (this.failure) throw this.failure;
      const text = this.ready.shift();
      if (text) {
        const batch = JSON.parse(text) as CheckedBatch;
        this.worker.postMessage({ credit: 1 } satisfies ToCheckThread);
        yield batch;
      } else if (this.finished) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    }
  }

  async close(): Promise<void> {
    this.finished = true;
    await this.worker.terminate();
  }

  private nudge(): void {
    const waiting = this.wake;
    this.wake = null;
    waiting?.();
  }
}

import { type Message } from '../i18n/message';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type FieldError, ValidationFailedError } from '../common/domain-error';

export interface InspectedCsv {
  header: string[];
  total: number;
}

/** What the inspecting thread answers: the file's header and rows, or why it is refused. */
export type FromInspectThread = { inspected: InspectedCsv } | { refused: { errors: FieldError[]; detail: Message } } | { error: string };

/**
 * inspectCsv (import-file.ts) on a thread of its own. Reading a file through the CSV parser
 * takes about 70 ms of CPU a megabyte in one stretch (4 s at the 64 MiB limit): on the main
 * thread, every other request would wait for it. A refusal arrives as the same
 * ValidationFailedError inspectCsv throws.
 */
export function inspectCsvOffThread(body: Buffer): Promise<InspectedCsv> {
  return new Promise((resolve, reject) => {
    // The file is copied to the thread; it is read there, once.
    const worker = new Worker(join(__dirname, 'import-inspect.worker.js'), { workerData: body });
    worker.once('message', (message: FromInspectThread) => {
      if ('inspected' in message) resolve(message.inspected);
      else if ('refused' in message) reject(new ValidationFailedError(message.refused.errors, message.refused.detail));
      else reject(new Error(`the file could not be inspected: ${message.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    // After an answer this changes nothing; without one, the thread died.
    worker.once('exit', (code) => reject(new Error(`the import's inspecting thread exited with ${code} without an answer`)));
  });
}

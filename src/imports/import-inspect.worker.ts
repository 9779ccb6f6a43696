import { msg } from '../i18n/message';
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationFailedError } from '../common/domain-error';
import { inspectCsv } from './import-file';
import type { FromInspectThread } from './import-inspect.thread';

/* The inspecting thread of a posted file (inspectCsvOffThread): one file, one answer. */

const bytes = workerData as Uint8Array;
const answer = (message: FromInspectThread): void => parentPort!.postMessage(message);

inspectCsv(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).then(
  (inspected) => answer({ inspected }),
  (error: unknown) =>
    answer(
      error instanceof ValidationFailedError
        ? { refused: { errors: error.options.errors ?? [], detail: error.detail ?? msg('problem.invalid') } }
        : { error: error instanceof Error ? error.message : String(error) },
    ),
);

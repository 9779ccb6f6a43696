import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import type { Worker } from 'node:worker_threads';
import { appConfig, WorkersMode } from '../config';
import { type CheckThreadOptions, ImportCheckThread, spawnCheckWorker } from './import-check.thread';

/**
 * Checking threads for imports. Loading the validation rules takes a thread about a second,
 * so a process that runs the queue starts one when a file is posted (warm), and the import's
 * job takes it up; a job finding none starts its own.
 */
@Injectable()
export class ImportCheckPool implements OnModuleDestroy {
  private readonly logger = new Logger('Imports');
  private spare: Worker | null = null;

  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  /** Starts a thread for the next import, if this process runs its job and none is waiting. */
  warm(): void {
    if (this.app.workers !== WorkersMode.Inline || this.spare) return;
    const worker = spawnCheckWorker();
    // A waiting thread keeps no process alive; one that fails while waiting is dropped (the
    // job then starts its own, which reports its failure to the import).
    worker.unref();
    const drop = (): void => {
      if (this.spare === worker) this.spare = null;
    };
    worker.on('error', (error: Error) => {
      this.logger.warn(`a waiting import checking thread failed and was dropped: ${error.message}`);
      drop();
    });
    worker.on('exit', drop);
    this.spare = worker;
  }

  take(options: CheckThreadOptions): ImportCheckThread {
    const worker = this.spare ?? spawnCheckWorker();
    this.spare = null;
    worker.removeAllListeners();
    return new ImportCheckThread(worker, options);
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.spare;
    this.spare = null;
    await worker?.terminate();
  }
}

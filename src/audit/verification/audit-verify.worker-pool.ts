import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type SegmentReport } from './audit-chain-check';
import { type SegmentTask } from './audit-verify.segment-worker';

interface Job {
  task: SegmentTask;
  resolve: (report: SegmentReport) => void;
  reject: (error: Error) => void;
}

type WorkerMessage = { report: SegmentReport } | { error: string };

/** Two per core would only queue behind each other and PostgreSQL on this kind of machine. */
export const VERIFY_WORKERS = Math.max(1, Math.min(4, availableParallelism()));

/** Worker threads that check parts of the chain, each over its own database connection. */
export class VerifyWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly waiting: Job[] = [];
  private broken: Error | null = null;

  constructor(databaseUrl: string, size = VERIFY_WORKERS) {
    for (let index = 0; index < size; index += 1) {
      const worker = new Worker(join(__dirname, 'audit-verify.segment-worker.js'), { workerData: { url: databaseUrl } });
      worker.on('message', (message: WorkerMessage) => this.finished(worker, message));
      worker.on('error', (error) => this.breakDown(error));
      worker.on('exit', (code) => {
        if (this.busy.has(worker) || this.waiting.length > 0) this.breakDown(new Error(`a verification worker exited with ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  check(task: SegmentTask): Promise<SegmentReport> {
    return new Promise((resolve, reject) => {
      if (this.broken) return reject(this.broken);
      this.waiting.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.waiting.length = 0;
    this.busy.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop() as Worker;
      const job = this.waiting.shift() as Job;
      this.busy.set(worker, job);
      worker.postMessage(job.task);
    }
  }

  private finished(worker: Worker, message: WorkerMessage): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    this.idle.push(worker);
    if (job) {
      if ('report' in message) job.resolve(message.report);
      else job.reject(new Error(`verification worker: ${message.error}`));
    }
    this.dispatch();
  }

  private breakDown(error: Error): void {
    this.broken ??= error;
    for (const job of [...this.busy.values(), ...this.waiting]) job.reject(error);
    this.busy.clear();
    this.waiting.length = 0;
  }
}

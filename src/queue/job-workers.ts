import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { appConfig, redisConfig, WorkersMode } from '../config';
import { JobHandlers } from './job-handlers';
import { jobContextOf } from './job-runs';
import { QueueName } from './jobs';
import { QueueSchedules } from './queue-schedules.service';
import { bullConnection } from './redis-connection';

/** Jobs one process runs at once, per queue. */
const CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Interactive]: 4,
  [QueueName.Background]: 1,
  /** Two, so one long import does not hold every report or reconciliation behind it. */
  [QueueName.Bulk]: 2,
};
/**
 * How long SIGTERM waits for running jobs before abandoning them (they become stalled and
 * another worker retries them). Below the 25 s limit of common/shutdown.ts, which must
 * still close the HTTP server and the connections after this.
 */
const DRAIN_LIMIT_MS = 20_000;
const ERROR_LOG_INTERVAL_MS = 60_000;

/**
 * The BullMQ workers of this process: one per queue, each dispatching a job to the one
 * `@JobHandler` of its name. Started by the API when WORKERS=inline, and always by
 * `npm run worker` (src/worker.ts calls `start()`).
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobWorkers');
  private workers: Worker[] = [];
  private stopping = false;
  /** Jobs this process is running now. */
  private active = 0;
  /** Failures of abandoned jobs being recorded now (abandon); stopping waits for them too. */
  private readonly recording = new Set<Promise<void>>();

  constructor(
    private readonly handlers: JobHandlers,
    private readonly schedules: QueueSchedules,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(redisConfig.KEY) private readonly redis: ConfigType<typeof redisConfig>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.app.workers === WorkersMode.Inline) this.start();
  }

  get running(): boolean {
    return this.workers.length > 0;
  }

  /** Starts the workers and the schedules they serve; a second call does nothing. */
  start(): void {
    if (this.running || this.stopping) return;
    this.workers = Object.values(QueueName).map((queue) => this.createWorker(queue));
    this.schedules.apply();
    this.logger.log(`queue workers started on ${Object.values(QueueName).join(', ')}`);
  }

  /**
   * Runs before the HTTP server and the database close (Nest calls module-destroy hooks
   * first): workers stop taking jobs and the running ones finish with their connections.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (!this.running) return;
    if (this.active === 0) {
      // Nothing to wait for. A graceful close would also wait for Redis, which may be the
      // reason for stopping; a job fetched at this very instant stalls and is retried.
      await Promise.all([...this.workers.map((worker) => worker.close(true)), ...this.recording]);
      this.workers = [];
      this.logger.log('queue workers stopped');
      return;
    }
    this.logger.log(`queue workers stopping: no new jobs, waiting for ${this.active} running`);
    const graceful = Promise.all([...this.workers.map((worker) => worker.close()), ...this.recording]);
    let timer: NodeJS.Timeout | undefined;
    const expired = await Promise.race([
      graceful.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), DRAIN_LIMIT_MS))),
    ]);
    clearTimeout(timer);
    // A close already under way cannot be forced; the abandoned jobs' locks expire and
    // another worker retries them.
    if (expired) this.logger.warn(`jobs still running after ${DRAIN_LIMIT_MS} ms; abandoning them to be retried`);
    this.workers = [];
    this.logger.log('queue workers stopped');
  }

  private createWorker(queue: QueueName): Worker {
    const worker = new Worker(queue, (job: Job) => this.run(job), {
      connection: bullConnection(this.redis.url),
      prefix: this.redis.prefix,
      concurrency: CONCURRENCY[queue],
      lockDuration: this.redis.jobLockMs,
      stalledInterval: this.redis.stalledCheckMs,
    });
    // BullMQ fails a job that stalled too often (its worker died under it) when a worker next
    // picks it up, without running its handler: the failure is recorded here instead.
    worker.on('failed', (job: Job | undefined) => {
      if (!job?.deferredFailure) return;
      const recording = this.abandon(job, job.deferredFailure);
      this.recording.add(recording);
      void recording.finally(() => this.recording.delete(recording));
    });
    let lastLogged = 0;
    worker.on('error', (error: Error) => {
      if (Date.now() - lastLogged < ERROR_LOG_INTERVAL_MS) return;
      lastLogged = Date.now();
      this.logger.warn(`worker ${queue}: ${error.message}`);
    });
    return worker;
  }

  /** Runs the job's `@JobAbandoned` method, if it has one. Never rejects: a failure to record is logged. */
  private async abandon(job: Job, reason: string): Promise<void> {
    const context = jobContextOf(job);
    const label = `job ${job.name} ${job.id}`;
    this.logger.error(`${label} failed without running, no retry left: ${reason}`);
    const hook = this.handlers.abandoned(job.name);
    if (!hook) return;
    try {
      await hook(job.data, context, reason);
    } catch (error) {
      this.logger.error(`${label}: could not record its failure: ${(error as Error).message}`, (error as Error).stack);
    }
  }

  private async run(job: Job): Promise<unknown> {
    const context = jobContextOf(job);
    const label = `job ${job.name} ${job.id} (attempt ${context.attempt} of ${context.maxAttempts})`;
    const handler = this.handlers.get(job.name);
    if (!handler) {
      // Enqueued by a newer version during a rolling deploy: retried, for a worker that knows it.
      this.logger.error(`${label} has no handler in this version`);
      throw new Error(`no handler for job ${job.name} in this version`);
    }
    const started = Date.now();
    this.logger.log(`${label} started`);
    this.active += 1;
    try {
      const result = await handler(job.data, context);
      this.logger.log(`${label} completed in ${Date.now() - started} ms`);
      return result ?? null;
    } catch (error) {
      const fate = context.finalAttempt || error instanceof UnrecoverableError ? 'no retry left' : 'will retry';
      this.logger.error(`${label} failed, ${fate}: ${(error as Error).message}`, (error as Error).stack);
      throw error;
    } finally {
      this.active -= 1;
    }
  }
}

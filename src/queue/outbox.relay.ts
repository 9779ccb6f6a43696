import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config';
import { JobOptions } from './job-options';
import { JOB_QUEUE, JobName } from './jobs';
import { OUTBOX_CHANNEL } from './outbox.service';
import { Queues } from './queues';

/** Rows moved per transaction. */
const BATCH_SIZE = 200;
/** The relay looks again this often even without a notification (a missed NOTIFY, a restart). */
const POLL_INTERVAL_MS = 2000;
/** After a failed pass (Redis or Postgres away) the next one waits this long. */
const RETRY_DELAY_MS = 5000;
/**
 * A pass gives up on Redis after this long and rolls back, releasing its row locks. The add
 * may still land later; the next pass adds the same job ids again, which BullMQ ignores.
 */
const REDIS_TIMEOUT_MS = 5000;
/** The listener's connection attempt, so an unreachable database never stalls a pass. */
const CONNECT_TIMEOUT_MS = 5000;

interface OutboxRow {
  id: string;
  job_name: JobName;
  payload: unknown;
}

/**
 * Moves committed outbox rows into BullMQ, the row id as job id, and marks them sent.
 * Runs in every process that has the queue module, API processes with WORKERS=off included,
 * so a committed request's job reaches Redis even while no worker is running. Several relays
 * are safe together: each pass locks its rows with FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | null = null;
  private again = false;
  private listener: Client | null = null;
  private listening = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: Queues,
    private readonly jobOptions: JobOptions,
    @Inject(databaseConfig.KEY) private readonly database: ConfigType<typeof databaseConfig>,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pass;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** Runs a pass now, or right after the one in progress. */
  kick(): void {
    if (!this.running) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.pass = this.drain().then((delay) => {
      this.pass = null;
      if (!this.running) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.timer = setTimeout(() => this.kick(), delay);
      }
    });
  }

  /** Relays until nothing is left; resolves with the delay before the next pass. */
  private async drain(): Promise<number> {
    if (!this.listening) await this.listen();
    try {
      while (this.running && (await this.relayBatch()) === BATCH_SIZE);
      return POLL_INTERVAL_MS;
    } catch (error) {
      this.logger.warn(`outbox relay pass failed, retrying in ${RETRY_DELAY_MS} ms: ${(error as Error).message}`);
      return RETRY_DELAY_MS;
    }
  }

  /** One transaction: lock a batch of unsent rows, add their jobs, mark them sent. */
  private async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id, job_name, payload FROM queue_outbox
          WHERE sent_at IS NULL AND job_name = ANY($1::text[])
          ORDER BY seq
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [Object.values(JobName), BATCH_SIZE],
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      const byQueue = new Map<string, OutboxRow[]>();
      for (const row of rows) byQueue.set(JOB_QUEUE[row.job_name], [...(byQueue.get(JOB_QUEUE[row.job_name]) ?? []), row]);
      await withTimeout(
        Promise.all(
          [...byQueue.values()].map((batch) =>
            this.queues.forJob(batch[0].job_name).addBulk(
              batch.map((row) => ({ name: row.job_name, data: row.payload, opts: { ...this.jobOptions.of(row.job_name), jobId: row.id } })),
            ),
          ),
        ),
        REDIS_TIMEOUT_MS,
        'adding jobs to Redis',
      );
      await manager.query(`UPDATE queue_outbox SET sent_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  /** LISTEN on a connection of its own, so a commit wakes the relay at once. */
  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.database.url,
      application_name: 'firearms-registry-relay',
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    client.on('error', (error) => {
      this.logger.warn(`outbox listener lost: ${error.message}`);
      this.listening = false;
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => undefined);
    });
    client.on('notification', () => this.kick());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (!this.running) {
        await client.end();
        return;
      }
      this.listener = client;
      this.listening = true;
    } catch (error) {
      this.logger.warn(`outbox listener not connected, polling only: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

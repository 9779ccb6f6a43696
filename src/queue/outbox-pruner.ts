import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandler, JobName } from './jobs';
import { QueueSchedules } from './queue-schedules.service';

/** Sent rows are kept this long, to answer "was this job ever handed to the queue?". */
const KEEP_SENT_DAYS = 30;

/** Deletes outbox rows relayed long ago, nightly in Panama's quiet hours. */
@Injectable()
export class OutboxPruner implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schedules: QueueSchedules,
  ) {}

  onModuleInit(): void {
    this.schedules.declare(JobName.PruneOutbox, { cron: '30 3 * * *', timeZone: 'America/Panama' });
  }

  @JobHandler(JobName.PruneOutbox)
  async prune(): Promise<{ deleted: number }> {
    const result = (await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM queue_outbox WHERE sent_at < now() - make_interval(days => $1) RETURNING 1
       ) SELECT count(*)::int AS deleted FROM gone`,
      [KEEP_SENT_DAYS],
    )) as Array<{ deleted: number }>;
    return { deleted: result[0].deleted };
  }
}

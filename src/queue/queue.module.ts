import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { redisConfig } from '../config';
import { JobHandlers } from './job-handlers';
import { JobOptions } from './job-options';
import { JobWorkers } from './job-workers';
import { QueueName } from './jobs';
import { OutboxPruner } from './outbox-pruner';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';
import { QueueHealth } from './queue-health.service';
import { QueueRecovery } from './queue-recovery.service';
import { QueueSchedules } from './queue-schedules.service';
import { Queues } from './queues';
import { TrackedJobs } from './tracked-jobs';
import { bullConnection } from './redis-connection';

/**
 * The queue machinery every feature uses: BullMQ (with the configured key prefix), the
 * transactional outbox and its relay, the workers that run `@JobHandler` methods, and
 * schedules. Global, like the audit log: features inject OutboxService and QueueSchedules
 * and mark their handlers; they never touch BullMQ themselves.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [redisConfig.KEY],
      useFactory: (config: ConfigType<typeof redisConfig>) => ({
        prefix: config.prefix,
        connection: bullConnection(config.url),
        // BullMQ delivers at least once: every handler is idempotent, retried with backoff,
        // and a job that used up its attempts stays in Redis for inspection.
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: { age: 7 * 86_400 },
          removeOnFail: false,
        },
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [Queues, JobOptions, OutboxService, OutboxRelay, TrackedJobs, JobHandlers, JobWorkers, QueueSchedules, QueueHealth, OutboxPruner, QueueRecovery],
  exports: [BullModule, JobOptions, OutboxService, QueueSchedules, QueueHealth, JobWorkers, QueueRecovery],
})
export class QueueModule {}

import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { redisConfig } from '../config';

/**
 * The BullMQ connection shared by every queue, with the configured key prefix. Queues and
 * their processors are registered by the features that own them.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY],
      useFactory: (config: ConfigType<typeof redisConfig>) => {
        const url = new URL(config.url);
        return {
          prefix: config.prefix,
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            username: url.username || undefined,
            password: url.password ? decodeURIComponent(url.password) : undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
            tls: url.protocol === 'rediss:' ? {} : undefined,
            maxRetriesPerRequest: null,
          },
          defaultJobOptions: {
            attempts: 5,
            backoff: { type: 'exponential', delay: 2000 },
            removeOnComplete: { age: 7 * 86_400 },
            removeOnFail: false,
          },
        };
      },
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}

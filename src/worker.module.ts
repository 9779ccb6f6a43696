import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { QueueModule } from './queue/queue.module';

/** The queue workers alone, without the HTTP API (`npm run worker`). */
@Module({
  imports: [CoreModule, QueueModule],
})
export class WorkerModule {}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOB_QUEUE, type JobName, QueueName } from './jobs';

/** How often a lasting Redis outage is logged again, per queue. */
const ERROR_LOG_INTERVAL_MS = 60_000;

/** The registered BullMQ queues by name, for the relay, the workers, schedules and health. */
@Injectable()
export class Queues {
  private readonly logger = new Logger('Queue');
  private readonly byName = new Map<QueueName, Queue>();

  constructor(
    @InjectQueue(QueueName.Interactive) interactive: Queue,
    @InjectQueue(QueueName.Background) background: Queue,
    @InjectQueue(QueueName.Bulk) bulk: Queue,
  ) {
    const queues: Record<QueueName, Queue> = {
      [QueueName.Interactive]: interactive,
      [QueueName.Background]: background,
      [QueueName.Bulk]: bulk,
    };
    for (const name of Object.values(QueueName)) {
      const queue = queues[name];
      // An EventEmitter 'error' without a listener would crash the process while Redis is away.
      let lastLogged = 0;
      queue.on('error', (error: Error) => {
        if (Date.now() - lastLogged < ERROR_LOG_INTERVAL_MS) return;
        lastLogged = Date.now();
        this.logger.warn(`queue ${name}: ${error.message}`);
      });
      this.byName.set(name, queue);
    }
  }

  get(name: QueueName): Queue {
    const queue = this.byName.get(name);
    if (!queue) throw new Error(`queue ${name} is not registered`);
    return queue;
  }

  forJob(name: JobName): Queue {
    return this.get(JOB_QUEUE[name]);
  }

  all(): Array<[QueueName, Queue]> {
    return [...this.byName];
  }
}

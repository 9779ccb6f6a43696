import { Injectable } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import type { JobName } from './jobs';

/** What a job may set for itself: how often it is tried and how long it waits between tries. */
export type JobRetryOptions = Pick<JobsOptions, 'attempts' | 'backoff'>;

/**
 * Retry settings a feature takes from its own configuration (a webhook's attempts and backoff),
 * over the queue's defaults. Declared from the feature's `onModuleInit`; the outbox relay applies
 * them to every job of that name it adds. The job id stays the outbox row's.
 */
@Injectable()
export class JobOptions {
  private readonly byName = new Map<JobName, JobRetryOptions>();

  declare(name: JobName, options: JobRetryOptions): void {
    this.byName.set(name, { ...options });
  }

  of(name: JobName): JobRetryOptions {
    return this.byName.get(name) ?? {};
  }
}

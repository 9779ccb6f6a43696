import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { handlerProblems } from './job-runs';
import { JOB_ABANDONED, JOB_HANDLER, type JobContext, JobName } from './jobs';
import { TRACKED_JOB, type TrackedJobOptions, type TrackedWork } from './tracked-job';
import { type TrackedDefinition, TrackedJobs } from './tracked-jobs';

type BoundHandler = (payload: unknown, context: JobContext) => Promise<unknown>;
type BoundAbandoned = (payload: unknown, context: JobContext, reason: string) => Promise<void>;

/**
 * Finds every `@JobHandler` method at start and refuses to start unless each job name has
 * exactly one: a job nobody handles would wait forever, one handled twice would run twice.
 * Finds the `@JobAbandoned` methods too (at most one per job name).
 * The check runs in every process, so a worker entry point that forgets a feature module
 * fails at once rather than when that feature's first job arrives.
 */
@Injectable()
export class JobHandlers implements OnModuleInit {
  private readonly handlers = new Map<JobName, BoundHandler>();
  private readonly abandonedHooks = new Map<JobName, BoundAbandoned>();
  private readonly trackedJobs: TrackedDefinition[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly runner: TrackedJobs,
  ) {}

  onModuleInit(): void {
    const found: Array<{ name: string; owner: string; run: BoundHandler }> = [];
    const abandoned: Array<{ name: string; owner: string; run: BoundAbandoned }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const tracked = this.reflector.get<TrackedJobOptions<JobName> | undefined>(TRACKED_JOB, instance.constructor);
      if (tracked) {
        const owner = instance.constructor.name;
        if (!wrapper.isDependencyTreeStatic()) throw new Error(`${owner}: job handlers cannot be request-scoped`);
        const job: TrackedDefinition = { options: tracked, work: instance as unknown as TrackedWork<JobName> };
        this.trackedJobs.push(job);
        found.push({ name: tracked.name, owner, run: (payload, context) => this.runner.run(job, payload as never, context) });
        abandoned.push({
          name: tracked.name,
          owner,
          run: (payload, context, reason) => this.runner.abandoned(job, payload as never, context, reason),
        });
      }
      const prototype = Object.getPrototypeOf(instance) as object | null;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const target = instance[method];
        if (typeof target !== 'function') continue;
        const owner = `${instance.constructor.name}.${method}`;
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, target as (...args: unknown[]) => unknown);
        const abandonedName = this.reflector.get<string | undefined>(JOB_ABANDONED, target as (...args: unknown[]) => unknown);
        if ((name !== undefined || abandonedName !== undefined) && !wrapper.isDependencyTreeStatic()) {
          throw new Error(`${owner}: job handlers cannot be request-scoped`);
        }
        if (name !== undefined) found.push({ name, owner, run: (target as BoundHandler).bind(instance) });
        if (abandonedName !== undefined) abandoned.push({ name: abandonedName, owner, run: (target as BoundAbandoned).bind(instance) });
      }
    }
    const problems = handlerProblems(Object.values(JobName), found, abandoned);
    if (problems.length > 0) throw new Error(`Queue handlers are wrong:\n  - ${problems.join('\n  - ')}`);
    for (const handler of found) this.handlers.set(handler.name as JobName, handler.run);
    for (const hook of abandoned) this.abandonedHooks.set(hook.name as JobName, hook.run);
  }

  get(name: string): BoundHandler | undefined {
    return this.handlers.get(name as JobName);
  }

  /** The tracked jobs (@TrackedJob classes), for the recovery sweep and health. */
  tracked(): readonly TrackedDefinition[] {
    return this.trackedJobs;
  }

  /** The `@JobAbandoned` method of a job name, if it has one. */
  abandoned(name: string): BoundAbandoned | undefined {
    return this.abandonedHooks.get(name as JobName);
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { handlerProblems } from './job-runs';
import { JOB_HANDLER, type JobContext, JobName } from './jobs';

type BoundHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

/**
 * Finds every `@JobHandler` method at start and refuses to start unless each job name has
 * exactly one: a job nobody handles would wait forever, one handled twice would run twice.
 * The check runs in every process, so a worker entry point that forgets a feature module
 * fails at once rather than when that feature's first job arrives.
 */
@Injectable()
export class JobHandlers implements OnModuleInit {
  private readonly handlers = new Map<JobName, BoundHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found: Array<{ name: string; owner: string; run: BoundHandler }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const target = instance[method];
        if (typeof target !== 'function') continue;
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, target as (...args: unknown[]) => unknown);
        if (name === undefined) continue;
        if (!wrapper.isDependencyTreeStatic()) {
          throw new Error(`@JobHandler("${name}") on ${wrapper.name}.${method}: job handlers cannot be request-scoped`);
        }
        found.push({
          name,
          owner: `${instance.constructor.name}.${method}`,
          run: (target as BoundHandler).bind(instance),
        });
      }
    }
    const problems = handlerProblems(Object.values(JobName), found);
    if (problems.length > 0) throw new Error(`Queue handlers are wrong:\n  - ${problems.join('\n  - ')}`);
    for (const handler of found) this.handlers.set(handler.name as JobName, handler.run);
  }

  get(name: string): BoundHandler | undefined {
    return this.handlers.get(name as JobName);
  }
}

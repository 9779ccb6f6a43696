import type { JobContext, JobName } from './jobs';

/** The fields of a BullMQ job that decide how its run is described to the handler. */
export interface JobRun {
  id?: string;
  name: string;
  attemptsMade: number;
  opts: { attempts?: number };
}

export function jobContextOf(job: JobRun): JobContext {
  const maxAttempts = Math.max(1, job.opts.attempts ?? 1);
  const attempt = job.attemptsMade + 1;
  return {
    jobId: job.id ?? '',
    name: job.name as JobName,
    attempt,
    maxAttempts,
    finalAttempt: attempt >= maxAttempts,
  };
}

export interface FoundHandler {
  name: string;
  /** `Class.method`, to name both places when a job has two handlers. */
  owner: string;
}

/**
 * Why the found handlers cannot run the queue: a job name without a handler, one with
 * several, or a handler of a name that is not a job; and of the `@JobAbandoned` methods, one
 * of a name that is not a job, or two of one name. Empty when every job has exactly one
 * handler and at most one such method.
 */
export function handlerProblems(
  expected: readonly string[],
  found: readonly FoundHandler[],
  abandoned: readonly FoundHandler[] = [],
): string[] {
  const byName = new Map<string, string[]>();
  for (const handler of found) byName.set(handler.name, [...(byName.get(handler.name) ?? []), handler.owner]);
  const problems: string[] = [];
  for (const name of expected) {
    const owners = byName.get(name) ?? [];
    if (owners.length === 0) problems.push(`job "${name}" has no @JobHandler`);
    if (owners.length > 1) problems.push(`job "${name}" has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  for (const [name, owners] of byName) {
    if (!expected.includes(name)) problems.push(`@JobHandler("${name}") on ${owners.join(', ')} names no job`);
  }
  const abandonedByName = new Map<string, string[]>();
  for (const hook of abandoned) abandonedByName.set(hook.name, [...(abandonedByName.get(hook.name) ?? []), hook.owner]);
  for (const [name, owners] of abandonedByName) {
    if (!expected.includes(name)) problems.push(`@JobAbandoned("${name}") on ${owners.join(', ')} names no job`);
    else if (owners.length > 1) problems.push(`job "${name}" has ${owners.length} @JobAbandoned methods: ${owners.join(', ')}`);
  }
  return problems;
}

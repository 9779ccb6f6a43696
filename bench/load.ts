import { performance } from 'node:perf_hooks';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  meanItems: number;
}

/**
 * Closed-loop load: `concurrency` clients, each sending its next request as soon as the
 * previous one answered, for `seconds`. Latencies in milliseconds, measured by the client.
 */
export async function runLoad(
  urls: readonly string[],
  headers: Record<string, string>,
  options: { concurrency: number; seconds: number; requestIdPrefix: string },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let items = 0;
  let next = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < until) {
      const sequence = next++;
      const url = urls[sequence % urls.length];
      const sent = performance.now();
      try {
        const response = await fetch(url, { headers: { ...headers, 'x-request-id': `${options.requestIdPrefix}-${sequence}` } });
        const body = (await response.json()) as { items?: unknown[] };
        if (response.status !== 200) {
          errors += 1;
          continue;
        }
        latencies.push(performance.now() - sent);
        items += body.items?.length ?? 0;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  const spread = percentiles(latencies);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    ...spread,
    meanItems: latencies.length ? items / latencies.length : 0,
  };
}

export function percentiles(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

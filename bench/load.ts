import { Agent, request } from 'node:http';
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

/** One GET over `agent`: the status and the parsed JSON body. */
function getJson(url: string, headers: Record<string, string>, agent: Agent): Promise<{ status: number; body: { items?: unknown[] } }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items?: unknown[] } });
        } catch (error) {
          reject(error as Error);
        }
      });
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end();
  });
}

/**
 * Closed-loop load: `concurrency` clients, each sending its next request as soon as the
 * previous one answered, for `seconds`. Latencies in milliseconds, measured by the client.
 * Plain node:http over kept-alive connections, one per client: the load generator shares the
 * machine's cores with the service and Postgres, so it should cost them as little as it can.
 */
export async function runLoad(
  urls: readonly string[],
  headers: Record<string, string>,
  options: { concurrency: number; seconds: number; requestIdPrefix: string },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
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
        const response = await getJson(url, { ...headers, 'x-request-id': `${options.requestIdPrefix}-${sequence}` }, agent);
        if (response.status !== 200) {
          errors += 1;
          continue;
        }
        latencies.push(performance.now() - sent);
        items += response.body.items?.length ?? 0;
      } catch {
        // Counted and reported with the figures: a run with errors is not a clean measurement.
        errors += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, client));
  } finally {
    agent.destroy();
  }
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

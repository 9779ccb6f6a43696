/**
 * Trace search benchmark (not a test): seeds a database of its own with BENCH_WEAPONS weapons,
 * starts the built service on it, and measures exact, confusable and partial search over HTTP
 * on loopback with 1, 2, 4 and 8 concurrent clients (BENCH_CONCURRENCY) in turn. Also prints
 * EXPLAIN (ANALYZE, BUFFERS) of each kind's query. `npm run bench:trace`; settings below, from
 * the environment.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { containsPattern, serialQuery } from '../src/trace/serial-match';
import { candidateSql } from '../src/trace/trace-search.sql';
import { type LoadResult, percentiles, runLoad } from './load';
import { seed } from './seed';
import { type BenchService, ensureDatabase, log, runBenchmark, startService, userToken } from './service';

const env = process.env;
const settings = {
  weapons: Number(env.BENCH_WEAPONS ?? 1_000_000),
  databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/registry_bench',
  port: Number(env.BENCH_PORT ?? 3107),
  /** Client counts measured one after the other: latency at and beyond the machine's cores. */
  concurrency: (env.BENCH_CONCURRENCY ?? '1,2,4,8').split(',').map(Number),
  seconds: Number(env.BENCH_SECONDS ?? 15),
  warmupSeconds: Number(env.BENCH_WARMUP_SECONDS ?? 3),
  fragmentLengths: (env.BENCH_FRAGMENT_LENGTHS ?? '4,6').split(',').map(Number),
  serviceLog: env.BENCH_SERVICE_LOG ?? join(tmpdir(), `registry-bench-service-${process.pid}.log`),
};

const LOOK_ALIKE: Record<string, string> = { '0': 'O', O: '0', '1': 'I', I: '1', '5': 'S', S: '5', '8': 'B', B: '8', '2': 'Z', Z: '2', '6': 'G', G: '6' };

interface Queries {
  exact: string[];
  confusable: string[];
  partial: Map<number, string[]>;
}

/** Serials of weapons picked at random, and for each a look-alike spelling and fragments. */
async function pickQueries(db: Client): Promise<Queries> {
  const { rows } = await db.query<{ serial_number: string; serial_normalized: string }>(
    `SELECT serial_number, serial_normalized FROM weapons TABLESAMPLE SYSTEM (2) WHERE status = 'active' LIMIT 2000`,
  );
  const queries: Queries = { exact: [], confusable: [], partial: new Map(settings.fragmentLengths.map((length) => [length, []])) };
  for (const row of rows) {
    queries.exact.push(row.serial_number);
    const at = [...row.serial_normalized].findIndex((char) => LOOK_ALIKE[char] !== undefined);
    if (at >= 0) {
      const chars = [...row.serial_normalized];
      chars[at] = LOOK_ALIKE[chars[at]];
      queries.confusable.push(chars.join(''));
    }
    for (const length of settings.fragmentLengths) {
      if (row.serial_normalized.length <= length) continue;
      const start = Math.floor((row.serial_normalized.length - length) / 2);
      queries.partial.get(length)!.push(row.serial_normalized.slice(start, start + length));
    }
  }
  return queries;
}

async function explain(db: Client, label: string, serial: string): Promise<void> {
  const query = serialQuery(serial);
  // The service selects every column under its property name; the plan is the same with *.
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${candidateSql('*')}`, [
    query.folded,
    containsPattern(query.folded),
    50,
    query.folded.length,
    query.normalized,
  ]);
  log(`\nEXPLAIN ${label} (${serial}):`);
  for (const row of rows) log(`  ${row['QUERY PLAN']}`);
}

const ms = (value: number): string => value.toFixed(1).padStart(7);

function line(label: string, result: LoadResult): string {
  return `${label.padEnd(14)} ${result.perSecond.toFixed(0).padStart(7)} req/s   p50 ${ms(result.p50)} ms   p99 ${ms(result.p99)} ms   max ${ms(result.max)} ms   ${String(result.requests).padStart(6)} requests, ${result.errors} errors, ${result.meanItems.toFixed(1)} results each`;
}

/** durationMs of the service's request log lines whose request id starts with `prefix`. */
function serviceDurations(service: BenchService, prefix: string): number[] {
  const durations: number[] = [];
  for (const text of service.log()) {
    if (!text.includes(`"reqId":"${prefix}-`)) continue;
    const entry = JSON.parse(text) as { durationMs?: number };
    if (typeof entry.durationMs === 'number') durations.push(entry.durationMs);
  }
  return durations;
}

async function main(): Promise<void> {
  log(`trace search benchmark: ${settings.weapons} weapons, ${settings.concurrency.join(', ')} clients, ${settings.seconds} s per kind`);
  await ensureDatabase(settings.databaseUrl);
  const service = await startService({
    databaseUrl: settings.databaseUrl,
    port: settings.port,
    queuePrefix: 'registry_bench',
    logFile: settings.serviceLog,
  });
  const db = new Client({ connectionString: settings.databaseUrl });
  await db.connect();
  try {
    const seededStart = Date.now();
    // Rows as the registry holds them: nearly every weapon with its ballistic test.
    const count = await seed(db, settings.weapons, log, { ballistics: true });
    log(`seeded: ${count} weapons (${Math.round((Date.now() - seededStart) / 1000)} s)`);
    const token = await userToken(service, 'bench-police', ['police']);
    const queries = await pickQueries(db);
    const url = (serial: string): string => `http://127.0.0.1:${settings.port}/api/v1/trace/search?serial=${encodeURIComponent(serial)}`;
    const kinds: Array<[string, string[]]> = [
      ['exact', queries.exact],
      ['confusable', queries.confusable],
      ...[...queries.partial].map(([length, fragments]): [string, string[]] => [`partial (${length})`, fragments]),
    ];
    for (const [label, serials] of kinds) await explain(db, label, serials[0]);
    log('');
    const headers = { authorization: `Bearer ${token}` };
    const summary: string[] = [];
    for (const concurrency of settings.concurrency) {
      const measured: Array<[string, string]> = [];
      log(`${concurrency} client${concurrency === 1 ? '' : 's'}, measured by the clients:`);
      for (const [index, [label, serials]] of kinds.entries()) {
        const urls = serials.map(url);
        const run = `c${concurrency}k${index}`;
        await runLoad(urls, headers, { concurrency, seconds: settings.warmupSeconds, requestIdPrefix: `warm-${run}` });
        const result = await runLoad(urls, headers, { concurrency, seconds: settings.seconds, requestIdPrefix: run });
        log(line(label, result));
        summary.push(`${String(concurrency).padStart(7)}   ${label.padEnd(14)} ${result.perSecond.toFixed(0).padStart(7)} req/s   p99 ${ms(result.p99)} ms`);
        measured.push([label, run]);
      }
      // The service writes its log line as each response completes; give the last ones a moment.
      await new Promise((done) => setTimeout(done, 500));
      log('measured inside the service (request received to response sent):');
      for (const [label, prefix] of measured) {
        const spread = percentiles(serviceDurations(service, prefix));
        log(`${label.padEnd(14)} p50 ${ms(spread.p50)} ms   p99 ${ms(spread.p99)} ms   max ${ms(spread.max)} ms`);
      }
      log('');
    }
    log('summary (measured by the clients):');
    log('clients   kind');
    for (const row of summary) log(row);
  } finally {
    await db.end();
    await service.stop();
  }
}

runBenchmark(main);

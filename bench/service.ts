/**
 * What every benchmark needs around the built service: a database of its own, the service
 * started as `npm start` starts it (log to a file), and users made with the create-user
 * command. Settings come from the environment: BENCH_DIST_DIR (the build), BENCH_REDIS_URL,
 * BENCH_LOG_LEVEL, BENCH_SERVICE_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, which
 * NODE_OPTIONS refuses).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const env = process.env;

export const BENCH_PASSWORD = 'bench passphrase not for production';

/** The build the benchmarks run: dist/ beside dist/bench/bench/, unless BENCH_DIST_DIR says otherwise. */
export const BENCH_DIST = resolve(env.BENCH_DIST_DIR ?? join(__dirname, '../..'));

export interface ServiceSettings {
  databaseUrl: string;
  port: number;
  queuePrefix: string;
  logFile: string;
  /** Variables of the service's own on top of the defaults (WORKERS, batch sizes…). */
  extraEnv?: NodeJS.ProcessEnv;
}

export interface BenchService {
  child: ChildProcess;
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  /** Log lines of the service so far (JSON, one per line). */
  log(): string[];
  stop(): Promise<void>;
}

/** Creates the database if it is missing; `fresh` drops it first. */
export async function ensureDatabase(url: string, options: { fresh?: boolean } = {}): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const quoted = `"${name.replace(/"/g, '""')}"`;
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if (options.fresh) await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}

function serviceEnv(settings: ServiceSettings): NodeJS.ProcessEnv {
  return {
    ...env,
    NODE_PATH: env.NODE_PATH ?? join(__dirname, '../../../node_modules'),
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: env.BENCH_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: settings.queuePrefix,
    PORT: String(settings.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'info',
    ACCESS_TOKEN_TTL: '7200',
    DEV_KEYS_DIR: env.DEV_KEYS_DIR ?? join(tmpdir(), 'registry-bench-keys'),
    ...settings.extraEnv,
  };
}

/** The built service, as `npm start` runs it (it creates and migrates the database), once ready. */
export async function startService(settings: ServiceSettings): Promise<BenchService> {
  const nodeArgs = (env.BENCH_SERVICE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const childEnv = serviceEnv(settings);
  const child = spawn(process.execPath, [...nodeArgs, join(BENCH_DIST, 'main.js')], {
    env: childEnv,
    stdio: ['ignore', openSync(settings.logFile, 'w'), 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${settings.port}`;
  const service: BenchService = {
    child,
    baseUrl,
    env: childEnv,
    log: () => readFileSync(settings.logFile, 'utf8').split('\n'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} (log: ${settings.logFile})`);
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).status === 200) return service;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the service did not become ready (log: ${settings.logFile})`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** Makes the user with the create-user command (an existing one is kept) and logs in as it. */
export async function userToken(service: BenchService, username: string, roles: string[]): Promise<string> {
  await new Promise<void>((done, fail) => {
    const cli = spawn(process.execPath, [join(BENCH_DIST, 'cli/create-user.js'), '--username', username, '--roles', roles.join(',')], {
      env: { ...service.env, NEW_USER_PASSWORD: BENCH_PASSWORD },
      stdio: 'ignore',
    });
    cli.on('error', fail);
    cli.on('exit', () => done());
  });
  const response = await fetch(`${service.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A line of a benchmark's report, on standard output. */
export const log = (message: string): void => void process.stdout.write(`${message}\n`);

/** Runs a benchmark's main; a failure is printed with its stack and exits 1. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

/**
 * Reconciliation benchmark (not a test): seeds a database of its own with BENCH_WEAPONS weapons
 * and the owners, licences, transfers and audit chain around them (bench/seed.ts), starts the
 * built service on it, asks for a run over HTTP as an auditor and reports the run's wall time
 * per finding kind (the service measures each step) and overall. The audit-chain verification
 * is reported on its own line: it reads every entry of the chain, the other kinds only tables.
 * Prints EXPLAIN of each kind's query first (EXPLAIN ANALYZE with BENCH_EXPLAIN=analyze).
 * `npm run bench:reconcile`; settings below, from the environment.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { panamaDay } from '../src/common/dates';
import { FINDING_KINDS } from '../src/reconciliation/finding-kinds';
import { FINDING_STATEMENTS, type RunMoment } from '../src/reconciliation/reconciliation.sql';
import { seed, seedRegistryState } from './seed';

const env = process.env;
const settings = {
  weapons: Number(env.BENCH_WEAPONS ?? 1_000_000),
  databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/registry_reconcile_bench',
  redisUrl: env.BENCH_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  port: Number(env.BENCH_PORT ?? 3108),
  explain: (env.BENCH_EXPLAIN ?? 'plain') as 'plain' | 'analyze' | 'off',
  runs: Number(env.BENCH_RUNS ?? 1),
  dist: resolve(env.BENCH_DIST_DIR ?? join(__dirname, '../..')),
  serviceLog: env.BENCH_SERVICE_LOG ?? join(tmpdir(), `registry-reconcile-bench-${process.pid}.log`),
};

const PASSWORD = 'bench passphrase not for production';
const USERNAME = 'bench-reconciler';

const log = (message: string): void => void process.stdout.write(`${message}\n`);

async function ensureDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

function serviceEnv(): NodeJS.ProcessEnv {
  return {
    ...env,
    NODE_PATH: env.NODE_PATH ?? join(__dirname, '../../../node_modules'),
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    QUEUE_PREFIX: 'registry_reconcile_bench',
    PORT: String(settings.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'info',
    ACCESS_TOKEN_TTL: '7200',
    DEV_KEYS_DIR: env.DEV_KEYS_DIR ?? join(tmpdir(), 'registry-bench-keys'),
  };
}

/** The built service, as `npm start` runs it, with its workers in-process; its log goes to a file. */
async function startService(): Promise<ChildProcess> {
  const logFile = openSync(settings.serviceLog, 'w');
  const child = spawn(process.execPath, [join(settings.dist, 'main.js')], { env: serviceEnv(), stdio: ['ignore', logFile, 'inherit'] });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${settings.port}/health/ready`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the service did not become ready');
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** An admin made with the create-user command (its id signs the seeded transfers), and its token. */
async function reconciler(db: Client): Promise<{ id: string; token: string }> {
  await new Promise<void>((done, fail) => {
    const cli = spawn(process.execPath, [join(settings.dist, 'cli/create-user.js'), '--username', USERNAME, '--roles', 'admin'], {
      env: { ...serviceEnv(), NEW_USER_PASSWORD: PASSWORD },
      stdio: 'ignore',
    });
    cli.on('error', fail);
    cli.on('exit', () => done());
  });
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [USERNAME]);
  if (rows.length !== 1) throw new Error(`user ${USERNAME} was not created`);
  const response = await fetch(`http://127.0.0.1:${settings.port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return { id: rows[0].id, token: ((await response.json()) as { accessToken: string }).accessToken };
}

async function explain(db: Client): Promise<void> {
  const now = new Date();
  const moment: RunMoment = { runId: '00000000-0000-4000-8000-000000000000', at: now, day: panamaDay(now) };
  const options = settings.explain === 'analyze' ? '(ANALYZE, BUFFERS)' : '';
  for (const statement of FINDING_STATEMENTS) {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${options} ${statement.select}`, statement.params(moment));
    log(`\nEXPLAIN ${statement.kind}:`);
    for (const row of rows) log(`  ${row['QUERY PLAN']}`);
  }
}

interface Run {
  id: string;
  status: string;
  checked: number | null;
  findingsByKind: Record<string, number> | null;
  auditChain: { valid: boolean; checked: number; firstInvalidSeq: number | null } | null;
  durationsMs: Record<string, number> | null;
  failureReason?: string;
}

async function runOnce(token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const asked = Date.now();
  const accepted = await fetch(`http://127.0.0.1:${settings.port}/api/v1/reconciliation/runs`, { method: 'POST', headers });
  if (accepted.status !== 202) throw new Error(`POST /reconciliation/runs: ${accepted.status} ${await accepted.text()}`);
  const { id } = (await accepted.json()) as { id: string };
  let run: Run;
  for (;;) {
    await new Promise((done) => setTimeout(done, 250));
    run = (await (await fetch(`http://127.0.0.1:${settings.port}/api/v1/reconciliation/runs/${id}`, { headers })).json()) as Run;
    if (run.status === 'completed' || run.status === 'failed') break;
  }
  const wall = Date.now() - asked;
  if (run.status !== 'completed') throw new Error(`run ${id} failed: ${run.failureReason}`);
  const durations = run.durationsMs ?? {};
  const seconds = (ms: number | undefined): string => `${((ms ?? 0) / 1000).toFixed(2).padStart(7)} s`;
  log(`\nrun ${id}: ${run.checked} weapons checked, load average ${loadavg()[0].toFixed(2)}`);
  for (const kind of FINDING_KINDS.filter((each) => each !== 'AUDIT_CHAIN_INVALID')) {
    log(`  ${kind.padEnd(20)} ${seconds(durations[kind])}   ${String(run.findingsByKind?.[kind]).padStart(8)} findings`);
  }
  log(`  ${'count of weapons'.padEnd(20)} ${seconds(durations.checked)}`);
  const chain = run.auditChain!;
  log(
    `  ${'audit chain'.padEnd(20)} ${seconds(durations.AUDIT_CHAIN_INVALID)}   ${String(run.findingsByKind!.AUDIT_CHAIN_INVALID).padStart(8)} findings` +
      `   (${chain.checked} entries verified, ${chain.valid ? 'valid' : `invalid at ${chain.firstInvalidSeq}`};` +
      ` ${Math.round(chain.checked / Math.max(0.001, (durations.AUDIT_CHAIN_INVALID ?? 0) / 1000))} entries/s)`,
  );
  log(`  ${'run, as measured'.padEnd(20)} ${seconds(durations.total)}   (finding queries ${seconds((durations.total ?? 0) - (durations.AUDIT_CHAIN_INVALID ?? 0)).trim()})`);
  log(`  ${'POST to completed'.padEnd(20)} ${seconds(wall)}   (includes the queue and polling every 250 ms)`);
}

async function main(): Promise<void> {
  log(`reconciliation benchmark: ${settings.weapons} weapons`);
  await ensureDatabase(settings.databaseUrl);
  const service = await startService();
  const db = new Client({ connectionString: settings.databaseUrl });
  await db.connect();
  try {
    const user = await reconciler(db);
    const seededStart = Date.now();
    const count = await seed(db, settings.weapons, log, { ballistics: true });
    await seedRegistryState(db, user.id, log);
    const [{ entries }] = (await db.query<{ entries: string }>('SELECT seq AS entries FROM audit_head')).rows;
    log(`seeded: ${count} weapons, audit chain of ${entries} entries (${Math.round((Date.now() - seededStart) / 1000)} s)`);
    if (settings.explain !== 'off') await explain(db);
    for (let index = 0; index < settings.runs; index += 1) await runOnce(user.token);
  } finally {
    await db.end();
    service.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

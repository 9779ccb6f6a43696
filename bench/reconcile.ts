/**
 * Reconciliation benchmark (not a test): seeds a database of its own with BENCH_WEAPONS weapons
 * and the owners, licences, transfers and audit chain around them (bench/seed.ts), starts the
 * built service on it, asks for a run over HTTP as an auditor and reports the run's wall time
 * per finding kind (the service measures each step) and overall. The audit-chain verification
 * is reported on its own line: it reads every entry of the chain, the other kinds only tables.
 * Prints EXPLAIN of each kind's query first (EXPLAIN ANALYZE with BENCH_EXPLAIN=analyze).
 * `npm run bench:reconcile`; settings below, from the environment.
 */
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { panamaDay } from '../src/common/dates';
import { FINDING_KINDS } from '../src/reconciliation/finding-kinds';
import { FINDING_STATEMENTS, type RunMoment } from '../src/reconciliation/reconciliation.sql';
import { seed, seedRegistryState } from './seed';
import { type BenchService, ensureDatabase, log, runBenchmark, startService, userToken } from './service';

const env = process.env;
const settings = {
  weapons: Number(env.BENCH_WEAPONS ?? 1_000_000),
  databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/registry_reconcile_bench',
  port: Number(env.BENCH_PORT ?? 3108),
  explain: (env.BENCH_EXPLAIN ?? 'plain') as 'plain' | 'analyze' | 'off',
  runs: Number(env.BENCH_RUNS ?? 1),
  serviceLog: env.BENCH_SERVICE_LOG ?? join(tmpdir(), `registry-reconcile-bench-${process.pid}.log`),
};

const USERNAME = 'bench-reconciler';

/** An admin made with the create-user command (its id signs the seeded transfers), and its token. */
async function reconciler(service: BenchService, db: Client): Promise<{ id: string; token: string }> {
  const token = await userToken(service, USERNAME, ['admin']);
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [USERNAME]);
  if (rows.length !== 1) throw new Error(`user ${USERNAME} was not created`);
  return { id: rows[0].id, token };
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

async function runOnce(service: BenchService, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const asked = Date.now();
  const accepted = await fetch(`${service.baseUrl}/api/v1/reconciliation/runs`, { method: 'POST', headers });
  if (accepted.status !== 202) throw new Error(`POST /reconciliation/runs: ${accepted.status} ${await accepted.text()}`);
  const { id } = (await accepted.json()) as { id: string };
  let run: Run;
  for (;;) {
    await new Promise((done) => setTimeout(done, 250));
    run = (await (await fetch(`${service.baseUrl}/api/v1/reconciliation/runs/${id}`, { headers })).json()) as Run;
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
  log(`  ${'recording findings'.padEnd(20)} ${seconds(durations.recorded)}   (copied from the snapshot's staging table, with the completion)`);
  const chain = run.auditChain!;
  log(
    `  ${'audit chain'.padEnd(20)} ${seconds(durations.AUDIT_CHAIN_INVALID)}   ${String(run.findingsByKind!.AUDIT_CHAIN_INVALID).padStart(8)} findings` +
      `   (${chain.checked} entries verified, ${chain.valid ? 'valid' : `invalid at ${chain.firstInvalidSeq}`};` +
      ` ${Math.round(chain.checked / Math.max(0.001, (durations.AUDIT_CHAIN_INVALID ?? 0) / 1000))} entries/s)`,
  );
  log(`  ${'run, as measured'.padEnd(20)} ${seconds(durations.total)}   (finding queries and recording ${seconds((durations.total ?? 0) - (durations.AUDIT_CHAIN_INVALID ?? 0)).trim()})`);
  log(`  ${'POST to completed'.padEnd(20)} ${seconds(wall)}   (includes the queue and polling every 250 ms)`);
}

async function main(): Promise<void> {
  log(`reconciliation benchmark: ${settings.weapons} weapons`);
  await ensureDatabase(settings.databaseUrl);
  const service = await startService({
    databaseUrl: settings.databaseUrl,
    port: settings.port,
    queuePrefix: 'registry_reconcile_bench',
    logFile: settings.serviceLog,
  });
  const db = new Client({ connectionString: settings.databaseUrl });
  await db.connect();
  try {
    const user = await reconciler(service, db);
    const seededStart = Date.now();
    const count = await seed(db, settings.weapons, log, { ballistics: true });
    await seedRegistryState(db, user.id, log);
    const [{ entries }] = (await db.query<{ entries: string }>('SELECT seq AS entries FROM audit_head')).rows;
    log(`seeded: ${count} weapons, audit chain of ${entries} entries (${Math.round((Date.now() - seededStart) / 1000)} s)`);
    if (settings.explain !== 'off') await explain(db);
    for (let index = 0; index < settings.runs; index += 1) await runOnce(service, user.token);
  } finally {
    await db.end();
    await service.stop();
  }
}

runBenchmark(main);

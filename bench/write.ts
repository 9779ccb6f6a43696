/**
 * Write benchmark (not a test). Part 1: seeds a database of its own with the realistic registry
 * (BENCH_WEAPONS weapons, licensed bench owners), starts the built service on it, and measures
 * POST /weapons and POST /transfers, closed loop, at 1, 4 and 16 concurrent clients
 * (BENCH_CONCURRENCY) for BENCH_SECONDS each: requests per second, p50 and p99. Part 2 (unless
 * BENCH_PROOFS=off): on an audit chain of BENCH_AUDIT_ENTRIES entries (1,000,000; set-based,
 * its tree built as the migration builds it), the latency of GET /audit/proofs/inclusion and
 * /audit/proofs/consistency at random sizes, over HTTP and in process (the database's share).
 * BENCH_WRITES=off skips part 1.
 *
 * What the transparency log costs: run it on this build, then on a build without the tree
 * (BENCH_DIST_DIR=<that build's dist> BENCH_PROOFS=off BENCH_DATABASE_URL=<another database>),
 * back to back, and compare part 1. `npm run bench:write`.
 */
import { randomInt } from 'node:crypto';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { consistencyProof, inclusionProof } from '../src/audit/tree/audit-tree';
import { percentiles } from './load';
import { seed, seedRegistryState } from './seed';
import { seedAudit, seedAuditTree } from './seed-audit';
import { BENCH_DIST, type BenchService, ensureDatabase, log, runBenchmark, startService, userToken } from './service';

const env = process.env;
const settings = {
  weapons: Number(env.BENCH_WEAPONS ?? 200_000),
  databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/registry_write_bench',
  auditDatabaseUrl: env.BENCH_AUDIT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/registry_audit_bench',
  auditEntries: Number(env.BENCH_AUDIT_ENTRIES ?? 1_000_000),
  port: Number(env.BENCH_PORT ?? 3111),
  concurrency: (env.BENCH_CONCURRENCY ?? '1,4,16').split(',').map(Number),
  seconds: Number(env.BENCH_SECONDS ?? 10),
  proofs: env.BENCH_PROOFS !== 'off',
  proofSeconds: Number(env.BENCH_PROOF_SECONDS ?? 10),
  serviceLog: env.BENCH_SERVICE_LOG ?? join(tmpdir(), `registry-write-bench-${process.pid}.log`),
};

interface Sent {
  status: number;
  body: string;
}

function send(method: string, url: string, headers: Record<string, string>, body: unknown, agent: Agent): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const sent = request(url, { method, headers: payload ? { ...headers, 'content-type': 'application/json' } : headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(payload);
  });
}

interface Measured {
  ok: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  firstError?: string;
}

/** `concurrency` clients, each sending its next request (made by `next`) as soon as the last answered, for `seconds`. */
async function closedLoop(
  concurrency: number,
  seconds: number,
  next: () => { method: string; url: string; body?: unknown } | null,
  headers: Record<string, string>,
  expected: number,
): Promise<Measured> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const until = started + seconds * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < until) {
      const call = next();
      if (!call) return;
      const sent = performance.now();
      try {
        const response = await send(call.method, call.url, headers, call.body, agent);
        if (response.status === expected) latencies.push(performance.now() - sent);
        else {
          errors += 1;
          firstError ??= `${response.status} ${response.body.slice(0, 300)}`;
        }
      } catch (error) {
        errors += 1;
        firstError ??= String(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  const { p50, p99 } = percentiles(latencies);
  return { ok: latencies.length, errors, perSecond: latencies.length / elapsed, p50, p99, firstError };
}

const line = (label: string, result: Measured): string =>
  `  ${label.padEnd(28)} ${result.perSecond.toFixed(1).padStart(8)}/s  p50 ${result.p50.toFixed(1).padStart(7)} ms  p99 ${result.p99
    .toFixed(1)
    .padStart(7)} ms  (${result.ok} ok, ${result.errors} errors${result.firstError ? `; first: ${result.firstError}` : ''})`;

const today = new Date().toISOString().slice(0, 10);

async function writes(): Promise<void> {
  await ensureDatabase(settings.databaseUrl);
  const service = await startService({
    databaseUrl: settings.databaseUrl,
    port: settings.port,
    queuePrefix: 'registry_write_bench',
    logFile: settings.serviceLog,
    extraEnv: { WORKERS: 'off', LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn' },
  });
  const db = new Client({ connectionString: settings.databaseUrl });
  await db.connect();
  try {
    const token = await userToken(service, 'bench-writer', ['admin']);
    const [{ id: writerId }] = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'bench-writer'`)).rows;
    await seed(db, settings.weapons, log);
    await seedRegistryState(db, writerId, log);
    // The seed writes the creation entries behind the service's back: their tree is built as the migration builds it.
    const [{ tree }] = (await db.query<{ tree: boolean }>(`SELECT to_regclass('audit_tree_nodes') IS NOT NULL AS tree`)).rows;
    if (tree) await seedAuditTree(db, log);
    const holders = (
      await db.query<{ id: string }>(
        `SELECT o.id FROM owners o
          WHERE o.status = 'active' AND o.id_number LIKE 'BENCH%'
            AND EXISTS (SELECT 1 FROM licences l WHERE l.owner_id = o.id AND l.revoked_at IS NULL AND l.expires_at > current_date)
          LIMIT 5000`,
      )
    ).rows.map((row) => row.id);
    log(`${holders.length} licensed holders; build ${BENCH_DIST}`);
    await measureWrites(service, token, db, holders);
  } finally {
    await db.end();
    await service.stop();
  }
}

async function measureWrites(service: BenchService, token: string, db: Client, holders: string[]): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase();
  let serial = 0;
  const registration = (): { method: string; url: string; body: unknown } => ({
    method: 'POST',
    url: `${service.baseUrl}/api/v1/weapons`,
    body: {
      make: 'Glock',
      model: '19 Gen5',
      type: 'pistol',
      calibre: '9mm',
      serialNumber: `WB${run}X${(serial += 1)}`,
      countryOfManufacture: 'AT',
      yearOfManufacture: 2021,
      ownerId: holders[randomInt(holders.length)],
      acquisition: { kind: 'domestic_purchase', date: today, documentRef: 'BENCH' },
    },
  });
  // Warm up (JIT, pools) before the first figure.
  await closedLoop(4, 2, registration, headers, 201);
  log('registrations (POST /weapons):');
  for (const concurrency of settings.concurrency) {
    log(line(`${concurrency} client(s)`, await closedLoop(concurrency, settings.seconds, registration, headers, 201)));
  }

  // Each transfer moves an active weapon of a licensed holder to another licensed holder, once.
  const holderSet = holders;
  const weapons = (
    await db.query<{ id: string; holder_id: string; version: number }>(
      `SELECT w.id, w.holder_id, w.version FROM weapons w
        WHERE w.status = 'active' AND w.holder_id = ANY($1::uuid[]) AND w.registry_number LIKE 'PA-2019-%'
        ORDER BY w.id LIMIT 60000`,
      [holderSet],
    )
  ).rows;
  log(`transfers (POST /transfers), from ${weapons.length} weapons, each moved once:`);
  let at = 0;
  const transfer = (): { method: string; url: string; body: unknown } | null => {
    const weapon = weapons[at++];
    if (!weapon) return null;
    let to = holderSet[randomInt(holderSet.length)];
    if (to === weapon.holder_id) to = holderSet[(holderSet.indexOf(to) + 1) % holderSet.length];
    return {
      method: 'POST',
      url: `${service.baseUrl}/api/v1/transfers`,
      body: { weaponId: weapon.id, fromOwnerId: weapon.holder_id, toOwnerId: to, kind: 'sale', date: today, weaponVersion: weapon.version },
    };
  };
  for (const concurrency of settings.concurrency) {
    log(line(`${concurrency} client(s)`, await closedLoop(concurrency, settings.seconds, transfer, headers, 201)));
  }
}

async function proofs(): Promise<void> {
  await ensureDatabase(settings.auditDatabaseUrl);
  const service = await startService({
    databaseUrl: settings.auditDatabaseUrl,
    port: settings.port + 1,
    queuePrefix: 'registry_audit_bench',
    logFile: `${settings.serviceLog}.proofs`,
    extraEnv: { WORKERS: 'off', LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn' },
  });
  const db = new Client({ connectionString: settings.auditDatabaseUrl });
  await db.connect();
  try {
    const [{ seq }] = (await db.query<{ seq: string }>('SELECT seq FROM audit_head WHERE id = 1')).rows;
    const missing = settings.auditEntries - Number(seq);
    if (missing > 0) await seedAudit(db, missing, log);
    const token = await userToken(service, 'bench-auditor', ['auditor']);
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const size = Number((await db.query<{ seq: string }>('SELECT seq FROM audit_head WHERE id = 1')).rows[0].seq);
    log(`proofs on a log of ${size} entries (1 client, ${settings.proofSeconds} s each):`);
    const inclusion = (): { method: string; url: string } => {
      const treeSize = size - randomInt(Math.min(size, 1000));
      return { method: 'GET', url: `${service.baseUrl}/api/v1/audit/proofs/inclusion?seq=${1 + randomInt(treeSize)}&treeSize=${treeSize}` };
    };
    const consistency = (): { method: string; url: string } => ({
      method: 'GET',
      url: `${service.baseUrl}/api/v1/audit/proofs/consistency?from=${1 + randomInt(size)}&to=${size}`,
    });
    await closedLoop(1, 2, inclusion, headers, 200);
    log(line('inclusion proof', await closedLoop(1, settings.proofSeconds, inclusion, headers, 200)));
    log(line('consistency proof', await closedLoop(1, settings.proofSeconds, consistency, headers, 200)));
    log(line('tree head', await closedLoop(1, settings.proofSeconds, () => ({ method: 'GET', url: `${service.baseUrl}/api/v1/audit/tree-head` }), headers, 200)));
    log(line('GET /health/live (HTTP floor)', await closedLoop(1, settings.proofSeconds, () => ({ method: 'GET', url: `${service.baseUrl}/health/live` }), {}, 200)));
    // The proof alone, as the service computes it, over one connection: the database's share.
    const runner = { query: async (sql: string, parameters?: unknown[]) => (await db.query(sql, parameters)).rows };
    for (const [label, prove] of [
      ['inclusion proof, in process', () => inclusionProof(runner, randomInt(size), size)],
      ['consistency proof, in process', () => consistencyProof(runner, 1 + randomInt(size), size)],
    ] as const) {
      const times: number[] = [];
      const until = performance.now() + settings.proofSeconds * 1000;
      while (performance.now() < until) {
        const begun = performance.now();
        await prove();
        times.push(performance.now() - begun);
      }
      const { p50, p99 } = percentiles(times);
      log(line(label, { ok: times.length, errors: 0, perSecond: times.length / settings.proofSeconds, p50, p99 }));
    }
  } finally {
    await db.end();
    await service.stop();
  }
}

async function main(): Promise<void> {
  log(`write benchmark: ${settings.weapons} seeded weapons, clients ${settings.concurrency.join(', ')}, ${settings.seconds} s each`);
  if (env.BENCH_WRITES !== 'off') await writes();
  if (settings.proofs) await proofs();
}

runBenchmark(main);

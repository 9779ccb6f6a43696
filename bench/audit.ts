/**
 * Audit benchmark (not a test): grows the audit chain of a database of its own to
 * BENCH_AUDIT_ENTRIES entries (default 1,000,000; set-based, kept between runs), starts the
 * built service on it without workers, and measures as an auditor: GET /audit/export's
 * memory while it streams the whole chain, GET /audit/verify in entries per second
 * (BENCH_VERIFY_RUNS times) and the offline verifier on the exported file.
 * `npm run bench:audit`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { measureAudit } from './measure-audit';
import { seedAudit } from './seed-audit';
import { BENCH_DIST, ensureDatabase, log, runBenchmark, startService, userToken } from './service';

const env = process.env;
const settings = {
  entries: Number(env.BENCH_AUDIT_ENTRIES ?? 1_000_000),
  databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/registry_audit_bench',
  port: Number(env.BENCH_PORT ?? 3109),
  verifyRuns: Number(env.BENCH_VERIFY_RUNS ?? 3),
  serviceLog: env.BENCH_SERVICE_LOG ?? join(tmpdir(), `registry-audit-bench-${process.pid}.log`),
};

async function main(): Promise<void> {
  log(`audit benchmark: a chain of ${settings.entries} entries`);
  await ensureDatabase(settings.databaseUrl);
  const service = await startService({
    databaseUrl: settings.databaseUrl,
    port: settings.port,
    queuePrefix: 'registry_audit_bench',
    logFile: settings.serviceLog,
    extraEnv: { WORKERS: 'off' },
  });
  const db = new Client({ connectionString: settings.databaseUrl });
  await db.connect();
  try {
    const [{ seq }] = (await db.query<{ seq: string }>('SELECT seq FROM audit_head WHERE id = 1')).rows;
    const missing = settings.entries - Number(seq);
    if (missing > 0) await seedAudit(db, missing, log);
    const token = await userToken(service, 'bench-auditor', ['auditor']);
    await measureAudit({
      baseUrl: service.baseUrl,
      pid: service.child.pid as number,
      token,
      verifyRuns: settings.verifyRuns,
      verifier: join(BENCH_DIST, 'cli/audit-verify.js'),
    });
  } finally {
    await db.end();
    await service.stop();
  }
}

runBenchmark(main);

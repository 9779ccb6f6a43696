/**
 * Import benchmark (not a test): starts the built service on a database of its own (dropped
 * and created afresh each run), seeds BENCH_HOLDERS licensed holders set-based, generates a
 * CSV of BENCH_ROWS weapons, posts it to POST /imports and polls GET /imports/:id until it
 * is completed. Reports rows per second from the import's startedAt/finishedAt (the job's
 * own time) and from the wall clock (upload, inspection and queueing included), then checks
 * the audit chain with GET /audit/verify. `npm run bench:import`; settings below.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ImportColumn } from '../src/imports/import-csv';
import { ensureDatabase, log, runBenchmark, startService, userToken } from './service';

const env = process.env;
const settings = {
  rows: Number(env.BENCH_ROWS ?? 100_000),
  holders: Number(env.BENCH_HOLDERS ?? 5_000),
  databaseUrl: env.BENCH_IMPORT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/registry_bench_import',
  port: Number(env.BENCH_PORT ?? 3147),
  batchSize: env.BENCH_IMPORT_BATCH_SIZE,
  verify: env.BENCH_VERIFY !== 'off',
  serviceLog: env.BENCH_SERVICE_LOG ?? join(tmpdir(), `registry-bench-import-${process.pid}.log`),
};

const MAKES = ['Glock', 'Smith & Wesson', 'Beretta', 'Taurus', 'Sig Sauer', 'Colt', 'Ruger', 'CZ'];
const CALIBRES = ['9mm', '.38 Special', '.45 ACP', '.40 S&W', '.22 LR', '.380 ACP'];
const TYPES = ['pistol', 'revolver', 'rifle', 'shotgun', 'carbine'];
const HEADER: ImportColumn[] = [
  'holderDocumentKind',
  'holderDocumentNumber',
  'make',
  'model',
  'type',
  'calibre',
  'serialNumber',
  'serialStatus',
  'countryOfManufacture',
  'yearOfManufacture',
  'acquisitionKind',
  'acquisitionDate',
  'documentRef',
];

/** Holders with passports IMPB1…IMPBn in San Miguelito, each with a licence in force for every type. */
async function seedHolders(db: Client): Promise<void> {
  await db.query(
    `INSERT INTO owners (type, name, name_search, id_kind, id_number, id_number_normalized, birth_date, nationality, district, address_line)
     SELECT 'person', 'Import Holder ' || g, 'import holder ' || g, 'passport', 'IMPB' || g, 'IMPB' || g, date '1980-01-01', 'PA', '8-05', 'Calle ' || g
       FROM generate_series(1, $1) g`,
    [settings.holders],
  );
  await db.query(
    `INSERT INTO licences (owner_id, kind, number, issued_at, expires_at, weapon_types)
     SELECT o.id, 'possession', 'IMPB-LIC-' || o.id_number, current_date - 3650, current_date + 365, $1::text[]
       FROM owners o WHERE o.id_number LIKE 'IMPB%'`,
    [TYPES],
  );
  await db.query('ANALYZE owners; ANALYZE licences');
}

/** One weapon a row, all valid: mostly bought, some legacy records, a few obliterated serials. */
function generateCsv(): Buffer {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const lines = [HEADER.join(',')];
  for (let index = 0; index < settings.rows; index += 1) {
    const obliterated = index % 200 === 199;
    const legacy = index % 10 === 3;
    lines.push(
      [
        'passport',
        `IMPB${1 + (index % settings.holders)}`,
        MAKES[index % MAKES.length],
        `Model ${index % 40}`,
        TYPES[index % TYPES.length],
        CALIBRES[index % CALIBRES.length],
        obliterated ? '' : `IB-${tag}-${index}`,
        obliterated ? 'obliterated' : 'marked',
        'US',
        String(1990 + (index % 30)),
        legacy ? 'legacy_record' : 'domestic_purchase',
        legacy ? '1998-06-01' : '2025-01-15',
        `FAC-${index}`,
      ].join(','),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

interface ImportView {
  status: string;
  total: number;
  processed: number;
  accepted: number;
  rejected: number;
  startedAt: string | null;
  finishedAt: string | null;
  failureReason?: string;
  errors: Array<{ row: number; code: string; message: string }>;
}

/** Asks GET /health/live over and over until `until` settles: how many answers, and the slowest. */
async function probeLiveness(baseUrl: string, until: Promise<unknown>): Promise<{ probes: number; slowest: number }> {
  let settled = false;
  void until.finally(() => (settled = true)).catch(() => undefined);
  let probes = 0;
  let slowest = 0;
  while (!settled) {
    const asked = Date.now();
    await fetch(`${baseUrl}/health/live`).then((answer) => answer.arrayBuffer());
    slowest = Math.max(slowest, Date.now() - asked);
    probes += 1;
    await new Promise((done) => setTimeout(done, 10));
  }
  return { probes, slowest };
}

async function main(): Promise<void> {
  log(`import benchmark: ${settings.rows} rows, ${settings.holders} holders${settings.batchSize ? `, batches of ${settings.batchSize}` : ''}`);
  // Dropped and created empty each run: the service migrates it when it starts.
  await ensureDatabase(settings.databaseUrl, { fresh: true });
  const service = await startService({
    databaseUrl: settings.databaseUrl,
    port: settings.port,
    queuePrefix: `registry_bench_import_${randomBytes(3).toString('hex')}`,
    logFile: settings.serviceLog,
    extraEnv: settings.batchSize ? { IMPORT_BATCH_SIZE: settings.batchSize } : {},
  });
  const db = new Client({ connectionString: settings.databaseUrl });
  await db.connect();
  try {
    await seedHolders(db);
    const token = await userToken(service, 'bench-import-admin', ['admin']);
    const headers = { authorization: `Bearer ${token}` };
    const file = generateCsv();
    log(`file: ${(file.length / 1_048_576).toFixed(1)} MiB`);
    const posted = Date.now();
    const uploading = fetch(`${service.baseUrl}/api/v1/imports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: file,
    });
    // The API must go on answering while a file is posted and inspected.
    const probe = probeLiveness(service.baseUrl, uploading);
    const response = await uploading;
    if (response.status !== 202) throw new Error(`POST /imports: ${response.status} ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    log(`accepted in ${Date.now() - posted} ms: import ${id}`);
    const { probes, slowest } = await probe;
    log(`  meanwhile GET /health/live answered ${probes} times, the slowest in ${slowest} ms`);
    let view: ImportView;
    let lastLogged = 0;
    for (;;) {
      view = (await (await fetch(`${service.baseUrl}/api/v1/imports/${id}`, { headers })).json()) as ImportView;
      if (view.status === 'completed' || view.status === 'failed') break;
      if (Date.now() - lastLogged > 2000) {
        log(`  ${view.status}: ${view.processed} of ${view.total} rows (${Math.round((Date.now() - posted) / 1000)} s)`);
        lastLogged = Date.now();
      }
      await new Promise((done) => setTimeout(done, 200));
    }
    const wall = (Date.now() - posted) / 1000;
    if (view.status !== 'completed') throw new Error(`the import failed: ${view.failureReason ?? 'no reason given'}`);
    const job = (Date.parse(view.finishedAt!) - Date.parse(view.startedAt!)) / 1000;
    log(`completed: ${view.accepted} accepted, ${view.rejected} rejected of ${view.total}`);
    if (view.errors.length > 0) log(`  first errors: ${JSON.stringify(view.errors.slice(0, 3))}`);
    log(`job (startedAt → finishedAt): ${job.toFixed(2)} s = ${Math.round(view.total / job)} rows/s`);
    log(`wall clock (POST → completed seen): ${wall.toFixed(2)} s = ${Math.round(view.total / wall)} rows/s`);
    if (settings.verify) {
      const begun = Date.now();
      const verify = (await (await fetch(`${service.baseUrl}/api/v1/audit/verify`, { headers })).json()) as {
        valid: boolean;
        checked: number;
      };
      log(`audit verify: valid=${verify.valid}, ${verify.checked} entries checked (${Date.now() - begun} ms)`);
      if (!verify.valid) throw new Error('the audit chain does not verify after the import');
    }
  } finally {
    await db.end();
    await service.stop();
  }
}

runBenchmark(main);

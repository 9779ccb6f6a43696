/**
 * Statistics benchmark (not a test): starts the built service on a database of its own, seeds
 * BENCH_WEAPONS weapons (bench/seed.ts), a licence for every bench owner, BENCH_RECOVERY_ITEMS
 * recovery items over the last two years (ten items a recovery, each with its trace request, one
 * in five with an established origin) and a weapon event for one weapon in twenty recorded over
 * the last 60 days, all set-based; then times every statistics call over HTTP BENCH_REPEAT times
 * and reports the median and slowest, with the plans of the SQL in EXPLAIN (ANALYZE) form when
 * BENCH_EXPLAIN=1. `npm run bench:statistics`.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { seed } from './seed';
import { ensureDatabase, log, runBenchmark, startService, userToken } from './service';

const env = process.env;
const settings = {
  weapons: Number(env.BENCH_WEAPONS ?? 1_000_000),
  recoveryItems: Number(env.BENCH_RECOVERY_ITEMS ?? 100_000),
  repeat: Number(env.BENCH_REPEAT ?? 5),
  databaseUrl: env.BENCH_STATISTICS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/registry_bench_statistics',
  port: Number(env.BENCH_PORT ?? 3151),
  serviceLog: env.BENCH_SERVICE_LOG ?? join(tmpdir(), `registry-bench-statistics-${process.pid}.log`),
};
const KINDS = ['seized', 'found', 'surrendered', 'amnesty'];
const TYPES = ['pistol', 'revolver', 'rifle', 'shotgun', 'carbine'];

async function seedState(db: Client): Promise<void> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM recovery_items');
  if (rows[0].n >= settings.recoveryItems) {
    log(`database already holds ${rows[0].n} recovery items`);
    return;
  }
  const started = Date.now();
  const { rows: users } = await db.query<{ id: string }>(`SELECT id FROM users ORDER BY created_at LIMIT 1`);
  const userId = users[0].id;
  await db.query(
    `INSERT INTO licences (owner_id, kind, number, issued_at, expires_at, weapon_types)
     SELECT o.id, (ARRAY['possession','carry','collector'])[1 + (row_number() OVER ()) % 3], 'STAT-' || o.id_number,
            current_date - 1000, current_date + 365, $1::text[]
       FROM owners o WHERE o.id_number LIKE 'BENCH%'
     ON CONFLICT DO NOTHING`,
    [TYPES],
  );
  const recoveries = Math.ceil(settings.recoveryItems / 10);
  await db.query(
    `INSERT INTO recoveries (id, kind, date, district, agency, case_number, anonymous, ammunition, item_count, recorded_by, recorded_at)
     SELECT md5('rec' || g)::uuid, ($1::text[])[1 + g % 4], current_date - (g % 730), d.codes[1 + g % cardinality(d.codes)],
            'Bench agency', 'BENCH-' || g, false,
            jsonb_build_array(jsonb_build_object('calibre', '9mm', 'rounds', 10 + g % 50)), 10, $2, now()
       FROM generate_series(1, $3) g
      CROSS JOIN (SELECT array_agg(code ORDER BY code) AS codes FROM districts) d`,
    [KINDS, userId, recoveries],
  );
  await db.query(
    `INSERT INTO trace_requests (id, case_number, requesting_agency, reason, recovery, marking, status, result, attempts,
                                 requested_by, requested_by_username, created_at, completed_at, illicit_origin)
     SELECT md5('tr' || g)::uuid, 'BENCH-' || (1 + (g - 1) / 10), 'Bench agency', 'bench',
            '{"date":"2026-01-01","place":"x","district":null}', '{"serialNumber":"BENCH"}', 'completed',
            '{"outcome":"not_found","candidates":[]}', 1, $1, 'bench', now(), now(),
            CASE WHEN g % 5 = 0 THEN jsonb_build_object('established', true, 'method', 'tracing', 'diversionPoint', 'theft') END
       FROM generate_series(1, $2) g`,
    [userId, settings.recoveryItems],
  );
  await db.query(
    `INSERT INTO recovery_items (recovery_id, index, weapon_id, matched, trace_request_id, kind, date, district, anonymous,
                                 make, type, calibre, serial_status)
     SELECT md5('rec' || (1 + (g - 1) / 10))::uuid, (g - 1) % 10, w.id, 'registered', md5('tr' || g)::uuid,
            r.kind, r.date, r.district, false, w.make, w.type, w.calibre, 'marked'
       FROM generate_series(1, $1) g
       JOIN recoveries r ON r.id = md5('rec' || (1 + (g - 1) / 10))::uuid
       JOIN weapons w ON w.registry_number = 'PA-2019-' || lpad(g::text, 7, '0')`,
    [settings.recoveryItems],
  );
  await db.query(
    `INSERT INTO weapon_events (weapon_id, kind, occurred_at, from_status, to_status, recorded_by, recorded_at)
     SELECT w.id, 'reported_lost', now() - make_interval(days => (g % 60)), 'active', 'lost', $1, now() - make_interval(days => (g % 60))
       FROM generate_series(1, $2::int, 20) g
       JOIN weapons w ON w.registry_number = 'PA-2019-' || lpad(g::text, 7, '0')`,
    [userId, settings.weapons],
  );
  await db.query('ANALYZE licences; ANALYZE recoveries; ANALYZE trace_requests; ANALYZE recovery_items; ANALYZE weapon_events');
  log(`seeded licences, ${recoveries} recoveries, ${settings.recoveryItems} items and events in ${Math.round((Date.now() - started) / 1000)} s`);
}

runBenchmark(async () => {
  log(`statistics benchmark: ${settings.weapons} weapons, ${settings.recoveryItems} recovery items (shared machine)`);
  await ensureDatabase(settings.databaseUrl);
  const service = await startService({
    databaseUrl: settings.databaseUrl,
    port: settings.port,
    queuePrefix: `bench_statistics_${randomBytes(3).toString('hex')}`,
    logFile: settings.serviceLog,
    extraEnv: { WORKERS: 'off' },
  });
  const db = new Client({ connectionString: settings.databaseUrl });
  await db.connect();
  try {
    await seed(db, settings.weapons, log);
    const token = await userToken(service, 'bench-statistics-auditor', ['auditor']);
    await seedState(db);
    const day = (offset: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Panama' }).format(new Date(Date.now() + offset * 86_400_000));
    const calls: Array<[string, string]> = [
      ['sdg national, 2 years', `sdg-16-4-2?from=${day(-730)}&to=${day(0)}`],
      ['sdg one district, 1 year', `sdg-16-4-2?from=${day(-365)}&to=${day(0)}&district=13-04&publishable=true`],
      ...(['district', 'province', 'type', 'status', 'licenceKind'] as const).map((group): [string, string] => [`registry by ${group}, today`, `registry?groupBy=${group}`]),
      ['registry by status, 30 days ago', `registry?groupBy=status&at=${day(-30)}`],
      ['registry by district, 59 days ago', `registry?groupBy=district&at=${day(-59)}`],
      ...(['month', 'district', 'type', 'kind', 'calibre'] as const).map((group): [string, string] => [`recoveries by ${group}, 2 years`, `recoveries?from=${day(-730)}&to=${day(0)}&groupBy=${group}`]),
    ];
    const rows: string[] = [];
    for (const [name, path] of calls) {
      const times: number[] = [];
      for (let n = 0; n < settings.repeat; n += 1) {
        const started = process.hrtime.bigint();
        const response = await fetch(`${service.baseUrl}/api/v1/statistics/${path}`, { headers: { authorization: `Bearer ${token}` } });
        const body = await response.text();
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body}`);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      const line = `${name.padEnd(36)} median ${times[Math.floor(times.length / 2)].toFixed(0).padStart(5)} ms   slowest ${times[times.length - 1].toFixed(0).padStart(5)} ms`;
      rows.push(line);
      log(`  ${line}`);
    }
    log('\nsummary');
    for (const row of rows) log(row);
  } finally {
    await db.end();
    await service.stop();
  }
});

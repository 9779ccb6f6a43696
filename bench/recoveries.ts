/**
 * Recovery benchmark (not a test): starts the built service on a database of its own, seeds
 * BENCH_WEAPONS weapons set-based (bench/seed.ts), then posts BENCH_RECOVERIES amnesty hand-ins
 * of BENCH_ITEMS items each to POST /recoveries, one at a time: a third of the items match
 * registered active weapons, a third are unregistered marked weapons and a third obliterated
 * (national mark). Each request writes its weapons, events, a trace request per item with its
 * outbox row, the recovery and every audit entry in one transaction. Reports each request's
 * time and items/s, then checks the audit chain. `npm run bench:recoveries`.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { seed } from './seed';
import { ensureDatabase, log, runBenchmark, startService, userToken } from './service';

const env = process.env;
const settings = {
  weapons: Number(env.BENCH_WEAPONS ?? 100_000),
  recoveries: Number(env.BENCH_RECOVERIES ?? 5),
  items: Number(env.BENCH_ITEMS ?? 500),
  databaseUrl: env.BENCH_RECOVERIES_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/registry_bench_recoveries',
  port: Number(env.BENCH_PORT ?? 3149),
  serviceLog: env.BENCH_SERVICE_LOG ?? join(tmpdir(), `registry-bench-recoveries-${process.pid}.log`),
};

runBenchmark(async () => {
  log(`recoveries benchmark: ${settings.recoveries} hand-ins of ${settings.items} items over ${settings.weapons} weapons`);
  await ensureDatabase(settings.databaseUrl);
  const service = await startService({
    databaseUrl: settings.databaseUrl,
    port: settings.port,
    queuePrefix: `bench_recoveries_${randomBytes(3).toString('hex')}`,
    logFile: settings.serviceLog,
  });
  const db = new Client({ connectionString: settings.databaseUrl });
  await db.connect();
  try {
    await seed(db, settings.weapons, log);
    const token = await userToken(service, 'bench-recoveries-officer', ['officer']);
    const perThird = Math.floor(settings.items / 3);
    const times: number[] = [];
    for (let run = 0; run < settings.recoveries; run += 1) {
      // Active weapons not yet handed in by an earlier run of this benchmark.
      const { rows: lawful } = await db.query<{ make: string; serial_number: string }>(
        `SELECT make, serial_number FROM weapons w
          WHERE status = 'active' AND holder_id IS NOT NULL AND make IN ('Glock', 'Beretta', 'Taurus')
            AND NOT EXISTS (SELECT 1 FROM recovery_items i WHERE i.weapon_id = w.id)
          ORDER BY registered_at DESC LIMIT $1`,
        [perThird],
      );
      const tag = randomBytes(4).toString('hex').toUpperCase();
      const items = [
        ...lawful.map((weapon) => ({ make: weapon.make, type: 'pistol', calibre: '9mm', serialNumber: weapon.serial_number, serialStatus: 'marked' })),
        ...Array.from({ length: perThird }, (_, n) => ({
          make: 'Taurus',
          model: 'G2C',
          type: 'pistol',
          calibre: '9mm',
          serialNumber: `BR${tag}${n}`,
          serialStatus: 'marked',
          countryOfManufacture: 'BR',
        })),
      ];
      while (items.length < settings.items) items.push({ type: 'revolver', calibre: '.38 Special', serialStatus: 'obliterated' } as (typeof items)[number]);
      const body = {
        kind: 'amnesty',
        anonymous: true,
        date: new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Panama' }).format(new Date()),
        district: '8-05',
        agency: 'Ministerio de Seguridad Pública, campaña de canje',
        legalBasis: 'Campaña de canje de armas',
        items,
        ammunition: [{ calibre: '9mm', rounds: 1200 }],
      };
      const started = process.hrtime.bigint();
      const response = await fetch(`${service.baseUrl}/api/v1/recoveries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (response.status !== 201) throw new Error(`POST /recoveries: ${response.status} ${await response.text()}`);
      const recovery = (await response.json()) as { items: Array<{ matched: string }> };
      const matched = recovery.items.filter((item) => item.matched === 'registered').length;
      times.push(ms);
      log(`  hand-in ${run + 1}: ${items.length} items (${matched} registered) in ${ms.toFixed(0)} ms = ${((items.length * 1000) / ms).toFixed(0)} items/s`);
    }
    const total = times.reduce((sum, ms) => sum + ms, 0);
    log(`mean ${(total / times.length).toFixed(0)} ms per hand-in, ${((settings.items * times.length * 1000) / total).toFixed(0)} items/s; slowest ${Math.max(...times).toFixed(0)} ms`);
    const verify = await fetch(`${service.baseUrl}/api/v1/audit/verify`, {
      headers: { authorization: `Bearer ${await userToken(service, 'bench-recoveries-auditor', ['auditor'])}` },
    });
    log(`audit chain: ${JSON.stringify(((await verify.json()) as { valid: boolean }).valid)}`);
  } finally {
    await db.end();
    await service.stop();
  }
});

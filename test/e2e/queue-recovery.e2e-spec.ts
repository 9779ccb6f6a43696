import Redis from 'ioredis';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { daysFromToday, makeHolder, registerWeapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

const DIST = process.env.TEST_DIST_DIR ?? join(__dirname, '../../dist');
const NODE_PATH = join(__dirname, '../../node_modules');

// Each test starts a service (and a worker) of its own, and waits for sweeps: slower than most on a busy machine.
jest.setTimeout(240_000);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, deadlineMs = 90_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Redis of the test's own, without persistence: stopping it and starting it again leaves it empty. */
class OwnRedis {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.process = server;
    const client = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null });
    await until('the test Redis to answer', async () => {
      try {
        if (client.status !== 'ready') await client.connect();
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    });
    client.disconnect();
  }

  async down(): Promise<void> {
    const server = this.process;
    this.process = null;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  }
}

/** Holds a lock from outside the service, so the test can catch a job waiting on it and cancel that wait. */
async function holdLock(t: TestApp, lock: string): Promise<{ client: PoolClient; pid: number }> {
  const client = await t.db.connect();
  await client.query('BEGIN');
  await client.query(lock);
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { client, pid: rows[0].pid };
}

async function waiters(t: TestApp, holder: number): Promise<number[]> {
  const { rows } = await t.db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND $1 = ANY(pg_blocking_pids(pid))`,
    [holder],
  );
  return rows.map((row) => row.pid);
}

function fileTraceRequest(app: TestApp, as: TestUser, serialNumber: string) {
  return app.http
    .post('/api/v1/trace-requests')
    .set(bearer(as.accessToken))
    .send({
      caseNumber: `REC-${randomInt(1, 1e9)}`,
      requestingAgency: 'DIJ',
      reason: 'recovered',
      recovery: { date: daysFromToday(0), place: 'Calle 50' },
      marking: { serialNumber },
    })
    .expect(202);
}

async function relayed(t: TestApp, ids: string[]): Promise<void> {
  await until('the jobs to be handed to Redis', async () => {
    const { rows } = await t.db.query(`SELECT 1 FROM queue_outbox WHERE payload->>'traceRequestId' = ANY($1) AND sent_at IS NOT NULL`, [ids]);
    return rows.length === ids.length;
  });
}

async function statuses(t: TestApp, ids: string[]): Promise<Array<{ status: string; outcome: string | null; completions: number }>> {
  const { rows } = await t.db.query(
    `SELECT r.status, r.result->>'outcome' AS outcome,
            (SELECT count(*)::int FROM audit_entries a WHERE a.action = 'trace_request.completed' AND a.entity_id = r.id::text) AS completions
       FROM trace_requests r WHERE r.id = ANY($1) ORDER BY r.id`,
    [ids],
  );
  return rows as Array<{ status: string; outcome: string | null; completions: number }>;
}

describe('queue recovery: Redis restarted empty', () => {
  let redis: OwnRedis;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    redis = await OwnRedis.start();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await redis.down();
  });

  it('queues again requests whose jobs were lost while no worker ran, once a worker runs', async () => {
    const t = await TestApp.start({ REDIS_URL: redis.url, WORKERS: 'off', QUEUE_RECOVERY_INTERVAL: '1' });
    try {
      const admin = await t.bootstrapAdmin();
      const police = await t.user(admin, ['police']);
      const ids: string[] = [];
      for (let n = 0; n < 3; n += 1) ids.push((await fileTraceRequest(t, police, `LOST-${randomInt(1, 1e9)}`)).body.id as string);
      await relayed(t, ids);
      const client = new Redis(redis.url);
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
      // Readiness tells that work waits.
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.queue.queued).toMatchObject({ count: 3, overdue: 0 });

      const worker = spawn(process.execPath, [join(DIST, 'worker.js')], {
        env: { ...process.env, NODE_PATH, ...t.env, WORKERS: 'off' },
        stdio: 'ignore',
      });
      children.push(worker);
      const done = await until('the lost requests to be answered', async () => {
        const rows = await statuses(t, ids);
        return rows.every((row) => row.status === 'completed') ? rows : null;
      });
      expect(done).toEqual(ids.map(() => ({ status: 'completed', outcome: 'not_found', completions: 1 })));
      expect(t.logs).toMatch(/trace_request \S+ \(queued\) had no job in Redis: queued again as trace-request\.answer-/);
      worker.kill('SIGTERM');
    } finally {
      await t.close();
    }
  });

  it('with a worker running: requests whose jobs were lost mid-run complete, and the schedules come back', async () => {
    const t = await TestApp.start({ REDIS_URL: redis.url, QUEUE_RECOVERY_INTERVAL: '1' });
    const prefix = t.env.QUEUE_PREFIX;
    try {
      const admin = await t.bootstrapAdmin();
      const police = await t.user(admin, ['police', 'officer']);
      const holder = await makeHolder(t, police);
      const weapon = await registerWeapon(t, police, weaponBody(holder.id, { serialNumber: `RST-${randomInt(1, 1e9)}` }));
      const schedules = async (): Promise<string[]> => {
        const client = new Redis(redis.url, { retryStrategy: () => null, maxRetriesPerRequest: 1 });
        try {
          return [...(await client.zrange(`${prefix}:background:repeat`, 0, -1)), ...(await client.zrange(`${prefix}:bulk:repeat`, 0, -1))].sort();
        } catch {
          return [];
        } finally {
          client.disconnect();
        }
      };
      const expected = ['audit.sign-checkpoint', 'notifications.run', 'queue.prune-outbox', 'reconciliation.run'];
      expect(await until('the schedules to be written', async () => ((await schedules()).length === 4 ? schedules() : null))).toEqual(expected);

      // A traced answer reads the custody chain: its run waits there while the table is locked.
      const lock = await holdLock(t, 'LOCK TABLE transfers IN ACCESS EXCLUSIVE MODE');
      const ids: string[] = [];
      try {
        for (let n = 0; n < 2; n += 1) ids.push((await fileTraceRequest(t, police, weapon.serialNumber)).body.id as string);
        await relayed(t, ids);
        const waiting = await until('both runs to wait on the lock', async () => {
          const pids = await waiters(t, lock.pid);
          return pids.length === 2 ? pids : null;
        });
        await redis.down();
        await redis.up();
        // The runs fail where they wait; their jobs are gone, so BullMQ cannot retry them.
        for (const pid of waiting) await t.db.query('SELECT pg_cancel_backend($1)', [pid]);
      } finally {
        await lock.client.query('ROLLBACK');
        lock.client.release();
      }
      const done = await until('the interrupted requests to be answered', async () => {
        const rows = await statuses(t, ids);
        return rows.every((row) => row.status === 'completed') ? rows : null;
      });
      expect(done).toEqual(ids.map(() => ({ status: 'completed', outcome: 'traced', completions: 1 })));
      expect(t.logs).toMatch(/trace_request \S+ \(processing\) had no job in Redis: queued again/);
      expect(await until('the schedules to come back', async () => ((await schedules()).length === 4 ? schedules() : null))).toEqual(expected);
    } finally {
      await t.close();
    }
  });
});

describe('queue recovery: reconciliation under steady writes', () => {
  it('completes while registrations keep landing', async () => {
    const t = await TestApp.start();
    try {
      const admin = await t.bootstrapAdmin();
      const officer = await t.user(admin, ['officer', 'auditor']);
      const holder = await makeHolder(t, officer);
      let stop = false;
      let registered = 0;
      // Bounded: stops once the run has ended, or after 1,500 registrations, whichever comes first.
      const writer = async (): Promise<void> => {
        while (!stop && registered < 1500) {
          await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: `W-${randomInt(1, 2 ** 40).toString(36).toUpperCase()}` }));
          registered += 1;
        }
      };
      const writers = [writer(), writer(), writer(), writer()];
      try {
        await until('registrations to be landing', async () => registered >= 20);
        const started = registered;
        const accepted = await t.http.post('/api/v1/reconciliation/runs').set(bearer(officer.accessToken)).expect(202);
        const run = await until(
          'the run to end',
          async () => {
            const view = await t.http.get(`/api/v1/reconciliation/runs/${accepted.body.id}`).set(bearer(officer.accessToken)).expect(200);
            return view.body.status === 'completed' || view.body.status === 'failed' ? (view.body as { status: string; checked: number }) : null;
          },
          120_000,
        );
        stop = true;
        expect(run.status).toBe('completed');
        // The test is worth something only if writes landed while the run worked.
        expect(registered).toBeGreaterThan(started);
        expect(run.checked).toBeGreaterThanOrEqual(started);
      } finally {
        stop = true;
        await Promise.all(writers);
      }
      const verify = await t.http.get('/api/v1/audit/verify').set(bearer(officer.accessToken)).expect(200);
      expect(verify.body.valid).toBe(true);
    } finally {
      await t.close();
    }
  });
});

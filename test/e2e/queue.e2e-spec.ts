import Redis from 'ioredis';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { daysFromToday, makeHolder, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { TEST_REDIS_URL } from '../support/run';
import { bearer, TestApp, type TestUser } from '../support/test-app';

const DIST = process.env.TEST_DIST_DIR ?? join(__dirname, '../../dist');
const NODE_PATH = join(__dirname, '../../node_modules');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, deadlineMs = 20_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The ids of the BullMQ jobs held in Redis under the app's prefix, in the interactive queue. */
async function jobIds(redis: Redis, t: TestApp): Promise<string[]> {
  const prefix = `${t.env.QUEUE_PREFIX}:interactive:`;
  const ids: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    for (const key of keys) if (UUID.test(key.slice(prefix.length))) ids.push(key.slice(prefix.length));
    cursor = next;
  } while (cursor !== '0');
  return ids.sort();
}

/**
 * Holds a lock from outside the service, as a long-running statement or a migration would,
 * so the test can catch the service waiting on it and cancel that wait (a real failure the
 * service must survive, needing no hook in its code).
 */
class Blocker {
  private constructor(
    private readonly t: TestApp,
    private readonly client: PoolClient,
    private readonly pid: number,
  ) {}

  static async hold(t: TestApp, lock: string): Promise<Blocker> {
    const client = await t.db.connect();
    await client.query('BEGIN');
    await client.query(lock);
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return new Blocker(t, client, rows[0].pid);
  }

  /** The backend waiting for this lock, once there is one. */
  waiter(): Promise<number> {
    return until('a backend waiting for the lock', async () => {
      const { rows } = await this.t.db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND $1 = ANY(pg_blocking_pids(pid))`,
        [this.pid],
      );
      return rows[0]?.pid;
    });
  }

  async cancel(pid: number): Promise<void> {
    await this.t.db.query('SELECT pg_cancel_backend($1)', [pid]);
  }

  async release(): Promise<void> {
    await this.client.query('ROLLBACK');
    this.client.release();
  }
}

/** Files a trace request for `serialNumber` as `as`; the response is left to the caller. */
function fileTraceRequest(app: TestApp, as: TestUser, serialNumber: string, caseNumber = `DIJ-${randomInt(1, 1e9)}`) {
  return app.http
    .post('/api/v1/trace-requests')
    .set(bearer(as.accessToken))
    .send({
      caseNumber,
      requestingAgency: 'DIJ',
      reason: 'recovered',
      recovery: { date: daysFromToday(0), place: 'Calle 50' },
      marking: { serialNumber },
    });
}

interface WorkerProcess {
  process: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/** `npm run worker` for the app's database and Redis prefix, its output kept. */
function spawnWorker(app: TestApp): WorkerProcess {
  let output = '';
  const worker = spawn(process.execPath, [join(DIST, 'worker.js')], {
    env: { ...process.env, NODE_PATH, ...app.env, WORKERS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  worker.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { process: worker, exited: new Promise((resolve) => worker.on('exit', (code) => resolve(code))), output: () => output };
}

describe('queue', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let redis: Redis;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: null });
    police = await t.user(admin, ['police']);
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
    await t.close();
  });

  const fileRequest = (app: TestApp, serialNumber: string) => fileTraceRequest(app, police, serialNumber);
  const requestOf = async (app: TestApp, id: string) =>
    (await app.http.get(`/api/v1/trace-requests/${id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').expect(200)).body as {
      status: string;
      attempts: number;
      completedAt: string | null;
      result?: { outcome: string };
    };
  const completed = (app: TestApp, id: string, deadlineMs = 20_000) =>
    until(`trace request ${id} to complete`, async () => {
      const request = await requestOf(app, id);
      return request.status === 'completed' || request.status === 'failed' ? request : null;
    }, deadlineMs);
  const outboxRowOf = async (app: TestApp, traceRequestId: string) =>
    (
      await app.db.query<{ id: string; sent_at: Date | null }>(`SELECT id, sent_at FROM queue_outbox WHERE payload->>'traceRequestId' = $1`, [
        traceRequestId,
      ])
    ).rows;
  /** The request's outbox row once the relay has handed it to Redis. */
  const relayed = (app: TestApp, traceRequestId: string) =>
    until(`the job of ${traceRequestId} to be relayed`, async () => (await outboxRowOf(app, traceRequestId)).find((row) => row.sent_at));
  const stolenWeapon = async (app: TestApp, as: TestUser): Promise<Weapon> => {
    const holder = await makeHolder(app, as);
    const weapon = await registerWeapon(app, as, weaponBody(holder.id, { serialNumber: `Q-${randomInt(1, 2 ** 40).toString(36).toUpperCase()}` }));
    await app.http
      .post(`/api/v1/weapons/${weapon.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), version: weapon.version })
      .expect(201);
    return weapon;
  };

  it('relays a committed request into BullMQ once, under the configured prefix, with the outbox row id as job id', async () => {
    const accepted = await fileRequest(t, `REL-${randomInt(1, 1e9)}`).expect(202);
    await completed(t, accepted.body.id);
    const [row] = await outboxRowOf(t, accepted.body.id);
    expect(row.sent_at).not.toBeNull();
    expect(await redis.hget(`${t.env.QUEUE_PREFIX}:interactive:${row.id}`, 'name')).toBe('trace-request.answer');
  });

  it('leaves neither a row nor a job when the request’s transaction rolls back after enqueueing', async () => {
    const jobsBefore = await jobIds(redis, t);
    const outboxBefore = (await t.db.query(`SELECT count(*)::int AS n FROM queue_outbox`)).rows[0].n;
    const caseNumber = `ROLLBACK-${randomInt(1, 1e9)}`;
    // The request writes its row and its outbox row, then waits for the audit head: cancelling
    // that wait fails the request at its very last step.
    const blocker = await Blocker.hold(t, 'SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE');
    let failed: { status: number; body: { code: string } };
    try {
      const pending = fileTraceRequest(t, police, 'ROLLBACK1', caseNumber)
        .then((response) => response);
      await blocker.cancel(await blocker.waiter());
      failed = await pending;
    } finally {
      await blocker.release();
    }
    expect(failed.status).toBe(500);
    expect(failed.body.code).toBe('INTERNAL_ERROR');
    // Longer than the relay's polling interval: had a row committed, its job would be in Redis by now.
    await sleep(3000);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM trace_requests WHERE case_number = $1`, [caseNumber])).rows[0].n).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM queue_outbox`)).rows[0].n).toBe(outboxBefore);
    expect(await jobIds(redis, t)).toEqual(jobsBefore);

    // The same request committed does get its job: the check above could have failed.
    const accepted = await fileRequest(t, 'ROLLBACK1').expect(202);
    const row = await relayed(t, accepted.body.id);
    expect(await jobIds(redis, t)).toEqual([...jobsBefore, row.id].sort());
  });

  it('records one result for a job that fails twice and then succeeds, and a re-run changes nothing', async () => {
    const weapon = await stolenWeapon(t, officer);
    // Building the trace record reads transfers: the job waits there, after its search and its alert.
    const blocker = await Blocker.hold(t, 'LOCK TABLE transfers IN ACCESS EXCLUSIVE MODE');
    let id: string;
    try {
      const accepted = await fileRequest(t, weapon.serialNumber).expect(202);
      id = accepted.body.id;
      const row = await relayed(t, id);
      for (let failure = 1; failure <= 2; failure += 1) {
        await blocker.cancel(await blocker.waiter());
        await until(`failure ${failure} to be logged`, async () => {
          const retries = t.logs.split('\n').filter((line) => line.includes(`job trace-request.answer ${row.id}`) && line.includes('failed, will retry'));
          return retries.length === failure;
        });
        expect((await requestOf(t, id)).status).toBe('processing');
      }
    } finally {
      await blocker.release();
    }
    const done = await completed(t, id);
    expect(done).toMatchObject({ status: 'completed', attempts: 3, result: { outcome: 'traced' } });
    const counts = async () => ({
      alerts: (await t.db.query(`SELECT count(*)::int AS n FROM alerts WHERE trace_request_id = $1`, [id])).rows[0].n,
      completions: (
        await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'trace_request.completed' AND entity_id = $1`, [id])
      ).rows[0].n,
    });
    expect(await counts()).toEqual({ alerts: 1, completions: 1 });

    // The same work enqueued again (as a duplicate delivery would run it) finds the request answered.
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO queue_outbox (job_name, payload) VALUES ('trace-request.answer', $1::jsonb) RETURNING id`,
      [JSON.stringify({ traceRequestId: id })],
    );
    await until('the re-run to complete', async () => t.logs.includes(`job trace-request.answer ${rows[0].id} (attempt 1 of 5) completed`));
    const after = await requestOf(t, id);
    expect(after).toEqual(done);
    expect(await counts()).toEqual({ alerts: 1, completions: 1 });
  });

  it('reports the queue on /health/ready', async () => {
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.queue).toEqual({
      status: 'up',
      workers: 'running',
      jobs: { waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) },
      outbox: { pending: expect.any(Number), oldestPendingSeconds: null },
      queued: { count: 0, oldestSeconds: null, overdue: 0, overdueAfterSeconds: 120 },
    });
  });
});

describe('queue: SIGTERM during a job', () => {
  it('stops taking jobs, lets the running one finish, then exits 0', async () => {
    const t = await TestApp.start();
    try {
      const admin = await t.bootstrapAdmin();
      const police = await t.user(admin, ['police', 'officer']);
      const holder = await makeHolder(t, police);
      const weapon = await registerWeapon(t, police, weaponBody(holder.id, { serialNumber: `SIG-${randomInt(1, 1e9)}` }));
      const blocker = await Blocker.hold(t, 'LOCK TABLE transfers IN ACCESS EXCLUSIVE MODE');
      let exit: Promise<number | null>;
      let id: string;
      try {
        const accepted = await fileTraceRequest(t, police, weapon.serialNumber, 'SIGTERM-1').expect(202);
        id = accepted.body.id;
        await blocker.waiter();
        exit = t.stop();
        await until('the workers to start stopping', async () => t.logs.includes('queue workers stopping'));
        await sleep(500);
        expect(t.logs).not.toMatch(/job trace-request\.answer \S+ \(attempt 1 of 5\) completed/);
      } finally {
        await blocker.release();
      }
      expect(await exit).toBe(0);
      const logs = t.logs;
      const completedAt = logs.search(/job trace-request\.answer \S+ \(attempt 1 of 5\) completed/);
      expect(completedAt).toBeGreaterThan(logs.indexOf('queue workers stopping'));
      expect(completedAt).toBeLessThan(logs.indexOf('queue workers stopped'));
      const { rows } = await t.db.query(`SELECT status, attempts FROM trace_requests WHERE id = $1`, [id]);
      expect(rows).toEqual([{ status: 'completed', attempts: 1 }]);
    } finally {
      await t.close();
    }
  });
});

describe('queue: WORKERS=off and npm run worker', () => {
  let worker: ChildProcess | undefined;
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterEach(() => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
  });
  afterAll(() => redis.quit());

  it('queues from an API without workers and answers from the separate worker process', async () => {
    const t = await TestApp.start({ WORKERS: 'off' });
    const schedulers = `${t.env.QUEUE_PREFIX}:background:repeat`;
    const bulkSchedulers = `${t.env.QUEUE_PREFIX}:bulk:repeat`;
    try {
      const admin = await t.bootstrapAdmin();
      const police = await t.user(admin, ['police']);
      const accepted = await fileTraceRequest(t, police, 'NOBODY-HAS-THIS', 'OFF-1').expect(202);
      // The API's relay still hands the job to Redis; nothing runs it.
      await until('the job to reach Redis', async () => {
        const { rows } = await t.db.query(`SELECT 1 FROM queue_outbox WHERE payload->>'traceRequestId' = $1 AND sent_at IS NOT NULL`, [
          accepted.body.id,
        ]);
        return rows.length === 1;
      });
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.queue).toMatchObject({ status: 'up', workers: 'off', jobs: { waiting: 1 } });
      await sleep(500);
      expect((await t.db.query(`SELECT status FROM trace_requests WHERE id = $1`, [accepted.body.id])).rows[0].status).toBe('queued');
      // Schedules are written where workers run: not by this API.
      expect(await redis.zrange(schedulers, 0, -1)).toEqual([]);
      expect(await redis.zrange(bulkSchedulers, 0, -1)).toEqual([]);

      const started = spawnWorker(t);
      worker = started.process;
      await until('the worker to answer', async () => {
        const { rows } = await t.db.query(`SELECT status, result->>'outcome' AS outcome FROM trace_requests WHERE id = $1`, [accepted.body.id]);
        return rows[0].status === 'completed' ? rows[0] : null;
      }).then((row) => expect(row).toEqual({ status: 'completed', outcome: 'not_found' }));
      expect(started.output()).toContain('registry worker running');
      const written = await until('the worker to write the schedules', async () => {
        const names = await redis.zrange(schedulers, 0, -1);
        return names.length === 3 ? names.sort() : null;
      });
      expect(written).toEqual(['audit.sign-checkpoint', 'notifications.run', 'queue.prune-outbox']);
      expect(await redis.hgetall(`${schedulers}:notifications.run`)).toMatchObject({ pattern: '0 6 * * *', tz: 'America/Panama' });
      expect(await redis.hgetall(`${schedulers}:queue.prune-outbox`)).toMatchObject({ pattern: '30 3 * * *', tz: 'America/Panama' });
      // The nightly reconciliation is a long run: it is scheduled on the bulk queue.
      expect(await redis.zrange(bulkSchedulers, 0, -1)).toEqual(['reconciliation.run']);
      expect(await redis.hgetall(`${bulkSchedulers}:reconciliation.run`)).toMatchObject({ pattern: '0 2 * * *', tz: 'America/Panama' });
      started.process.kill('SIGTERM');
      expect(await started.exited).toBe(0);
      expect(started.output()).toContain('queue workers stopped');
    } finally {
      await t.close();
    }
  });
});

describe('queue: a job whose worker dies under it', () => {
  const workers: ChildProcess[] = [];
  afterAll(() => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
  });

  it('is run again once, then failed by BullMQ without running, and its trace request is recorded as failed', async () => {
    // Short locks and frequent stall checks, so a dead worker's job is found within a second or two.
    const t = await TestApp.start({ WORKERS: 'off', QUEUE_JOB_LOCK_MS: '1500', QUEUE_STALLED_CHECK_MS: '500' });
    const startWorker = (): WorkerProcess => {
      const worker = spawnWorker(t);
      workers.push(worker.process);
      return worker;
    };
    try {
      const admin = await t.bootstrapAdmin();
      const police = await t.user(admin, ['police', 'officer']);
      const holder = await makeHolder(t, police);
      const weapon = await registerWeapon(t, police, weaponBody(holder.id, { serialNumber: `DIE-${randomInt(1, 1e9)}` }));
      // A unique match reads the custody chain: the run waits here while the table is locked.
      const blocker = await Blocker.hold(t, 'LOCK TABLE transfers IN ACCESS EXCLUSIVE MODE');
      let id: string;
      let last: WorkerProcess;
      try {
        const accepted = await fileTraceRequest(t, police, weapon.serialNumber, 'DIES-1').expect(202);
        id = accepted.body.id;
        let previous = -1;
        for (let death = 1; death <= 2; death += 1) {
          const worker = startWorker();
          const waiting = await until(`run ${death} to wait on the lock`, async () => {
            const pid = await blocker.waiter();
            return pid !== previous ? pid : null;
          });
          expect(worker.output()).toMatch(/job trace-request\.answer \S+ \(attempt 1 of 5\) started/);
          worker.process.kill('SIGKILL');
          await worker.exited;
          // The dead worker's statement would wait on; ended, it lets go of the request's row.
          await blocker.cancel(waiting);
          previous = waiting;
        }
        last = startWorker();
        const failed = await until('the request to be recorded as failed', async () => {
          const { rows } = await t.db.query(`SELECT status, failure_reason FROM trace_requests WHERE id = $1`, [id]);
          return rows[0].status === 'failed' ? rows[0] : null;
        });
        expect(failed.failure_reason).toMatch(/could not be searched/);
      } finally {
        await blocker.release();
      }
      // The third worker failed the job without running it, and recorded the failure once.
      expect(last.output()).toMatch(/job trace-request\.answer \S+ failed without running, no retry left: job stalled more than allowable limit/);
      expect(last.output()).not.toMatch(/job trace-request\.answer \S+ \(attempt \d of 5\) started/);
      const view = await t.http.get(`/api/v1/trace-requests/${id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').expect(200);
      expect(view.body).toMatchObject({ status: 'failed', attempts: 2 });
      const { rows: entries } = await t.db.query(`SELECT after FROM audit_entries WHERE action = 'trace_request.failed' AND entity_id = $1`, [id]);
      expect(entries).toHaveLength(1);
      last.process.kill('SIGKILL');
    } finally {
      await t.close();
    }
  });
});

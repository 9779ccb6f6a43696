import { randomInt } from 'node:crypto';
import type request from 'supertest';
import { makeHolder, registerWeapon, weaponBody } from '../support/registry';
import { ADMIN_DATABASE_URL } from '../support/run';
import { bearer, DEFAULT_PASSWORD, TestApp, type TestUser } from '../support/test-app';
import { reportFigures, scaled } from './support/figures';
import { OwnRedis, sleep, until, weaponsWithoutAudit } from './support/processes';
import { TcpProxy } from './support/tcp-proxy';

const KILL_ROUNDS = scaled('FAULTS_KILLS', 8);
const WRITERS = scaled('FAULTS_WRITERS', 6);

function expectUnavailable(response: request.Response): void {
  expect({
    status: response.status,
    type: response.headers['content-type'],
    code: response.body.code,
    retryAfter: response.headers['retry-after'],
    requestId: response.headers['x-request-id'] === response.body.requestId && typeof response.body.requestId === 'string',
  }).toEqual({
    status: 503,
    type: expect.stringMatching(/^application\/problem\+json/),
    code: 'SERVICE_UNAVAILABLE',
    retryAfter: expect.stringMatching(/^\d+$/),
    requestId: true,
  });
}

describe('database connections cut and lost (faults)', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;

  beforeAll(async () => {
    // The service reaches Postgres through the proxy; the test's own checks go directly.
    proxy = await TcpProxy.forUrl(ADMIN_DATABASE_URL);
    t = await TestApp.start({ DATABASE_POOL_SIZE: '8', WORKERS: 'off' }, { childEnv: (env) => proxy.rewriteEnv(env) });
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
  });
  afterAll(async () => {
    await t.close();
    await proxy.close();
  });

  /** Retries a read until the service answers it again after a cut. */
  async function settled(probe: () => request.Test): Promise<request.Response> {
    return until('the service to answer again', async () => {
      const response = await probe();
      return response.status === 503 ? null : response;
    });
  }

  it('answers 201 or 503 while connections are cut under writes, and loses nothing it acknowledged', async () => {
    const holders: Array<{ id: string }> = [];
    for (let index = 0; index < WRITERS * 2; index += 1) holders.push(await makeHolder(t, officer));
    const registered: string[] = [];
    const transferred: string[] = [];
    const statuses: Record<string, number> = {};
    const unexpected: string[] = [];
    let running = true;
    let requests = 0;

    const note = (response: request.Response, what: string): void => {
      requests += 1;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status === 503) expectUnavailable(response);
      else if (response.status !== 201) unexpected.push(`${what}: ${response.status} ${response.text}`);
    };

    const writer = async (index: number): Promise<void> => {
      const [a, b] = [holders[index * 2], holders[index * 2 + 1]];
      let weapon: { id: string } | undefined;
      while (running) {
        if (!weapon || Math.random() < 0.5) {
          const body = weaponBody(a.id, { serialNumber: `KILL-${randomInt(1, 2 ** 40).toString(36).toUpperCase()}` });
          const response = await t.http.post('/api/v1/weapons').set(bearer(officer.accessToken)).send(body);
          note(response, 'register');
          if (response.status === 201) {
            registered.push(response.body.id);
            weapon ??= response.body;
          }
          continue;
        }
        const now = await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken));
        if (now.status === 503) continue;
        const [from, to] = now.body.holderId === a.id ? [a, b] : [b, a];
        const response = await t.http.post('/api/v1/transfers').set(bearer(officer.accessToken)).send({
          weaponId: weapon.id,
          fromOwnerId: from.id,
          toOwnerId: to.id,
          kind: 'sale',
          date: '2026-01-10',
          weaponVersion: now.body.version,
        });
        note(response, 'transfer');
        if (response.status === 201) transferred.push(response.body.id);
      }
    };

    const writers = Array.from({ length: WRITERS }, (_, index) => writer(index));
    let connectionsCut = 0;
    for (let round = 0; round < KILL_ROUNDS; round += 1) {
      await sleep(250 + randomInt(0, 250));
      connectionsCut += proxy.cut();
    }
    await sleep(500);
    running = false;
    await Promise.all(writers);

    expect(unexpected).toEqual([]);
    expect(statuses['201']).toBeGreaterThan(0);
    // Every acknowledged write is there, each with its audit entry, and the chain verifies.
    const weapons = await t.db.query<{ id: string }>('SELECT id FROM weapons WHERE id = ANY($1::uuid[])', [registered]);
    expect(weapons.rows.map((row) => row.id).sort()).toEqual([...registered].sort());
    const transfers = await t.db.query<{ id: string }>('SELECT id FROM transfers WHERE id = ANY($1::uuid[])', [transferred]);
    expect(transfers.rows.map((row) => row.id).sort()).toEqual([...transferred].sort());
    expect(await weaponsWithoutAudit(t)).toEqual([]);
    const verified = await settled(() => t.http.get('/api/v1/audit/verify').set(bearer(admin.accessToken)));
    expect({ status: verified.status, valid: verified.body.valid, problem: verified.body.problem }).toEqual({ status: 200, valid: true, problem: null });
    reportFigures('connection kills during writes', {
      rounds: KILL_ROUNDS,
      kills: connectionsCut,
      requests,
      created: registered.length + transferred.length,
      unavailable: statuses['503'] ?? 0,
      serverErrors: Object.entries(statuses).filter(([status]) => Number(status) >= 500 && status !== '503').reduce((sum, [, count]) => sum + count, 0),
    });
  });

  it('answers 503 with Retry-After while Postgres cannot be reached, then recovers', async () => {
    const holder = await makeHolder(t, officer);
    proxy.goDown();
    try {
      expectUnavailable(await t.http.get('/api/v1/weapons').set(bearer(officer.accessToken)));
      expectUnavailable(await t.http.post('/api/v1/weapons').set(bearer(officer.accessToken)).send(weaponBody(holder.id)));
      expectUnavailable(await t.http.post('/api/v1/auth/login').send({ username: officer.username, password: DEFAULT_PASSWORD }));
      const ready = await t.http.get('/health/ready');
      expect({ status: ready.status, retryAfter: ready.headers['retry-after'] }).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      expect(t.logs).not.toContain('"statusCode":500');
    } finally {
      proxy.comeBack();
    }
    const back = await settled(() => t.http.post('/api/v1/weapons').set(bearer(officer.accessToken)).send(weaponBody(holder.id)));
    expect(back.status).toBe(201);
    await registerWeapon(t, officer, weaponBody(holder.id));
  });
});

describe('Redis lost (faults)', () => {
  let redis: OwnRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await TestApp.start({ REDIS_URL: redis.url, WORKERS: 'off' });
  });
  afterAll(async () => {
    await t.close();
    await redis.kill();
  });

  it('answers login 503 with Retry-After, not 500, while Redis cannot be reached', async () => {
    const admin = await t.bootstrapAdmin();
    await redis.kill();
    const login = await t.http.post('/api/v1/auth/login').send({ username: admin.username, password: admin.password });
    expectUnavailable(login);
    const wrong = await t.http.post('/api/v1/auth/login').send({ username: admin.username, password: 'not the password at all' });
    expectUnavailable(wrong);
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(t.logs).not.toContain('"statusCode":500');
  });
});

import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { daysFromToday, makeHolder, registerWeapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

/** API.md, Conventions: client input never causes a 5xx. */
describe('input rules (faults)', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let holderId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
    holderId = (await makeHolder(t, officer)).id;
  });
  afterAll(() => t.close());

  function expectValidationFailed(response: request.Response, field: string): void {
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  }

  /** A JSON body sent byte for byte, so escapes such as \u0000 or \ud800 reach the parser as written. */
  const raw = (method: 'post' | 'patch', path: string, text: string, token?: string): request.Test => {
    const test = t.http[method](path).set('content-type', 'application/json');
    if (token) void test.set(bearer(token));
    return test.send(text);
  };

  const cursor = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString('base64url');

  it.each([
    ['/api/v1/weapons', ['1', randomUUID()]],
    ['/api/v1/weapons', ['x', 'y']],
    ['/api/v1/imports', ['2020', randomUUID()]],
    ['/api/v1/trace-requests', ['March 7', randomUUID()]],
    ['/api/v1/owners', ['pérez\u0000', randomUUID()]],
    ['/api/v1/weapons', ['0000-01-01T00:00:00.000Z', randomUUID()]],
  ])('refuses a cursor this service did not issue on %s (%j)', async (path, key) => {
    const response = await t.http.get(path).query({ cursor: cursor(key) }).set(bearer(admin.accessToken));
    expectValidationFailed(response, 'cursor');
  });

  it('refuses NUL and other control characters in a body, a query and a path', async () => {
    expectValidationFailed(await raw('post', '/api/v1/owners', '{"type":"person","name":"Jos\\u0000é"}', officer.accessToken), 'name');
    expectValidationFailed(await raw('post', '/api/v1/auth/login', '{"username":"a\\u001bb","password":"x"}'), 'username');
    expectValidationFailed(await t.http.get('/api/v1/owners?name=a%00b').set(bearer(officer.accessToken)), 'name');
    expectValidationFailed(await t.http.get('/api/v1/owners?name=%C2%85').set(bearer(officer.accessToken)), 'name');
    expectValidationFailed(await t.http.get('/api/v1/weapons/ab%00cd').set(bearer(officer.accessToken)), 'id');
  });

  it('answers a URL the router cannot decode as problem+json naming the path', async () => {
    const response = await t.http.get('/api/v1/weapons/%ed%a0%80').set(bearer(officer.accessToken));
    expectValidationFailed(response, 'path');
    expect(response.headers['x-request-id']).toBe(response.body.requestId);
  });

  it('keeps tab, line feed and carriage return', async () => {
    const response = await raw('post', '/api/v1/auth/login', '{"username":"a\\tb\\r\\n","password":"x"}');
    expect(response.status).toBe(401);
  });

  it('refuses unpaired surrogates, in values and in field names', async () => {
    expectValidationFailed(await raw('post', '/api/v1/auth/login', '{"username":"\\ud800x","password":"x"}'), 'username');
    expectValidationFailed(await raw('post', '/api/v1/auth/login', '{"username":"x\\udc00","password":"x"}'), 'username');
    expectValidationFailed(await raw('post', '/api/v1/auth/login', '{"\\udc00":"x"}'), 'body');
    const paired = await raw('post', '/api/v1/auth/login', '{"username":"\\ud83d\\ude00","password":"x"}');
    expect(paired.status).toBe(401);
  });

  it('refuses bodies nested deeper than 32 levels before transforming them, even on login', async () => {
    const deep = (levels: number): string => `{"username":${'['.repeat(levels)}${']'.repeat(levels)},"password":"x"}`;
    expectValidationFailed(await raw('post', '/api/v1/auth/login', deep(100_000)), 'body');
    expectValidationFailed(await raw('post', '/api/v1/auth/login', deep(32)), 'body');
    // 31 arrays inside the object: 32 levels, allowed, then refused as not a string.
    expectValidationFailed(await raw('post', '/api/v1/auth/login', deep(31)), 'username');
    const objects = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    expectValidationFailed(await raw('post', '/api/v1/weapons', objects, officer.accessToken), 'body');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a JSON body over its limit', async () => {
    const response = await raw('post', '/api/v1/auth/login', JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) }));
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses integers beyond their column and out-of-range query numbers', async () => {
    const transfer = await t.http
      .post('/api/v1/transfers')
      .set(bearer(officer.accessToken))
      .send({ weaponId: randomUUID(), fromOwnerId: holderId, toOwnerId: randomUUID(), kind: 'sale', date: daysFromToday(-1), weaponVersion: 1e15 });
    expectValidationFailed(transfer, 'weaponVersion');
    expectValidationFailed(await raw('post', '/api/v1/weapons', JSON.stringify(weaponBody(holderId, { yearOfManufacture: 1e308 })), officer.accessToken), 'yearOfManufacture');
    expectValidationFailed(await t.http.get('/api/v1/weapons?limit=1e400').set(bearer(officer.accessToken)), 'limit');
    expectValidationFailed(await t.http.get('/api/v1/audit/verify?from=99999999999999999999').set(bearer(admin.accessToken)), 'from');
  });

  it.each(['2026-02-30', '2025-02-29', '0000-01-01', '1799-12-31', '2101-01-01'])(
    'refuses the calendar date %s naming the field, and stores nothing',
    async (day) => {
      const before = await t.db.query<{ count: string }>('SELECT count(*) FROM weapons');
      const ballistics = await t.http
        .post('/api/v1/weapons')
        .set(bearer(officer.accessToken))
        .send(weaponBody(holderId, { ballistics: { testedAt: day, laboratory: 'IMELCF', reference: 'BAL-1' } }));
      expectValidationFailed(ballistics, 'ballistics.testedAt');
      const acquisition = await t.http
        .post('/api/v1/weapons')
        .set(bearer(officer.accessToken))
        .send(weaponBody(holderId, { acquisition: { kind: 'domestic_purchase', date: day, documentRef: 'F-1' } }));
      expectValidationFailed(acquisition, 'acquisition.date');
      const after = await t.db.query<{ count: string }>('SELECT count(*) FROM weapons');
      expect(after.rows[0].count).toBe(before.rows[0].count);
    },
  );

  it('refuses a transfer dated in year 0000 or 2101 instead of failing on it', async () => {
    const weapon = await registerWeapon(t, officer, weaponBody(holderId));
    const buyer = await makeHolder(t, officer);
    for (const date of ['0000-01-01', '2101-01-01', '2026-02-30']) {
      const response = await t.http
        .post('/api/v1/transfers')
        .set(bearer(officer.accessToken))
        .send({ weaponId: weapon.id, fromOwnerId: holderId, toOwnerId: buyer.id, kind: 'sale', date, weaponVersion: weapon.version });
      expectValidationFailed(response, 'date');
    }
  });

  it('refuses an instant outside the accepted span', async () => {
    for (const from of ['0000-01-01T00:00:00Z', '2026-02-30T10:00:00Z', '2101-01-01T00:00:00Z']) {
      const response = await t.http.get('/api/v1/audit/events').query({ from }).set(bearer(admin.accessToken));
      expectValidationFailed(response, 'from');
    }
  });
});

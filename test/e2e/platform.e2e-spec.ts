import { bearer, TestApp, type TestUser } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('platform: errors, request ids, operations', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 MALFORMED_JSON as problem+json', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"username": "x", ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON', title: expect.any(String) });
    expect(response.body.type).toMatch(/^urn:pa-firearms-registry:problem:/);
  });

  it('refuses unknown fields with one errors entry per field, in the exact shape of the contract', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set(bearer(admin.accessToken))
      .send({ username: 'ok.name', password: 'long enough password 1', fullName: 'X', roles: ['admin'], extra: 1, other: 'y' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toEqual({
      type: 'urn:pa-firearms-registry:problem:validation-failed',
      title: 'La solicitud no es válida',
      status: 400,
      detail: 'Uno o más campos no son válidos.',
      code: 'VALIDATION_FAILED',
      errors: [
        { field: 'extra', message: 'El campo extra no está permitido aquí.' },
        { field: 'other', message: 'El campo other no está permitido aquí.' },
      ],
      requestId: response.headers['x-request-id'],
    });
  });

  it('gives one errors entry for each bad field', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set(bearer(admin.accessToken))
      .send({ username: '!', password: 5, fullName: '', roles: ['pirate'] });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((entry: { field: string }) => entry.field).sort()).toEqual([
      'fullName',
      'password',
      'roles',
      'username',
    ]);
  });

  it('answers a body over 1 MiB with 413', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ username: 'x'.repeat(1_100_000), password: 'y' }));
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await t.http.get('/api/v1/no-such-thing').set(bearer(admin.accessToken));
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.code).toBe('NOT_FOUND');
  });

  it('answers an unexpected failure with 500 and no internal detail', async () => {
    await t.db.query('ALTER TABLE provinces RENAME TO provinces_hidden');
    try {
      const response = await t.http.get('/api/v1/reference/districts').set(bearer(admin.accessToken));
      expect(response.status).toBe(500);
      expect(response.body.code).toBe('INTERNAL_ERROR');
      expect(response.text).not.toMatch(/provinces|relation|SELECT|at .*\.js/);
    } finally {
      await t.db.query('ALTER TABLE provinces_hidden RENAME TO provinces');
    }
  });

  it('echoes a valid X-Request-Id and replaces an invalid one', async () => {
    const echoed = await t.http.get('/health/live').set('x-request-id', 'desk-42.7');
    expect(echoed.headers['x-request-id']).toBe('desk-42.7');
    const replaced = await t.http.get('/health/live').set('x-request-id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await t.http.get('/api/v1/no-such-thing');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.body.requestId).toBe(generated.headers['x-request-id']);
  });

  it('reports liveness and readiness without a token', async () => {
    await t.http.get('/health/live').expect(200);
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.checks).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
    await t.http.get('/api/v1/health/ready').expect(200);
  });

  it('exposes Prometheus metrics with request durations by route and status', async () => {
    await t.http.get('/api/v1/reference/districts').set(bearer(admin.accessToken)).expect(200);
    const response = await t.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /http_request_duration_seconds_bucket\{[^}]*method="GET"[^}]*route="\/api\/v1\/reference\/districts"[^}]*status_code="200"/,
    );
    expect(response.text).toMatch(/process_cpu_seconds_total/);
  });

  it('serves an OpenAPI 3 document with the bearer scheme and the endpoints', async () => {
    const response = await t.http.get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of [
      '/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/me', '/api/v1/users/{id}', '/api/v1/reference/districts',
      '/api/v1/reference/makes', '/api/v1/reference/calibres', '/api/v1/reference/weapon-types',
      '/api/v1/owners', '/api/v1/owners/{id}', '/api/v1/owners/{id}/status', '/api/v1/owners/{id}/licences', '/api/v1/licences/{id}/revoke',
      '/api/v1/owners/{id}/weapons', '/api/v1/weapons', '/api/v1/weapons/{id}', '/api/v1/weapons/{id}/events',
      '/api/v1/weapons/{id}/corrections', '/api/v1/corrections', '/api/v1/corrections/{id}/approve', '/api/v1/corrections/{id}/reject',
      '/api/v1/transfers', '/api/v1/transfers/{id}', '/api/v1/weapons/{id}/transfers',
      '/health/ready', '/metrics',
    ]) {
      expect(response.body.paths).toHaveProperty([path]);
    }
    const createUser = response.body.paths['/api/v1/users'].post;
    expect(createUser.responses['409'].content['application/problem+json']).toBeDefined();
    expect(createUser.security).toEqual([{ bearer: [] }]);
    const registerWeapon = response.body.paths['/api/v1/weapons'].post;
    expect(registerWeapon.responses['409'].description).toContain('MARKING_REPORTED_STOLEN');
    expect(registerWeapon.parameters.map((parameter: { name: string }) => parameter.name)).toContain('Idempotency-Key');
    await t.http.get('/docs').expect((res) => expect([200, 302]).toContain(res.status));
  });

  it("lists Panama's districts with their provinces", async () => {
    const response = await t.http.get('/api/v1/reference/districts').set(bearer(admin.accessToken)).expect(200);
    const names = response.body.map((district: { name: string }) => district.name);
    expect(names).toEqual(expect.arrayContaining(['San Miguelito', 'La Chorrera', 'Arraiján']));
    expect(response.body).toContainEqual({ code: '8-05', name: 'San Miguelito', province: 'Panamá' });
    const provinces = new Set(response.body.map((district: { province: string }) => district.province));
    expect(provinces).toEqual(
      new Set(['Bocas del Toro', 'Coclé', 'Colón', 'Chiriquí', 'Darién', 'Herrera', 'Los Santos', 'Panamá', 'Veraguas',
        'Panamá Oeste', 'Guna Yala', 'Emberá-Wounaan', 'Ngäbe-Buglé', 'Naso Tjër Di']),
    );
    await t.http.get('/api/v1/reference/districts').expect(401);
  });

  it('orders districts by province and district number, numerically', async () => {
    const response = await t.http.get('/api/v1/reference/districts').set(bearer(admin.accessToken)).expect(200);
    const codes: string[] = response.body.map((district: { code: string }) => district.code);
    const numbers = codes.map((code) => code.split('-').map(Number));
    const sorted = [...numbers].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(numbers).toEqual(sorted);
    expect(codes.indexOf('2-01')).toBeLessThan(codes.indexOf('10-01'));
    expect(codes.indexOf('1-02')).toBeLessThan(codes.indexOf('2-01'));
    expect(codes[0]).toBe('1-01');
  });
});

describe('platform: readiness when Redis is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await t.close();
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
  });

  it('answers /health/ready with 503 naming Redis, while /health/live stays 200', async () => {
    await t.http.get('/health/live').expect(200);
    const response = await t.http.get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', checks: { database: { status: 'up' }, redis: { status: 'down' } } });
  });
});

import { request as httpRequest } from 'node:http';
import { bearer, DEFAULT_PASSWORD, TestApp, type TestUser } from '../support/test-app';

const login = '/api/v1/auth/login';

/** Lines of the service's JSON log that are security events. */
function securityEvents(logs: string): Array<Record<string, unknown>> {
  return logs
    .split('\n')
    .filter((line) => line.includes('"event":"security"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('auth hardening', () => {
  let t: TestApp;
  let admin: TestUser;
  let addressCounter = 0;
  /** The one trusted proxy appends the address it saw; a client may write anything before it. */
  const viaProxy = (client: string, spoofed = ''): { 'x-forwarded-for': string } => ({
    'x-forwarded-for': spoofed ? `${spoofed}, ${client}` : client,
  });
  const freshAddress = (): string => `192.0.2.${(addressCounter += 1)}`;

  beforeAll(async () => {
    t = await TestApp.start({ TRUST_PROXY: '1' });
    admin = await t.bootstrapAdmin();
  });
  afterAll(() => t.close());

  it('checks no more than LOGIN_MAX_FAILURES of 40 simultaneous wrong passwords', async () => {
    const victim = await t.user(admin, ['police']);
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        t.http.post(login).set(viaProxy(`198.18.0.${index + 1}`)).send({ username: victim.username, password: `wrong guess ${index}` }),
      ),
    );
    const statuses = attempts.map((response) => response.status);
    const checked = attempts.filter((response) => response.body.code === 'INVALID_CREDENTIALS');
    const refused = attempts.filter((response) => response.status === 429);
    expect(checked.length + refused.length).toBe(40);
    expect(checked.length).toBeLessThanOrEqual(10);
    expect(refused.length).toBeGreaterThanOrEqual(30);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    for (const response of refused) {
      expect(response.body.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The right password is refused too while the username is locked.
    const right = await t.http.post(login).set(viaProxy(freshAddress())).send({ username: victim.username, password: DEFAULT_PASSWORD });
    expect(right.status).toBe(429);
  });

  it('keeps the per-address limit when the client rotates X-Forwarded-For (one trusted hop)', async () => {
    const client = freshAddress();
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await t.http
        .post(login)
        .set(viaProxy(client, `10.66.${attempt}.1`))
        .send({ username: `nobody-${attempt}-${client}`, password: 'wrong password' })
        .expect(401);
    }
    const eleventh = await t.http
      .post(login)
      .set(viaProxy(client, '10.66.99.1'))
      .send({ username: `someone-else-${client}`, password: 'wrong password' });
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('refuses an unauthenticated 64 MiB import with 401 before reading its body', async () => {
    const url = new URL(`${t.baseUrl}/api/v1/imports`);
    const total = 64 * 1024 * 1024;
    const answer = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const outgoing = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': total } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
            outgoing.destroy();
          });
        },
      );
      outgoing.on('error', reject);
      // Only the first 64 KiB is ever sent: an answer can only come if the body is not awaited.
      outgoing.write(Buffer.alloc(64 * 1024, 'a'));
      setTimeout(() => reject(new Error('no answer while the body was still unsent: the body is being read first')), 10_000).unref();
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(answer.headers['www-authenticate']).toBe('Bearer');
  });

  it('keeps a disabled user’s refresh tokens dead after they are enabled again', async () => {
    const user = await t.user(admin, ['police']);
    const setDisabled = async (disabled: boolean): Promise<void> => {
      const current = await t.http.get(`/api/v1/users/${user.id}`).set(bearer(admin.accessToken)).expect(200);
      await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin.accessToken)).send({ disabled, version: current.body.version }).expect(200);
    };
    await setDisabled(true);
    await setDisabled(false);
    const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.code).toBe('UNAUTHENTICATED');
    await t.http.get('/api/v1/auth/me').set(bearer(user.accessToken)).expect(401);
    // A new login works as usual.
    const again = await t.login(user.username, DEFAULT_PASSWORD);
    await t.http.get('/api/v1/auth/me').set(bearer(again.accessToken)).expect(200);
  });

  it('ends a login’s refresh tokens SESSION_MAX_AGE after the login, however often rotated', async () => {
    const user = await t.user(admin, ['police']);
    const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    const second = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
    // The login happened 12 h (the default SESSION_MAX_AGE) and a minute ago.
    await t.db.query(`UPDATE auth_sessions SET created_at = now() - interval '12 hours 1 minute' WHERE user_id = $1`, [user.id]);
    const late = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('UNAUTHENTICATED');
  });

  it('sends Cache-Control: no-store with tokens and authenticated answers, WWW-Authenticate: Bearer on 401', async () => {
    const tokens = await t.http.post(login).send({ username: admin.username, password: DEFAULT_PASSWORD }).expect(200);
    expect(tokens.headers['cache-control']).toBe('no-store');
    const me = await t.http.get('/api/v1/auth/me').set(bearer(tokens.body.accessToken)).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const users = await t.http.get('/api/v1/users').set(bearer(tokens.body.accessToken)).expect(200);
    expect(users.headers['cache-control']).toBe('no-store');
    const anonymous = await t.http.get('/api/v1/owners/00000000-0000-4000-8000-000000000000');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
  });

  it('logs failed logins, refused tokens and 403s as security events, never a secret', async () => {
    const police = await t.user(admin, ['police']);
    const secret = 'this-is-the-secret-password-9';
    const from = freshAddress();
    await t.http.post(login).set(viaProxy(from)).send({ username: police.username, password: secret }).expect(401);
    const forged = `${police.accessToken.slice(0, -4)}AAAA`;
    await t.http.get('/api/v1/auth/me').set(viaProxy(from)).set(bearer(forged)).expect(401);
    await t.http.get('/api/v1/users').set(viaProxy(from)).set(bearer(police.accessToken)).expect(403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const events = securityEvents(t.logs).filter((event) => event.clientIp === from);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'INVALID_CREDENTIALS', username: police.username, route: login, status: 401 }),
        expect.objectContaining({ code: 'UNAUTHENTICATED', route: '/api/v1/auth/me', status: 401 }),
        expect.objectContaining({ code: 'FORBIDDEN', username: police.username, route: '/api/v1/users', status: 403 }),
      ]),
    );
    expect(t.logs).not.toContain(secret);
    expect(t.logs).not.toContain(police.accessToken);
    expect(t.logs).not.toContain(forged);
  });
});

import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { decodeJwtPayload, forgeJwt } from '../support/jwt';
import { bearer, DEFAULT_PASSWORD, TestApp, type TestUser } from '../support/test-app';

/** The problem body without the per-request id, to compare two failures. */
const withoutRequestId = (body: Record<string, unknown>): Record<string, unknown> => {
  const { requestId: _requestId, ...rest } = body;
  return rest;
};

describe('auth', () => {
  let t: TestApp;
  let admin: TestUser;

  // Behind a trusted proxy, so each test that fails logins on purpose can come from an address of its own.
  beforeAll(async () => {
    t = await TestApp.start({ TRUST_PROXY: '1' });
    admin = await t.bootstrapAdmin();
  });
  let addressCounter = 0;
  const freshAddress = (): { 'x-forwarded-for': string } => ({ 'x-forwarded-for': `198.51.100.${(addressCounter += 1)}` });
  afterAll(() => t.close());

  describe('login', () => {
    it('returns a bearer token pair whose access token works on /auth/me', async () => {
      const officer = await t.user(admin, ['officer', 'supervisor'], { jurisdiction: ['8-05', '13-04'] });
      const response = await t.http.post('/api/v1/auth/login').send({ username: officer.username, password: DEFAULT_PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
      });
      const me = await t.http.get('/api/v1/auth/me').set(bearer(response.body.accessToken)).expect(200);
      expect(me.body).toEqual({
        id: officer.id,
        username: officer.username,
        fullName: `Test ${officer.username}`,
        roles: ['officer', 'supervisor'],
        jurisdiction: ['8-05', '13-04'],
      });
    });

    it('signs ES256 tokens with issuer, audience and a 15-minute lifetime', async () => {
      const payload = decodeJwtPayload(admin.accessToken);
      const header = JSON.parse(Buffer.from(admin.accessToken.split('.')[0], 'base64url').toString());
      expect(header.alg).toBe('ES256');
      expect(payload).toMatchObject({ sub: admin.id, iss: 'pa-firearms-registry', aud: 'pa-firearms-registry-api' });
      expect(Number(payload.exp) - Number(payload.iat)).toBe(900);
    });

    it('gives the same 401 body for an unknown user and a wrong password', async () => {
      const from = freshAddress();
      const unknown = await t.http.post('/api/v1/auth/login').set(from).send({ username: 'nobody-at-all', password: 'whatever password' });
      const wrong = await t.http.post('/api/v1/auth/login').set(from).send({ username: admin.username, password: 'not the password' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
      expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
      expect(unknown.headers['content-type']).toBe(wrong.headers['content-type']);
    });

    it('refuses the 11th failed login for a username with 429 and Retry-After', async () => {
      const victim = await t.user(admin, ['police']);
      // Ten failures from ten addresses: only the username's counter reaches the limit.
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        await t.http.post('/api/v1/auth/login').set(freshAddress()).send({ username: victim.username, password: `wrong ${attempt}` }).expect(401);
      }
      const eleventh = await t.http.post('/api/v1/auth/login').set(freshAddress()).send({ username: victim.username, password: DEFAULT_PASSWORD });
      expect(eleventh.status).toBe(429);
      expect(eleventh.body.code).toBe('TOO_MANY_ATTEMPTS');
      const retryAfter = Number(eleventh.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(900);
    });

    it('throttles per client address too, across usernames', async () => {
      const address = freshAddress();
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        await t.http.post('/api/v1/auth/login').set(address).send({ username: `ghost-${attempt}`, password: 'x'.repeat(12) }).expect(401);
      }
      const user = await t.user(admin, ['police']);
      const blocked = await t.http.post('/api/v1/auth/login').set(address).send({ username: user.username, password: DEFAULT_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // The same user from another address is not held back by that address's failures.
      await t.http.post('/api/v1/auth/login').set(freshAddress()).send({ username: user.username, password: DEFAULT_PASSWORD }).expect(200);
    });

    it('keeps passwords and tokens out of the logs', async () => {
      const user = await t.user(admin, ['auditor']);
      await t.http.post('/api/v1/auth/login').set(freshAddress()).send({ username: user.username, password: 'a wrong secret value' }).expect(401);
      expect(t.logs).toContain('"route":"/api/v1/auth/login"');
      expect(t.logs).not.toContain(DEFAULT_PASSWORD);
      expect(t.logs).not.toContain('a wrong secret value');
      expect(t.logs).not.toContain(user.accessToken);
      expect(t.logs).not.toContain(user.refreshToken);
    });
  });

  describe('refresh', () => {
    it('rotates: the new pair works and the old refresh token is spent', async () => {
      const user = await t.user(admin, ['police']);
      const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      expect(first.body.refreshToken).not.toBe(user.refreshToken);
      await t.http.get('/api/v1/auth/me').set(bearer(first.body.accessToken)).expect(200);
      const second = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken });
      expect(second.status).toBe(200);
    });

    it('detects reuse of a spent refresh token and revokes every token of that login', async () => {
      const user = await t.user(admin, ['police']);
      const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
      expect(reuse.status).toBe(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      // The legitimate successor is revoked too, and so are the access tokens of that login.
      const successor = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
      expect(successor.status).toBe(401);
      await t.http.get('/api/v1/auth/me').set(bearer(rotated.body.accessToken)).expect(401);
      await t.http.get('/api/v1/auth/me').set(bearer(user.accessToken)).expect(401);
      // Another login of the same user is a different family and keeps working.
      const again = await t.login(user.username, DEFAULT_PASSWORD);
      await t.http.get('/api/v1/auth/me').set(bearer(again.accessToken)).expect(200);
      const audit = await t.db.query(`SELECT action FROM audit_entries WHERE entity_id = $1 AND action = 'auth.refresh_token_reused'`, [user.id]);
      expect(audit.rowCount).toBe(1);
    });

    it('refuses a made-up refresh token', async () => {
      const response = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: `${'0'.repeat(8)}-0000-0000-0000-000000000000.${'A'.repeat(43)}` });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('logout', () => {
    it('ends the login: its access and refresh tokens stop working', async () => {
      const user = await t.user(admin, ['officer']);
      await t.http.post('/api/v1/auth/logout').set(bearer(user.accessToken)).send({ refreshToken: user.refreshToken }).expect(204);
      await t.http.get('/api/v1/auth/me').set(bearer(user.accessToken)).expect(401);
      const refresh = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
      expect(refresh.status).toBe(401);
    });
  });

  describe('access tokens', () => {
    it('stop working at once when the user is disabled', async () => {
      const user = await t.user(admin, ['police']);
      await t.http.get('/api/v1/auth/me').set(bearer(user.accessToken)).expect(200);
      const current = await t.http.get(`/api/v1/users/${user.id}`).set(bearer(admin.accessToken)).expect(200);
      await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(bearer(admin.accessToken))
        .send({ disabled: true, version: current.body.version })
        .expect(200);
      const after = await t.http.get('/api/v1/auth/me').set(bearer(user.accessToken));
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('UNAUTHENTICATED');
      const login = await t.http.post('/api/v1/auth/login').send({ username: user.username, password: DEFAULT_PASSWORD });
      expect(login.status).toBe(401);
      expect(login.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('stop working when roles change, so the next request sees the new roles', async () => {
      const user = await t.user(admin, ['admin']);
      await t.http.get('/api/v1/users').set(bearer(user.accessToken)).expect(200);
      const current = await t.http.get(`/api/v1/users/${user.id}`).set(bearer(admin.accessToken)).expect(200);
      await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin.accessToken)).send({ roles: ['police'], version: current.body.version }).expect(200);
      await t.http.get('/api/v1/users').set(bearer(user.accessToken)).expect(401);
      const fresh = await t.login(user.username, DEFAULT_PASSWORD);
      await t.http.get('/api/v1/users').set(bearer(fresh.accessToken)).expect(403);
    });

    const claims = (): Record<string, unknown> => {
      const real = decodeJwtPayload(admin.accessToken);
      return { ...real, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 };
    };

    it('are refused when signed with another key', async () => {
      const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      const token = forgeJwt({ alg: 'ES256', typ: 'JWT' }, claims(), { es256: otherKey });
      const response = await t.http.get('/api/v1/auth/me').set(bearer(token));
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it('are refused with alg none', async () => {
      const token = forgeJwt({ alg: 'none', typ: 'JWT' }, claims());
      await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(401);
    });

    it('are refused when HMAC-signed with the public key (algorithm confusion)', async () => {
      const publicPem = createPublicKey(process.env.JWT_PRIVATE_KEY!).export({ type: 'spki', format: 'pem' });
      const token = forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims(), { hs256: publicPem });
      await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(401);
    });

    it('are refused when expired, even with the right key', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = forgeJwt({ alg: 'ES256', typ: 'JWT' }, { ...claims(), iat: now - 1000, exp: now - 10 }, { es256: process.env.JWT_PRIVATE_KEY! });
      await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(401);
      // The same claims with a future expiry are accepted: the key and claims are otherwise right.
      const valid = forgeJwt({ alg: 'ES256', typ: 'JWT' }, claims(), { es256: process.env.JWT_PRIVATE_KEY! });
      await t.http.get('/api/v1/auth/me').set(bearer(valid)).expect(200);
    });

    it('are refused with the wrong issuer or audience', async () => {
      const key = { es256: process.env.JWT_PRIVATE_KEY! };
      await t.http.get('/api/v1/auth/me').set(bearer(forgeJwt({ alg: 'ES256' }, { ...claims(), iss: 'elsewhere' }, key))).expect(401);
      await t.http.get('/api/v1/auth/me').set(bearer(forgeJwt({ alg: 'ES256' }, { ...claims(), aud: 'elsewhere' }, key))).expect(401);
    });

    it('are required: no token or a malformed header gives 401 problem+json', async () => {
      const none = await t.http.get('/api/v1/auth/me');
      expect(none.status).toBe(401);
      expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      await t.http.get('/api/v1/auth/me').set('Authorization', 'Basic abc').expect(401);
    });
  });
});

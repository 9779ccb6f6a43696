import { bearer, DEFAULT_PASSWORD, runCli, TestApp, type TestUser } from '../support/test-app';

describe('users', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
  });
  afterAll(() => t.close());

  const newUser = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    username: `Officer.${Math.random().toString(36).slice(2, 8)}`,
    password: DEFAULT_PASSWORD,
    fullName: 'Ana Castillo',
    roles: ['officer'],
    jurisdiction: ['8-05'],
    ...overrides,
  });

  it('creates a user and never returns the password or its hash', async () => {
    const body = newUser();
    const response = await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send(body);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: String(body.username).toLowerCase(),
      fullName: 'Ana Castillo',
      roles: ['officer'],
      jurisdiction: ['8-05'],
      disabled: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.text).not.toMatch(/argon2|password/i);
    const [stored] = (await t.db.query('SELECT password_hash FROM users WHERE id = $1', [response.body.id])).rows;
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const audit = (await t.db.query(`SELECT * FROM audit_entries WHERE entity_id = $1 AND action = 'user.created'`, [response.body.id])).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: admin.id, actor_username: admin.username, entity_type: 'user', before: null });
    expect(audit[0].request_id).toBe(response.headers['x-request-id']);
    expect(JSON.stringify(audit[0].after)).not.toMatch(/argon2|password/i);
  });

  it('treats usernames case-insensitively: a second one differing in case is 409 USERNAME_TAKEN', async () => {
    const body = newUser({ username: 'Duplicate.Name' });
    await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send(body).expect(201);
    const again = await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send({ ...body, username: 'duplicate.NAME' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('USERNAME_TAKEN');
  });

  it.each([
    ['too short', 'short pw 1'],
    ['a common one', 'password1234'],
    ['one character repeated', 'aaaaaaaaaaaaaaaa'],
  ])('refuses a weak password (%s) with 400 WEAK_PASSWORD', async (_label, password) => {
    const response = await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send(newUser({ password }));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('WEAK_PASSWORD');
    expect(response.body.errors).toEqual([{ field: 'password', message: expect.any(String) }]);
  });

  it('refuses a jurisdiction naming an unknown district', async () => {
    const response = await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send(newUser({ jurisdiction: ['8-05', '99-99'] }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'jurisdiction', message: expect.stringContaining('99-99') }] });
  });

  it('lists users by username with cursor pagination', async () => {
    for (let i = 0; i < 3; i += 1) {
      await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send(newUser({ username: `page-user-${i}` })).expect(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ username: string }>; nextCursor: string | null } } = await t.http
        .get('/api/v1/users')
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((user) => user.username));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['page-user-0', 'page-user-1', 'page-user-2', admin.username]));
    const bad = await t.http.get('/api/v1/users').query({ limit: 500 }).set(bearer(admin.accessToken));
    expect(bad.status).toBe(400);
    const badCursor = await t.http.get('/api/v1/users').query({ cursor: 'not-a-cursor' }).set(bearer(admin.accessToken));
    expect(badCursor.status).toBe(400);
  });

  it('reads one user, and gives 404 for an unknown id and 400 for a malformed one', async () => {
    const read = await t.http.get(`/api/v1/users/${admin.id}`).set(bearer(admin.accessToken)).expect(200);
    expect(read.body.username).toBe(admin.username);
    const missing = await t.http.get('/api/v1/users/00000000-0000-4000-8000-000000000000').set(bearer(admin.accessToken));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const malformed = await t.http.get('/api/v1/users/42').set(bearer(admin.accessToken));
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'id', message: 'El identificador debe ser un UUID.' }]);
  });

  it('changes roles and jurisdiction with the version, and refuses a stale version with 409', async () => {
    const created = await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send(newUser()).expect(201);
    const changed = await t.http
      .patch(`/api/v1/users/${created.body.id}`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['officer', 'supervisor'], jurisdiction: null, version: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ roles: ['officer', 'supervisor'], jurisdiction: null, version: 2 });
    const stale = await t.http.patch(`/api/v1/users/${created.body.id}`).set(bearer(admin.accessToken)).send({ disabled: true, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const unknownField = await t.http.patch(`/api/v1/users/${created.body.id}`).set(bearer(admin.accessToken)).send({ password: 'x', version: 2 });
    expect(unknownField.status).toBe(400);
    const entries = (await t.db.query(`SELECT action, before, after FROM audit_entries WHERE entity_id = $1 ORDER BY seq`, [created.body.id])).rows;
    expect(entries.map((entry) => entry.action)).toEqual(['user.created', 'user.updated']);
    expect(entries[1].before).toMatchObject({ roles: ['officer'], jurisdiction: ['8-05'], version: 1 });
    expect(entries[1].after).toMatchObject({ roles: ['officer', 'supervisor'], jurisdiction: null, version: 2 });
  });

  it('audits disabling as user.disabled', async () => {
    const created = await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send(newUser()).expect(201);
    await t.http.patch(`/api/v1/users/${created.body.id}`).set(bearer(admin.accessToken)).send({ disabled: true, version: 1 }).expect(200);
    const [entry] = (await t.db.query(`SELECT action, before, after FROM audit_entries WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`, [created.body.id])).rows;
    expect(entry).toMatchObject({ action: 'user.disabled', before: { disabled: false }, after: { disabled: true } });
  });

  describe('every non-admin role is refused', () => {
    it.each(['officer', 'supervisor', 'police', 'auditor'])('%s gets 403 FORBIDDEN on every users endpoint', async (role) => {
      const user = await t.user(admin, [role]);
      const auth = bearer(user.accessToken);
      const responses = await Promise.all([
        t.http.post('/api/v1/users').set(auth).send(newUser()),
        t.http.get('/api/v1/users').set(auth),
        t.http.get(`/api/v1/users/${admin.id}`).set(auth),
        t.http.patch(`/api/v1/users/${admin.id}`).set(auth).send({ disabled: true, version: 1 }),
      ]);
      for (const response of responses) {
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
    });

    it('without a token every users endpoint is 401', async () => {
      await t.http.get('/api/v1/users').expect(401);
      await t.http.post('/api/v1/users').send(newUser()).expect(401);
    });
  });
});

describe('create-user command', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('makes an admin who can log in, create an officer and disable them', async () => {
    const admin = await t.bootstrapAdmin();
    const officer = await t.user(admin, ['officer'], { jurisdiction: ['13-01'] });
    await t.http.get('/api/v1/auth/me').set(bearer(officer.accessToken)).expect(200);
    await t.http.patch(`/api/v1/users/${officer.id}`).set(bearer(admin.accessToken)).send({ disabled: true, version: 1 }).expect(200);
    await t.http.get('/api/v1/auth/me').set(bearer(officer.accessToken)).expect(401);
    const [entry] = (await t.db.query(`SELECT actor_id, actor_username FROM audit_entries WHERE action = 'user.created' AND entity_id = $1`, [admin.id])).rows;
    expect(entry.actor_id).toBeNull();
    expect(entry.actor_username).toMatch(/^cli:/);
  });

  it('refuses a weak password and unknown roles without creating anyone', async () => {
    const weak = await runCli('cli/create-user.js', ['--username', 'weakling', '--roles', 'admin'], { ...t.env, NEW_USER_PASSWORD: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('WEAK_PASSWORD');
    const roles = await runCli('cli/create-user.js', ['--username', 'pirate', '--roles', 'admin,captain'], { ...t.env, NEW_USER_PASSWORD: DEFAULT_PASSWORD });
    expect(roles.code).toBe(1);
    expect(roles.stderr).toContain('captain');
    const noPassword = await runCli('cli/create-user.js', ['--username', 'nopass', '--roles', 'admin'], { ...t.env, NEW_USER_PASSWORD: '' });
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain('NEW_USER_PASSWORD');
    const count = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username IN ('weakling', 'pirate', 'nopass')`);
    expect(count.rows[0].n).toBe(0);
  });
});

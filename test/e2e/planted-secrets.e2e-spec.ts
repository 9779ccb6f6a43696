import { issueLicence, makeOwner, registerWeapon, weaponBody } from '../support/registry';
import { bearer, DEFAULT_PASSWORD, TestApp } from '../support/test-app';

/**
 * A whole working day against a service whose log is captured: the log must never hold the
 * password, any token, or the cédula planted in the story.
 */
describe('planted secrets stay out of the log', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ LOG_LEVEL: 'debug' });
  });
  afterAll(() => t.close());

  it('logs no password, token or cédula through login, owner, weapon, trace view and report', async () => {
    const admin = await t.bootstrapAdmin();
    const officer = await t.user(admin, ['officer']);
    const police = await t.user(admin, ['police']);
    const cedula = '8-917-40213';
    const tokens: string[] = [admin.accessToken, admin.refreshToken, officer.accessToken, officer.refreshToken, police.accessToken, police.refreshToken];

    // Failed and refused attempts log security events: with usernames, never the secrets.
    await t.http.post('/api/v1/auth/login').send({ username: officer.username, password: `${DEFAULT_PASSWORD} typo` }).expect(401);
    await t.http.get('/api/v1/auth/me').set(bearer(`${police.accessToken}x`)).expect(401);
    const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: officer.refreshToken }).expect(200);
    tokens.push(refreshed.body.accessToken as string, refreshed.body.refreshToken as string);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: officer.refreshToken }).expect(401);
    // The reuse ended that login; the officer logs in again.
    Object.assign(officer, await t.login(officer.username, DEFAULT_PASSWORD));
    tokens.push(officer.accessToken, officer.refreshToken);

    const owner = await makeOwner(t, officer, { name: 'Plantada Secreta', idDocument: { kind: 'cedula', number: cedula }, address: { district: '8-05', line: 'Calle Oculta 7' } });
    await issueLicence(t, officer, owner.id);
    const duplicate = await t.http
      .post('/api/v1/owners')
      .set(bearer(officer.accessToken))
      .send({ type: 'person', name: 'Otra', idDocument: { kind: 'cedula', number: cedula }, birthDate: '1980-01-01', address: { district: '8-05', line: 'x' } });
    expect(duplicate.status).toBe(409);
    const weapon = await registerWeapon(t, officer, weaponBody(owner.id));
    await t.http.get('/api/v1/owners').query({ idNumber: cedula }).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-777').expect(200);
    await t.http.get(`/api/v1/trace/weapons/${weapon.id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-777').expect(200);
    await t.http
      .post(`/api/v1/weapons/${weapon.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), place: 'Calle 50', version: weapon.version })
      .expect(201);
    const report = await t.http
      .post('/api/v1/reports')
      .set(bearer(officer.accessToken))
      .send({ kind: 'stolen_weapons', params: { district: '8-05' }, format: 'csv' })
      .expect(202);
    let status = 'queued';
    for (let waited = 0; status !== 'completed' && status !== 'failed' && waited < 60_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await t.http.get(`/api/v1/reports/${report.body.id}`).set(bearer(officer.accessToken)).expect(200)).body.status as string;
    }
    expect(status).toBe('completed');
    const file = await t.http.get(`/api/v1/reports/${report.body.id}/file`).set(bearer(officer.accessToken)).expect(200);
    expect(file.text).toContain(cedula);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const logs = t.logs;
    expect(logs).toContain('request completed');
    expect(logs).toContain('"event":"security"');
    expect(logs).not.toContain(DEFAULT_PASSWORD);
    for (const token of tokens) {
      expect(logs).not.toContain(token);
      // Nor the secret part alone (the refresh token's, or the access token's signature).
      expect(logs).not.toContain(token.slice(-40));
    }
    expect(logs).not.toContain(cedula);
    expect(logs).not.toContain(cedula.replace(/-/g, ''));
  });
});

import { randomUUID } from 'node:crypto';
import { daysFromToday, makeHolder, registerWeapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

/**
 * API.md, Conventions, Language: Spanish (es-PA) by default, English for Accept-Language: en,
 * Content-Language on every answer; codes and field names never change with the language.
 */
describe('language of the answers', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer']);
  });
  afterAll(() => t.close());

  const english = { 'Accept-Language': 'en' };

  it('says a missing serial number is missing, once, in Spanish by default and in English on request', async () => {
    const holder = await makeHolder(t, officer);
    const body = weaponBody(holder.id);
    delete body.serialNumber;
    const spanish = await t.http.post('/api/v1/weapons').set(bearer(officer.accessToken)).send(body);
    expect(spanish.status).toBe(400);
    expect(spanish.headers['content-language']).toBe('es-PA');
    expect(spanish.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      title: 'La solicitud no es válida',
      detail: 'Uno o más campos no son válidos.',
      errors: [{ field: 'serialNumber', message: expect.stringMatching(/^Falta el número de serie/) }],
    });
    expect(spanish.body.errors).toHaveLength(1);

    const inEnglish = await t.http.post('/api/v1/weapons').set(bearer(officer.accessToken)).set(english).send(body);
    expect(inEnglish.status).toBe(400);
    expect(inEnglish.headers['content-language']).toBe('en');
    expect(inEnglish.body).toMatchObject({ code: 'VALIDATION_FAILED', title: 'The request is not valid' });
    expect(inEnglish.body.errors).toEqual([{ field: 'serialNumber', message: expect.stringMatching(/serial number is required/) }]);
    expect(inEnglish.body.errors.map((e: { field: string }) => e.field)).toEqual(spanish.body.errors.map((e: { field: string }) => e.field));
  });

  it('never lets class-validator English through: a missing password says only that it is missing', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set(bearer(admin.accessToken))
      .send({ username: `u${Date.now()}`, fullName: 'Ana Pérez', roles: ['officer'] });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'password', message: 'Falta la contraseña.' }]);
    const unknown = await t.http
      .post('/api/v1/users')
      .set(bearer(admin.accessToken))
      .set(english)
      .send({ username: `u${Date.now()}`, password: 'x'.repeat(2000), fullName: 'Ana', roles: ['officer'], colour: 'red' });
    expect(unknown.body.errors).toEqual([
      { field: 'colour', message: 'The field colour is not allowed here.' },
      { field: 'password', message: 'The password must have at most 1024 characters.' },
    ]);
  });

  it('names an unknown weapon in both languages with the same code', async () => {
    const id = randomUUID();
    const spanish = await t.http.get(`/api/v1/weapons/${id}`).set(bearer(officer.accessToken)).expect(404);
    expect(spanish.headers['content-language']).toBe('es-PA');
    expect(spanish.body).toMatchObject({ code: 'NOT_FOUND', title: 'No encontrado', detail: `El arma ${id} no existe.` });
    const inEnglish = await t.http.get(`/api/v1/weapons/${id}`).set(bearer(officer.accessToken)).set(english).expect(404);
    expect(inEnglish.headers['content-language']).toBe('en');
    expect(inEnglish.body).toMatchObject({ code: 'NOT_FOUND', title: 'Not found', detail: `Weapon ${id} does not exist.` });
    const badId = await t.http.get('/api/v1/weapons/nope').set(bearer(officer.accessToken)).expect(400);
    expect(badId.body.errors).toEqual([{ field: 'id', message: 'El identificador debe ser un UUID.' }]);
  });

  it('explains a refused transfer in both languages', async () => {
    const seller = await makeHolder(t, officer);
    const weapon = await registerWeapon(t, officer, weaponBody(seller.id));
    const body = { weaponId: weapon.id, fromOwnerId: seller.id, toOwnerId: seller.id, kind: 'sale', date: daysFromToday(-1), weaponVersion: weapon.version };
    const spanish = await t.http.post('/api/v1/transfers').set(bearer(officer.accessToken)).send(body).expect(422);
    expect(spanish.body).toMatchObject({
      code: 'SAME_OWNER',
      title: 'Quien transfiere y quien recibe son el mismo propietario',
      detail: 'Quien transfiere y quien recibe son el mismo propietario.',
    });
    const inEnglish = await t.http.post('/api/v1/transfers').set(bearer(officer.accessToken)).set(english).send(body).expect(422);
    expect(inEnglish.body).toMatchObject({ code: 'SAME_OWNER', detail: 'The sender and the recipient are the same owner.' });

    const other = await makeHolder(t, officer);
    await t.http
      .post(`/api/v1/weapons/${weapon.id}/events`)
      .set(bearer(officer.accessToken))
      .send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), version: weapon.version })
      .expect(201);
    const stolen = { ...body, toOwnerId: other.id, weaponVersion: weapon.version + 1 };
    const refused = await t.http.post('/api/v1/transfers').set(bearer(officer.accessToken)).send(stolen).expect(409);
    expect(refused.body).toMatchObject({ code: 'WEAPON_NOT_TRANSFERABLE', detail: 'Un arma robada no puede traspasarse.' });
    const refusedEn = await t.http.post('/api/v1/transfers').set(bearer(officer.accessToken)).set(english).send(stolen).expect(409);
    expect(refusedEn.body).toMatchObject({ code: 'WEAPON_NOT_TRANSFERABLE', detail: 'A weapon that is stolen cannot be transferred.' });
  });

  it('says Content-Language on success, 401, health and docs', async () => {
    const ok = await t.http.get('/api/v1/auth/me').set(bearer(officer.accessToken)).expect(200);
    expect(ok.headers['content-language']).toBe('es-PA');
    const unauthenticated = await t.http.get('/api/v1/weapons').set(english).expect(401);
    expect(unauthenticated.headers['content-language']).toBe('en');
    expect(unauthenticated.headers['www-authenticate']).toBe('Bearer');
    expect(unauthenticated.body).toMatchObject({ code: 'UNAUTHENTICATED', title: 'Authentication required' });
    const spanish401 = await t.http.get('/api/v1/weapons').expect(401);
    expect(spanish401.body).toMatchObject({ code: 'UNAUTHENTICATED', title: 'Se requiere autenticación' });
    const forbidden = await t.http.get('/api/v1/users').set(bearer(officer.accessToken)).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', detail: 'No tiene permiso para esta operación.' });
    expect(forbidden.headers['content-language']).toBe('es-PA');
    for (const path of ['/health/live', '/api/v1/health/live', '/docs-json']) {
      const response = await t.http.get(path).set(english).expect(200);
      expect(response.headers['content-language']).toBe('en');
    }
    const unmatched = await t.http.get('/api/v1/no-such-route').expect(404);
    expect(unmatched.headers['content-language']).toBe('es-PA');
    const tooLarge = await t.http
      .post('/api/v1/weapons')
      .set(bearer(officer.accessToken))
      .set(english)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ model: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(tooLarge.headers['content-language']).toBe('en');
    expect(tooLarge.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', title: 'The request body is too large' });
    const malformed = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
    expect(malformed.headers['content-language']).toBe('es-PA');
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON', detail: 'No se pudo leer el cuerpo de la solicitud como JSON.' });
  });

  it('honours q-values and falls back to Spanish for a language it does not speak', async () => {
    const ask = (header: string) => t.http.get('/api/v1/auth/me').set(bearer(officer.accessToken)).set('Accept-Language', header).expect(200);
    expect((await ask('en;q=0.4, es;q=0.9')).headers['content-language']).toBe('es-PA');
    expect((await ask('es;q=0.3, en-GB;q=0.8')).headers['content-language']).toBe('en');
    expect((await ask('fr, de;q=0.5')).headers['content-language']).toBe('es-PA');
    expect((await ask('en;q=0')).headers['content-language']).toBe('es-PA');
  });

  it('names weapon types in the language of the request, with the same codes', async () => {
    const spanish = await t.http.get('/api/v1/reference/weapon-types').set(bearer(officer.accessToken)).expect(200);
    const inEnglish = await t.http.get('/api/v1/reference/weapon-types').set(bearer(officer.accessToken)).set(english).expect(200);
    const name = (list: Array<{ code: string; name: string }>, code: string): string | undefined => list.find((entry) => entry.code === code)?.name;
    expect(name(spanish.body, 'pistol')).toBe('Pistola');
    expect(name(inEnglish.body, 'pistol')).toBe('Pistol');
    expect(name(inEnglish.body, 'shotgun')).toBe('Shotgun');
    expect(spanish.body.map((entry: { code: string }) => entry.code).sort()).toEqual(inEnglish.body.map((entry: { code: string }) => entry.code).sort());
  });

  it('names weapon statuses and event kinds in the language of the request', async () => {
    const get = async (path: string, headers: Record<string, string> = {}) =>
      (await t.http.get(`/api/v1/reference/${path}`).set(bearer(officer.accessToken)).set(headers).expect(200)).body as Array<{ code: string; name: string }>;
    const statuses = await get('weapon-statuses');
    expect(statuses).toEqual(expect.arrayContaining([{ code: 'stolen', name: 'robada' }, { code: 'in_state_custody', name: 'en custodia del Estado' }]));
    expect(await get('weapon-statuses', english)).toEqual(expect.arrayContaining([{ code: 'stolen', name: 'stolen' }]));
    const events = await get('weapon-event-kinds');
    expect(events).toEqual(expect.arrayContaining([{ code: 'reported_stolen', name: 'denuncia de robo' }]));
    expect((await get('weapon-event-kinds', english)).map((entry) => entry.code)).toEqual(events.map((entry) => entry.code));
  });
});

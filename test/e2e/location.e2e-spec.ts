import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { csv, importHolder, importRow, postCsv, uniqueSerial } from '../support/imports';
import { daysFromToday, makeHolder, registerWeapon, uniqueCedula, weaponBody } from '../support/registry';
import { recoveryBody } from '../support/recoveries';
import { bearer, DEFAULT_PASSWORD, TestApp, type TestUser } from '../support/test-app';

interface Case {
  name: string;
  status: 201 | 202;
  post: () => Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>;
  expected: (body: Record<string, unknown>) => string;
}

describe('Location on every 201 and 202', () => {
  let t: TestApp;
  let admin: TestUser;
  const PURPOSE = { 'X-Access-Purpose': 'Contract check of Location headers' };

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
  });
  afterAll(() => t.close());

  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.http.post(path).set(bearer(admin.accessToken)).set(headers).send(body as object);

  it('names the created resource (or the path to poll), and GET on it answers 200', async () => {
    const holder = await makeHolder(t, admin);
    const buyer = await makeHolder(t, admin);
    const prohibited = await makeHolder(t, admin);
    const weapon = await registerWeapon(t, admin, weaponBody(holder.id));
    const forEvent = await registerWeapon(t, admin, weaponBody(holder.id));
    const csvHolder = await importHolder(t, admin);
    const witnessUser = await t.user(admin, ['witness']);
    const witnessKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

    const cases: Case[] = [
      {
        name: 'POST /users',
        status: 201,
        post: () =>
          post('/api/v1/users', { username: `loc-${randomUUID().slice(0, 8)}`, password: DEFAULT_PASSWORD, fullName: 'Loc', roles: ['police'] }),
        expected: (body) => `/api/v1/users/${String(body.id)}`,
      },
      {
        name: 'POST /owners',
        status: 201,
        post: () =>
          post('/api/v1/owners', {
            type: 'person',
            name: 'Location Owner',
            idDocument: { kind: 'cedula', number: uniqueCedula() },
            birthDate: '1980-05-17',
            address: { district: '8-05', line: 'Calle 1' },
          }),
        expected: (body) => `/api/v1/owners/${String(body.id)}`,
      },
      {
        name: 'POST /owners/:id/licences',
        status: 201,
        post: () =>
          post(`/api/v1/owners/${holder.id}/licences`, {
            kind: 'dealer',
            number: `LOC-${randomUUID().slice(0, 8)}`,
            issuedAt: daysFromToday(-30),
            expiresAt: daysFromToday(300),
            weaponTypes: ['pistol'],
          }),
        expected: (body) => `/api/v1/licences/${String(body.id)}`,
      },
      {
        name: 'POST /owners/:id/evidence',
        status: 201,
        post: () =>
          post(`/api/v1/owners/${holder.id}/evidence`, {
            kind: 'drug_test',
            issuedAt: daysFromToday(-3),
            validUntil: daysFromToday(87),
            reference: 'LAB-LOC-1',
          }),
        expected: () => `/api/v1/owners/${holder.id}/evidence`,
      },
      {
        name: 'POST /owners/:id/prohibitions',
        status: 201,
        post: () =>
          post(`/api/v1/owners/${prohibited.id}/prohibitions`, {
            court: 'Juzgado de Familia',
            orderRef: `LOC-${randomUUID().slice(0, 8)}`,
            from: daysFromToday(0),
            reason: 'Contract check',
          }),
        expected: () => `/api/v1/owners/${prohibited.id}/prohibitions`,
      },
      {
        name: 'POST /notifications/run',
        status: 202,
        post: () => post('/api/v1/notifications/run'),
        expected: (body) => `/api/v1/notifications/runs/${String(body.id)}`,
      },
      {
        name: 'POST /weapons',
        status: 201,
        post: () => post('/api/v1/weapons', weaponBody(holder.id)),
        expected: (body) => `/api/v1/weapons/${String(body.id)}`,
      },
      {
        name: 'POST /weapons/:id/events',
        status: 201,
        post: () =>
          post(`/api/v1/weapons/${forEvent.id}/events`, { kind: 'reported_lost', occurredAt: new Date().toISOString(), version: forEvent.version }),
        expected: () => `/api/v1/weapons/${forEvent.id}`,
      },
      {
        name: 'POST /weapons/:id/corrections',
        status: 201,
        post: () => post(`/api/v1/weapons/${weapon.id}/corrections`, { changes: { countryOfManufacture: 'IT' }, reason: 'misread at intake' }),
        expected: (body) => `/api/v1/corrections/${String(body.id)}`,
      },
      {
        name: 'POST /transfers',
        status: 201,
        post: () =>
          post('/api/v1/transfers', {
            weaponId: weapon.id,
            fromOwnerId: holder.id,
            toOwnerId: buyer.id,
            kind: 'sale',
            date: daysFromToday(-1),
            documentRef: 'NOT-1',
            weaponVersion: weapon.version,
          }),
        expected: (body) => `/api/v1/transfers/${String(body.id)}`,
      },
      {
        name: 'POST /trace-requests',
        status: 202,
        post: () =>
          post('/api/v1/trace-requests', {
            caseNumber: `DIJ-${randomUUID().slice(0, 8)}`,
            requestingAgency: 'Dirección de Investigación Judicial',
            reason: 'Recovered at a crime scene',
            recovery: { date: daysFromToday(-1), place: 'Vía España', district: '8-05' },
            marking: { serialNumber: uniqueSerial('LOC') },
          }),
        expected: (body) => `/api/v1/trace-requests/${String(body.id)}`,
      },
      {
        name: 'POST /reports',
        status: 202,
        post: () => post('/api/v1/reports', { kind: 'stolen_weapons', params: {}, format: 'json' }, PURPOSE),
        expected: (body) => `/api/v1/reports/${String(body.id)}`,
      },
      {
        name: 'POST /imports',
        status: 202,
        post: () => postCsv(t, admin, csv([importRow(csvHolder)])),
        expected: (body) => `/api/v1/imports/${String(body.id)}`,
      },
      {
        name: 'POST /reconciliation/runs',
        status: 202,
        post: () => post('/api/v1/reconciliation/runs'),
        expected: (body) => `/api/v1/reconciliation/runs/${String(body.id)}`,
      },
      {
        name: 'POST /recoveries',
        status: 201,
        post: () => post('/api/v1/recoveries', recoveryBody()),
        expected: (body) => `/api/v1/recoveries/${String(body.id)}`,
      },
      {
        name: 'POST /audit/checkpoints',
        status: 201,
        post: () => post('/api/v1/audit/checkpoints'),
        expected: (body) => `/api/v1/audit/checkpoints?from=${String(body.seq)}&to=${String(body.seq)}`,
      },
      {
        name: 'POST /audit/witnesses',
        status: 201,
        post: () => post('/api/v1/audit/witnesses', { name: `ombudsman-${randomUUID().slice(0, 8)}`, publicKey: witnessKey, userId: witnessUser.id }),
        expected: (body) => `/api/v1/audit/witnesses/${String(body.id)}`,
      },
    ];

    for (const item of cases) {
      const response = await item.post();
      expect([item.name, response.status]).toEqual([item.name, item.status]);
      expect([item.name, response.headers.location]).toEqual([item.name, item.expected(response.body)]);
      const read = await t.http.get(response.headers.location).set(bearer(admin.accessToken)).set(PURPOSE);
      expect([item.name, read.status]).toEqual([item.name, 200]);
    }
  });

  it('gives an idempotent replay the same Location', async () => {
    const holder = await makeHolder(t, admin);
    const body = weaponBody(holder.id);
    const key = { 'Idempotency-Key': `loc-${randomUUID()}` };
    const first = await post('/api/v1/weapons', body, key).expect(201);
    const replay = await post('/api/v1/weapons', body, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(first.headers.location).toBe(`/api/v1/weapons/${String(first.body.id)}`);
    expect(replay.headers.location).toBe(first.headers.location);
  });

  it('keeps a recovery and a trace request\'s recovery apart in the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      components: { schemas: Record<string, { properties: Record<string, { $ref?: string }> }> };
    };
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.RecoveryDto.properties)).toEqual(expect.arrayContaining(['items', 'agency', 'recordedBy']));
    const traceRecovery = schemas.CreateTraceRequestDto.properties.recovery.$ref?.split('/').pop() as string;
    expect(traceRecovery).not.toBe('RecoveryDto');
    expect(Object.keys(schemas[traceRecovery].properties)).toEqual(expect.arrayContaining(['date', 'place']));
  });

  it('describes Location on every 201 and 202 answer of the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    const created: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const status of ['201', '202']) {
          const response = operation.responses?.[status];
          if (!response) continue;
          created.push(`${method} ${path}`);
          expect([method, path, response.headers?.Location]).toEqual([method, path, expect.objectContaining({ schema: expect.any(Object) })]);
        }
      }
    }
    expect(created).toEqual(expect.arrayContaining(['post /api/v1/weapons', 'post /api/v1/reports', 'post /api/v1/audit/witnesses']));
  });
});

import { allFindings, reconcile, until } from '../support/reconciliation';
import { pdfText } from '../support/pdf-text';
import { builtReport, ownSerial, type Recovery, recordRecovery, recoveryBody } from '../support/recoveries';
import { daysFromToday, makeHolder, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

interface TraceRequest {
  id: string;
  status: string;
  requestingAgency: string;
  marking: { serialNumber: string; make: string | null };
  result?: { outcome: string; suggestedDiversionPoint?: string | null };
  illicitOrigin: Record<string, unknown> | null;
}

describe('recoveries', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let auditor: TestUser;
  let colonOfficer: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: null });
    police = await t.user(admin, ['police']);
    auditor = await t.user(admin, ['auditor']);
    colonOfficer = await t.user(admin, ['officer'], { jurisdiction: ['3-01'] });
  });
  afterAll(() => t.close());

  const post = (as: TestUser, body: Record<string, unknown>) => t.http.post('/api/v1/recoveries').set(bearer(as.accessToken)).send(body);
  const weapon = async (id: string): Promise<Weapon & { holderId: string | null; origin: string; district: string; serialStatus: string }> =>
    (await t.http.get(`/api/v1/weapons/${id}`).set(bearer(admin.accessToken)).expect(200)).body;
  const traceRequest = async (id: string): Promise<TraceRequest> =>
    (await t.http.get(`/api/v1/trace-requests/${id}`).set(bearer(admin.accessToken)).set('X-Access-Purpose', 'recovery test').expect(200)).body;
  const answered = (id: string): Promise<TraceRequest> =>
    until(`trace request ${id} answered`, async () => {
      const request = await traceRequest(id);
      return request.status === 'completed' || request.status === 'failed' ? request : null;
    });
  const events = async (id: string): Promise<Array<{ kind: string; fromStatus: string; toStatus: string }>> =>
    (await t.http.get(`/api/v1/trace/weapons/${id}`).set(bearer(admin.accessToken)).set('X-Access-Purpose', 'recovery test').expect(200)).body
      .events;

  it('records a seizure of a stolen, an unregistered and an obliterated weapon, each traced', async () => {
    const holder = await makeHolder(t, officer);
    const stolen = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: ownSerial('ST') }));
    await t.http
      .post(`/api/v1/weapons/${stolen.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind: 'reported_stolen', occurredAt: new Date(Date.now() - 86_400_000).toISOString(), version: stolen.version })
      .expect(201);
    const unregisteredSerial = ownSerial('UN');
    const body = recoveryBody({
      items: [
        // Written differently from the registration: an alias of the make and the serial without its dash.
        { make: 'glock', type: 'pistol', calibre: '9mm', serialNumber: stolen.serialNumber.replace('-', ' '), serialStatus: 'marked' },
        { make: 'Taurus', model: 'G2C', type: 'pistol', calibre: '9mm', serialNumber: unregisteredSerial, serialStatus: 'marked', countryOfManufacture: 'BR' },
        { type: 'revolver', calibre: '.38 Special', serialStatus: 'obliterated', notes: 'número limado' },
      ],
    });
    const response = await t.http
      .post('/api/v1/recoveries')
      .set(bearer(police.accessToken))
      .set('Idempotency-Key', `rec-${stolen.id}`)
      .send(body)
      .expect(201);
    const recovery = response.body as Recovery;
    expect(response.headers.location).toBe(`/api/v1/recoveries/${recovery.id}`);
    expect(recovery.items.map((item) => item.matched)).toEqual(['registered', 'unregistered', 'unregistered']);
    expect(recovery.items[0].weaponId).toBe(stolen.id);
    expect(new Set(recovery.items.map((item) => item.traceRequestId)).size).toBe(3);

    // The same key and body: the first answer again, nothing written.
    const replay = await t.http
      .post('/api/v1/recoveries')
      .set(bearer(police.accessToken))
      .set('Idempotency-Key', `rec-${stolen.id}`)
      .send(body)
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(recovery);

    const seized = await weapon(stolen.id);
    expect(seized.status).toBe('seized');
    expect(seized.holderId).toBe(holder.id);
    const stolenEvents = await events(stolen.id);
    expect(stolenEvents.at(-1)).toMatchObject({ kind: 'seized', fromStatus: 'stolen', toStatus: 'seized' });

    const fresh = await weapon(recovery.items[1].weaponId);
    expect(fresh).toMatchObject({ status: 'seized', holderId: null, origin: 'recovered', district: '8-05', make: 'Taurus', serialNumber: unregisteredSerial });

    const obliterated = await weapon(recovery.items[2].weaponId);
    expect(obliterated).toMatchObject({ status: 'seized', holderId: null, origin: 'recovered', serialStatus: 'obliterated' });
    expect(obliterated.serialNumber).toBe(`PTY-${obliterated.registryNumber}`);
    expect((await events(obliterated.id)).map((event) => event.kind).sort()).toEqual(['remarked', 'seized']);

    // An alert for the stolen weapon, as a trace request's hit would raise.
    const alerts = await t.http.get('/api/v1/alerts?status=open').set(bearer(police.accessToken)).expect(200);
    expect(alerts.body.items.filter((alert: { weapon: { id: string } }) => alert.weapon.id === stolen.id)).toHaveLength(1);

    // Every item's trace request is answered by the queue, for the recovery's agency.
    const requests = await Promise.all(recovery.items.map((item) => answered(item.traceRequestId)));
    expect(requests.map((request) => request.status)).toEqual(['completed', 'completed', 'completed']);
    expect(requests.every((request) => request.requestingAgency === body.agency)).toBe(true);
    expect(requests[2].marking.serialNumber).toBe(obliterated.serialNumber);
    // The queue proposes theft for the weapon reported stolen before its recovery, nothing for the others.
    expect(requests.map((request) => request.result?.suggestedDiversionPoint ?? null)).toEqual(['theft', null, null]);

    // The competent authority's finding: police, supervisors and admins; not officers.
    const finding = { established: true, method: 'tracing', diversionPoint: 'theft', notes: 'Denuncia DIJ-2026-1' };
    const path = `/api/v1/trace-requests/${recovery.items[0].traceRequestId}/origin`;
    await t.http.post(path).set(bearer(officer.accessToken)).send(finding).expect(403);
    const bad = await t.http.post(path).set(bearer(police.accessToken)).send({ ...finding, diversionPoint: 'magic' }).expect(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(['diversionPoint']);
    const established = await t.http.post(path).set(bearer(police.accessToken)).send(finding).expect(200);
    expect(established.body.illicitOrigin).toMatchObject({ ...finding, establishedBy: expect.any(String) });
    expect((await traceRequest(recovery.items[0].traceRequestId)).illicitOrigin).toMatchObject({
      established: true,
      method: 'tracing',
      diversionPoint: 'theft',
      notes: 'Denuncia DIJ-2026-1',
      establishedAt: expect.any(String),
    });

    const fetched = await t.http.get(`/api/v1/recoveries/${recovery.id}`).set(bearer(officer.accessToken)).expect(200);
    expect(fetched.body).toEqual(recovery);
    const listed = await t.http
      .get('/api/v1/recoveries')
      .query({ caseNumber: body.caseNumber as string, kind: 'seized', from: daysFromToday(-1), to: daysFromToday(0) })
      .set(bearer(police.accessToken))
      .expect(200);
    expect(listed.body.items.map((item: Recovery) => item.id)).toEqual([recovery.id]);
  });

  it('takes an anonymous amnesty hand-in of a lawful weapon without a police alert, as a reconciliation finding', async () => {
    const holder = await makeHolder(t, officer);
    const lawful = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: ownSerial('AM') }));
    const before = await t.http.get('/api/v1/alerts?status=open').set(bearer(police.accessToken)).expect(200);
    const recovery = await recordRecovery(
      t,
      officer,
      recoveryBody({
        kind: 'amnesty',
        anonymous: true,
        caseNumber: undefined,
        agency: 'Ministerio de Seguridad Pública, campaña de canje',
        items: [{ make: 'Glock', type: 'pistol', calibre: '9mm', serialNumber: lawful.serialNumber, serialStatus: 'marked' }],
        ammunition: [{ calibre: '9mm', rounds: 50 }],
      }),
    );
    expect(recovery).toMatchObject({ kind: 'amnesty', anonymous: true });
    expect(recovery.items[0]).toMatchObject({ weaponId: lawful.id, matched: 'registered' });
    expect((await weapon(lawful.id)).status).toBe('in_state_custody');
    const stored = await t.db.query('SELECT surrendered_by, anonymous FROM recoveries WHERE id = $1', [recovery.id]);
    expect(stored.rows).toEqual([{ surrendered_by: null, anonymous: true }]);
    const after = await t.http.get('/api/v1/alerts?status=open').set(bearer(police.accessToken)).expect(200);
    expect(after.body.items.filter((alert: { weapon: { id: string } }) => alert.weapon.id === lawful.id)).toHaveLength(0);
    expect(after.body.items.length).toBe(before.body.items.length);

    const run = await reconcile(t, auditor);
    const findings = await allFindings(t, auditor, run.id, 'SURRENDERED_BY_THIRD_PARTY');
    const finding = findings.find((item) => item.weaponId === lawful.id);
    expect(finding).toMatchObject({ holderId: holder.id, evidence: { recoveryId: recovery.id } });
  });

  it('keeps seizures for police and hand-ins for the ministry, within the officer jurisdiction', async () => {
    await post(officer, recoveryBody({ kind: 'seized' })).expect(403);
    await post(officer, recoveryBody({ kind: 'found' })).expect(403);
    await post(police, recoveryBody({ kind: 'amnesty' })).expect(403);
    await post(police, recoveryBody({ kind: 'surrendered' })).expect(403);
    await post(auditor, recoveryBody({ kind: 'found' })).expect(403);
    const outside = await post(colonOfficer, recoveryBody({ kind: 'surrendered', district: '8-05' })).expect(403);
    expect(outside.body.code).toBe('OUT_OF_JURISDICTION');
    await post(colonOfficer, recoveryBody({ kind: 'surrendered', district: '3-01' })).expect(201);
    await post(police, recoveryBody({ kind: 'found' })).expect(201);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const refused = async (body: Record<string, unknown>, as: TestUser = officer): Promise<string[]> => {
      const response = await post(as, body).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      return response.body.errors.map((error: { field: string }) => error.field);
    };
    await expect(refused(recoveryBody({ kind: 'seized', anonymous: true }), police)).resolves.toContain('anonymous');
    await expect(refused(recoveryBody({ kind: 'amnesty', anonymous: true, surrenderedBy: '00000000-0000-4000-8000-000000000000' }))).resolves.toContain(
      'surrenderedBy',
    );
    await expect(refused(recoveryBody({ kind: 'surrendered', items: [] }))).resolves.toContain('items');
    const many = Array.from({ length: 501 }, () => ({ type: 'pistol', serialStatus: 'unmarked' }));
    await expect(refused(recoveryBody({ kind: 'surrendered', items: many }))).resolves.toContain('items');
    await expect(refused(recoveryBody({ kind: 'confiscated' }))).resolves.toContain('kind');
    await expect(refused(recoveryBody({ kind: 'surrendered', items: [{ type: 'pistol', serialStatus: 'scratched' }] }))).resolves.toContain(
      'items.0.serialStatus',
    );
    await expect(refused(recoveryBody({ kind: 'surrendered', items: [{ type: 'bazooka', serialStatus: 'unmarked' }] }))).resolves.toContain(
      'items.0.type',
    );
    await expect(refused(recoveryBody({ kind: 'surrendered', items: [{ type: 'pistol', serialStatus: 'marked' }] }))).resolves.toContain(
      'items.0.serialNumber',
    );
    await expect(refused(recoveryBody({ kind: 'surrendered', district: '99-99' }))).resolves.toContain('district');
    const count = await t.db.query('SELECT count(*)::int AS n FROM recoveries');
    expect(count.rows[0].n).toBeGreaterThan(0);
  });

  it('moves weapons between State stores, forfeits them and destroys a batch all or nothing', async () => {
    const found = await recordRecovery(
      t,
      police,
      recoveryBody({
        kind: 'found',
        items: [
          { make: 'Beretta', type: 'pistol', calibre: '9mm', serialNumber: ownSerial('FD'), serialStatus: 'marked' },
          { make: 'Colt', type: 'revolver', calibre: '.38 Special', serialNumber: ownSerial('FD'), serialStatus: 'marked' },
        ],
      }),
    );
    const [first, second] = found.items.map((item) => item.weaponId);
    const event = (as: TestUser, id: string, kind: string, version: number, extra: Record<string, unknown> = {}) =>
      t.http
        .post(`/api/v1/weapons/${id}/events`)
        .set(bearer(as.accessToken))
        .send({ kind, occurredAt: new Date().toISOString(), version, ...extra });

    await event(police, first, 'custody_transferred', 1, { place: 'Depósito de armas, Ancón', reference: 'REC-ALM-77' }).expect(201);
    expect(await weapon(first)).toMatchObject({ status: 'seized', version: 2 });
    await event(auditor, first, 'forfeited', 2).expect(403);
    await event(officer, first, 'forfeited', 2, { reference: 'Juzgado 3.º, auto 114-2026' }).expect(201);
    expect(await weapon(first)).toMatchObject({ status: 'in_state_custody', version: 3 });
    await event(officer, first, 'forfeited', 3).expect(409);
    await event(officer, first, 'custody_transferred', 3, { place: 'Almacén central' }).expect(201);
    expect((await weapon(first)).status).toBe('in_state_custody');
    // A weapon with no holder has no one to be returned to.
    await event(police, second, 'returned', 1).expect(409);

    const holder = await makeHolder(t, officer);
    const active = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: ownSerial('AC') }));
    await Promise.all(found.items.map((item) => answered(item.traceRequestId)));
    const batch = {
      method: 'smelting',
      place: 'Fundición de Acero, Colón',
      date: daysFromToday(0),
      actaRef: `ACTA-${found.id.slice(0, 8)}`,
      witnesses: ['Lcda. Ana Ríos (Defensoría del Pueblo)', 'Sgto. Luis Vega (Policía Nacional)'],
      weaponIds: [first, second, active.id],
    };
    await t.http.post('/api/v1/destruction-batches').set(bearer(police.accessToken)).send(batch).expect(403);
    const badWitnesses = await t.http.post('/api/v1/destruction-batches').set(bearer(officer.accessToken)).send({ ...batch, witnesses: ['solo'] }).expect(400);
    expect(badWitnesses.body.errors.map((error: { field: string }) => error.field)).toEqual(['witnesses']);
    const refused = await t.http.post('/api/v1/destruction-batches').set(bearer(officer.accessToken)).send(batch).expect(422);
    expect(refused.body.code).toBe('NOT_DESTRUCTIBLE');
    expect(refused.body.weapons).toEqual([{ weaponId: active.id, reason: 'status_active' }]);
    expect(refused.body.detail).toContain(active.id);
    expect((await weapon(first)).status).toBe('in_state_custody');
    expect((await weapon(second)).status).toBe('seized');

    const accepted = await t.http
      .post('/api/v1/destruction-batches')
      .set(bearer(officer.accessToken))
      .send({ ...batch, weaponIds: [first, second] })
      .expect(201);
    expect(accepted.body).toMatchObject({ destroyed: 2, actaRef: batch.actaRef, method: 'smelting' });
    expect(accepted.headers.location).toBe(`/api/v1/destruction-batches/${accepted.body.id}`);
    expect((await weapon(first)).status).toBe('destroyed');
    expect((await weapon(second)).status).toBe('destroyed');
    expect((await events(second)).at(-1)).toMatchObject({ kind: 'destroyed', fromStatus: 'seized', toStatus: 'destroyed' });
    const fetched = await t.http.get(`/api/v1/destruction-batches/${accepted.body.id}`).set(bearer(police.accessToken)).expect(200);
    expect(fetched.body).toEqual(accepted.body);
    // The certificate: acta, place, method, witnesses and every weapon's marking.
    const certificate = await pdfText(await builtReport(t, officer, { kind: 'destruction_certificate', params: { batchId: accepted.body.id }, format: 'pdf' }));
    for (const expected of [batch.actaRef, 'Fundición de Acero, Colón', 'fundición', 'Lcda. Ana Ríos', (await weapon(first)).serialNumber, (await weapon(second)).serialNumber]) {
      // Compared without spaces: the PDF wraps a long serial at its dash.
      expect(certificate.text.replace(/\s+/g, '')).toContain(expected.replace(/\s+/g, ''));
    }
    // Destroyed is final: a second batch refuses it.
    const again = await t.http.post('/api/v1/destruction-batches').set(bearer(officer.accessToken)).send({ ...batch, weaponIds: [first] }).expect(422);
    expect(again.body.weapons).toEqual([{ weaponId: first, reason: 'status_destroyed' }]);
  });
});

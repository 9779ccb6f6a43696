import { createHash, randomInt } from 'node:crypto';
import { pdfText } from '../support/pdf-text';
import { allFindings, reconcile, until } from '../support/reconciliation';
import { ownSerial, recordRecovery, recoveryBody } from '../support/recoveries';
import { daysFromToday, issueLicence, makeOwner, type Owner, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

interface Trace {
  id: string;
  direction: string;
  status: string;
  state: string;
  receivedAt: string;
  dueAt: string | null;
  overdue: boolean;
  package: { status: string; outcome: string | null; weaponId: string | null; sha256: string | null };
  response: { packageSha256: string; summary: string } | null;
  reply: { outcome: string; diversionPoint: string | null } | null;
}

interface PackageJson {
  handling: { confidential: boolean; noOnwardSharing: boolean; personData: string };
  search: { outcome: string; narrowedBy: string[]; candidates: Array<{ registryNumber: string; match: string }> } | null;
  weapon: {
    registration: { registryNumber: string };
    marking: { serialNumber: string };
    transfers: Array<{ kind: string; date: string }>;
    holders: Array<{ name: string; idDocument: { number: string } }> | null;
    statusHistory: Array<{ kind: string }>;
    recoveries: Array<{ agency: string; caseNumber: string | null }>;
  } | null;
  auditHead: { seq: number; hash: string };
}

const DAY_MS = 86_400_000;

/** `8-123-4567` → `*-***-4567`: every letter and digit but the last four hidden. */
function masked(owner: Owner): string {
  const number = (owner as Owner & { idDocument: { number: string } }).idDocument.number;
  let keep = 4;
  return [...number]
    .reverse()
    .map((char) => (/[0-9A-Z]/.test(char) ? (keep-- > 0 ? char : '*') : char))
    .reverse()
    .join('');
}

describe('international traces (ITI)', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let supervisor: TestUser;
  let police: TestUser;
  let scopedPolice: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: null });
    supervisor = await t.user(admin, ['supervisor'], { jurisdiction: ['8-05'] });
    police = await t.user(admin, ['police']);
    scopedPolice = await t.user(admin, ['police'], { jurisdiction: ['8-05'] });
    auditor = await t.user(admin, ['auditor']);
  });
  afterAll(() => t.close());

  const file = (as: TestUser, body: Record<string, unknown>) =>
    t.http.post('/api/v1/international-traces').set(bearer(as.accessToken)).send(body);

  const incoming = (serialNumber: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    direction: 'incoming',
    state: 'CO',
    agencyReference: `DIJIN-${randomInt(1, 1e9)}`,
    receivedAt: new Date(Date.now() - 2 * DAY_MS).toISOString(),
    marking: { make: 'glock', type: 'pistol', serialNumber },
    circumstances: 'Recovered at a checkpoint in Cúcuta',
    ...overrides,
  });

  const packageOf = (as: TestUser, id: string, format: 'json' | 'pdf' = 'json', purpose = 'ITI trace test') =>
    until(`package of ${id}`, async () => {
      const response = await t.http
        .get(`/api/v1/international-traces/${id}/package`)
        .query({ format })
        .set(bearer(as.accessToken))
        .set('X-Access-Purpose', purpose)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      if (response.status === 202) {
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        expect(response.headers.location).toBe(`/api/v1/international-traces/${id}/package?format=${format}`);
        return null;
      }
      expect(response.status).toBe(200);
      return response;
    });

  const auditActions = async (id: string): Promise<Array<{ action: string; after: Record<string, unknown> }>> =>
    (
      await t.http
        .get('/api/v1/audit/events')
        .query({ entityType: 'international_trace', entityId: id, limit: '200' })
        .set(bearer(admin.accessToken))
        .expect(200)
    ).body.items;

  async function holder(name: string): Promise<Owner> {
    const owner = await makeOwner(t, admin, { name });
    await issueLicence(t, admin, owner.id);
    return owner;
  }

  /** A weapon registered to `first`, then sold to `second`. */
  async function soldWeapon(serialNumber: string, first: Owner, second: Owner): Promise<Weapon> {
    const weapon = await registerWeapon(t, admin, weaponBody(first.id, { serialNumber, acquisition: { kind: 'domestic_purchase', date: daysFromToday(-30) } }));
    await t.http
      .post('/api/v1/transfers')
      .set(bearer(admin.accessToken))
      .send({ weaponId: weapon.id, fromOwnerId: first.id, toOwnerId: second.id, kind: 'sale', date: daysFromToday(-5), weaponVersion: weapon.version })
      .expect(201);
    return weapon;
  }

  it('answers an incoming trace whose marking is written differently, naming registration, transfers and holders', async () => {
    const digits = randomInt(1e6, 1e7);
    const first = await holder('Ana Quintero');
    const second = await holder('Luis Batista');
    const weapon = await soldWeapon(`KX-${digits}`, first, second);

    // Lower-case Cyrillic к and х, and a dot where the registry has a dash.
    const created = await file(police, incoming(`\u043A\u0445.${digits}`, { restrictions: { confidential: true, noOnwardSharing: true, purposeOnly: 'Proceso 2026-114' } }));
    expect(created.status).toBe(201);
    const trace = created.body as Trace;
    expect(created.headers.location).toBe(`/api/v1/international-traces/${trace.id}`);
    expect(trace).toMatchObject({ direction: 'incoming', status: 'open', state: 'CO', overdue: false });
    expect(new Date(trace.dueAt!).getTime() - new Date(trace.receivedAt).getTime()).toBe(30 * DAY_MS);

    const response = await packageOf(police, trace.id);
    const text = (response.body as Buffer).toString('utf8');
    const pack = JSON.parse(text) as PackageJson;
    const sha256 = createHash('sha256').update(text).digest('hex');
    expect(response.headers['x-package-sha256']).toBe(sha256);
    expect(pack.search).toMatchObject({ outcome: 'traced', narrowedBy: ['make', 'type'] });
    expect(pack.search!.candidates[0]).toMatchObject({ registryNumber: weapon.registryNumber, match: 'normalized' });
    expect(pack.weapon!.registration.registryNumber).toBe(weapon.registryNumber);
    expect(pack.weapon!.marking.serialNumber).toBe(`KX-${digits}`);
    expect(pack.weapon!.transfers.map((transfer) => transfer.kind)).toEqual(['sale']);
    expect(pack.weapon!.holders!.map((held) => held.name)).toEqual(['Ana Quintero', 'Luis Batista']);
    // Document numbers leave masked to their last four characters.
    expect(pack.weapon!.holders!.map((held) => held.idDocument.number)).toEqual([masked(first), masked(second)]);
    expect(pack.handling).toMatchObject({ confidential: true, noOnwardSharing: true, personData: 'included' });

    const view = (await t.http.get(`/api/v1/international-traces/${trace.id}`).set(bearer(police.accessToken)).expect(200)).body as Trace;
    expect(view.package).toMatchObject({ status: 'completed', outcome: 'traced', weaponId: weapon.id, sha256 });

    // The package names persons: police must say why they read it.
    const noPurpose = await t.http.get(`/api/v1/international-traces/${trace.id}/package`).set(bearer(police.accessToken));
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.code).toBe('PURPOSE_REQUIRED');

    const pdf = await packageOf(police, trace.id, 'pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text: pdfBody } = await pdfText(pdf.body as Buffer);
    expect(pdfBody).toContain('Respuesta a solicitud de rastreo internacional');
    expect(pdfBody).toContain('Response to an international tracing request');
    expect(pdfBody).toContain('CONFIDENCIAL');
    expect(pdfBody).toContain('CONFIDENTIAL');
    expect(pdfBody).toContain('Colombia');
    expect(pdfBody).toContain(weapon.registryNumber);
    expect(pdfBody).toContain('Luis Batista');
    // Codes shown by their names, in each language.
    expect(pdfBody).toContain('compraventa');
    expect(pdfBody).toContain('Resultado: rastreada');
    expect(pdfBody).toContain('Outcome: traced');
    expect(pdfBody).toContain('pistola');
    expect(pdfBody).toContain('San Miguelito'); // the holders' district, by its name
    expect(pdfBody).toContain(sha256);
    expect(pdfBody).toContain(`seq ${pack.auditHead.seq}`);
    expect(pdfBody).toContain(pack.auditHead.hash);
    expect(pdfBody).toContain('Página 1 de');
    expect(pdfBody).toContain('Page 1 of');

    const answered = await t.http
      .post(`/api/v1/international-traces/${trace.id}/respond`)
      .set(bearer(police.accessToken))
      .send({ summary: 'Weapon identified; package sent' })
      .expect(200);
    expect(answered.body).toMatchObject({ status: 'answered', response: { packageSha256: sha256, summary: 'Weapon identified; package sent' } });
    const responded = (await auditActions(trace.id)).find((entry) => entry.action === 'international_trace.responded');
    expect(responded?.after).toMatchObject({ status: 'answered', packageSha256: sha256 });

    // Each holder's access log shows who read the package, why, and that it was sent abroad.
    const log = await t.http.get(`/api/v1/owners/${second.id}/access-log`).set(bearer(admin.accessToken)).expect(200);
    const actions = (log.body.items as Array<{ action: string; purpose: string | null; actor: { id: string } }>).filter((item) =>
      item.action.startsWith('international_trace.'),
    );
    expect(actions.map((item) => item.action)).toEqual(expect.arrayContaining(['international_trace.responded', 'international_trace.package_downloaded']));
    expect(actions.find((item) => item.action === 'international_trace.package_downloaded')).toMatchObject({ purpose: 'ITI trace test', actor: { id: police.id } });

    const again = await t.http.post(`/api/v1/international-traces/${trace.id}/respond`).set(bearer(police.accessToken)).send({ summary: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TRACE_NOT_OPEN');
  });

  it('marks a confidential package so and withholds holders unless onward sharing is also ruled out', async () => {
    const digits = randomInt(1e6, 1e7);
    const weapon = await soldWeapon(`KX-${digits}`, await holder('Marta Ríos'), await holder('Pedro Luna'));
    // The make abbreviated as the other state's form has it, unknown to the catalogue: the serial alone finds it.
    const created = await file(
      supervisor,
      incoming(`kx ${digits}`, { marking: { make: 'GLK Austria', type: 'pistol', serialNumber: `kx ${digits}` }, restrictions: { confidential: true, noOnwardSharing: false } }),
    ).expect(201);

    // Police read it without a purpose: it names nobody.
    const response = await packageOf(police, created.body.id as string, 'json', '');
    const text = (response.body as Buffer).toString('utf8');
    const pack = JSON.parse(text) as PackageJson;
    expect(pack.handling).toMatchObject({ confidential: true, noOnwardSharing: false, personData: 'withheld' });
    expect(pack.search).toMatchObject({ outcome: 'traced', narrowedBy: [] });
    expect(pack.weapon!.registration.registryNumber).toBe(weapon.registryNumber);
    expect(pack.weapon!.transfers).toHaveLength(1);
    expect(pack.weapon!.holders).toBeNull();
    expect(text).not.toContain('Marta');
    expect(text).not.toContain('Pedro Luna');

    const pdf = await packageOf(police, created.body.id as string, 'pdf', '');
    const { text: pdfBody } = await pdfText(pdf.body as Buffer);
    expect(pdfBody).toContain('CONFIDENCIAL');
    expect(pdfBody).toContain('Personal data withheld');
    expect(pdfBody).not.toContain('Pedro Luna');
  });

  it('packs an outgoing trace from the weapon and its recovery; the reply is audited and feeds the trace request', async () => {
    const owner = await holder('Rosa Méndez');
    const serialNumber = ownSerial('OUT');
    const weapon = await registerWeapon(t, admin, weaponBody(owner.id, { serialNumber }));
    await t.http
      .post(`/api/v1/weapons/${weapon.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind: 'reported_stolen', occurredAt: new Date(Date.now() - 3 * DAY_MS).toISOString(), reference: 'DEN-77', version: weapon.version })
      .expect(201);
    const recovery = await recordRecovery(
      t,
      police,
      recoveryBody({ items: [{ make: 'Glock', type: 'pistol', calibre: '9mm', serialNumber, serialStatus: 'marked' }] }),
    );
    const traceRequestId = recovery.items[0].traceRequestId;

    const created = await file(police, {
      direction: 'outgoing',
      state: 'US',
      agencyReference: `PA-ITI-${randomInt(1, 1e9)}`,
      weaponId: weapon.id,
      traceRequestId,
      marking: { make: 'Glock', type: 'pistol', serialNumber },
      circumstances: 'Seized in San Miguelito; imported lawfully, reported stolen',
    }).expect(201);
    const trace = created.body as Trace;
    expect(trace).toMatchObject({ direction: 'outgoing', status: 'open', dueAt: null });

    const pack = JSON.parse(((await packageOf(police, trace.id)).body as Buffer).toString('utf8')) as PackageJson;
    expect(pack.search).toBeNull();
    expect(pack.weapon!.registration.registryNumber).toBe(weapon.registryNumber);
    expect(pack.weapon!.recoveries).toEqual([expect.objectContaining({ agency: 'Policía Nacional, Zona de San Miguelito' })]);
    expect(pack.weapon!.statusHistory.map((event) => event.kind)).toEqual(['reported_stolen', 'seized']);

    const respond = await t.http.post(`/api/v1/international-traces/${trace.id}/respond`).set(bearer(police.accessToken)).send({ summary: 'x' });
    expect(respond.status).toBe(409);
    expect(respond.body.code).toBe('WRONG_TRACE_DIRECTION');

    const replied = await t.http
      .post(`/api/v1/international-traces/${trace.id}/reply`)
      .set(bearer(police.accessToken))
      .send({ receivedAt: new Date().toISOString(), outcome: 'traced', summary: 'Sold by a US dealer in 2019', diversionPoint: 'theft' })
      .expect(200);
    expect(replied.body).toMatchObject({ status: 'answered', reply: { outcome: 'traced', diversionPoint: 'theft' } });
    const entry = (await auditActions(trace.id)).find((audited) => audited.action === 'international_trace.replied');
    expect(entry?.after).toMatchObject({ status: 'answered', traceRequestId, reply: { outcome: 'traced', summary: 'Sold by a US dealer in 2019' } });

    const request = await t.http
      .get(`/api/v1/trace-requests/${traceRequestId}`)
      .set(bearer(admin.accessToken))
      .set('X-Access-Purpose', 'ITI trace test')
      .expect(200);
    expect(request.body.illicitOrigin).toMatchObject({ established: true, method: 'tracing', diversionPoint: 'theft' });
  });

  it('lists a request received 60 days ago as overdue, and reconciliation finds it', async () => {
    const created = await file(police, incoming(ownSerial('OVD'), { receivedAt: new Date(Date.now() - 60 * DAY_MS).toISOString() })).expect(201);
    const id = created.body.id as string;
    expect(created.body.overdue).toBe(true);
    const fresh = await file(police, incoming(ownSerial('NEW'))).expect(201);

    const overdue = await t.http.get('/api/v1/international-traces').query({ overdue: 'true', limit: '200' }).set(bearer(police.accessToken)).expect(200);
    const ids = (overdue.body.items as Trace[]).map((trace) => trace.id);
    expect(ids).toContain(id);
    expect(ids).not.toContain(fresh.body.id);
    const incomingOpen = await t.http
      .get('/api/v1/international-traces')
      .query({ direction: 'incoming', status: 'open', limit: '1' })
      .set(bearer(police.accessToken))
      .expect(200);
    expect(incomingOpen.body.items).toHaveLength(1);
    expect(incomingOpen.body.nextCursor).toEqual(expect.any(String));

    const run = await reconcile(t, admin);
    expect(run.status).toBe('completed');
    const findings = await allFindings(t, admin, run.id, 'TRACE_OVERDUE');
    expect(findings.map((finding) => finding.evidence.internationalTraceId)).toContain(id);
    expect(findings.map((finding) => finding.evidence.internationalTraceId)).not.toContain(fresh.body.id);
    expect(run.findingsByKind?.TRACE_OVERDUE).toBe(findings.length);
  });

  it('refuses bad input with 400', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [incoming('ABCD-1234', { state: 'XX' }), 'state'],
      [incoming('ABCD-1234', { state: 'co' }), 'state'],
      [incoming('ABCD-1234', { receivedAt: '2026-11-20T10:00:00Z', dueAt: '2026-11-19T10:00:00Z' }), 'dueAt'],
      [{ ...incoming('ABCD-1234'), direction: 'outgoing', receivedAt: undefined }, 'weaponId'],
      [{ ...incoming('ABCD-1234'), direction: 'outgoing', receivedAt: undefined, marking: undefined, weaponId: '00000000-0000-4000-8000-000000000000' }, 'marking'],
      [{ ...incoming('ABCD-1234'), direction: 'outgoing', receivedAt: undefined, weaponId: '00000000-0000-4000-8000-000000000000' }, 'weaponId'],
    ];
    for (const [body, field] of cases) {
      const response = await file(admin, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect((response.body.errors as Array<{ field: string }>).map((error) => error.field)).toContain(field);
    }
  });

  it('is for admins, supervisors and police of national scope only', async () => {
    for (const who of [officer, auditor, scopedPolice]) {
      const created = await file(who, incoming(ownSerial('ROLE')));
      expect(created.status).toBe(403);
      expect(created.body.code).toBe('FORBIDDEN');
      const listed = await t.http.get('/api/v1/international-traces').set(bearer(who.accessToken));
      expect(listed.status).toBe(403);
    }
    await t.http.get('/api/v1/international-traces').set(bearer(supervisor.accessToken)).expect(200);
    await t.http.get('/api/v1/international-traces').set(bearer(admin.accessToken)).expect(200);
  });
});

describe('international traces whose package the queue has not prepared', () => {
  let t: TestApp;
  let admin: TestUser;

  // No workers: the package stays queued.
  beforeAll(async () => {
    t = await TestApp.start({ WORKERS: 'off' });
    admin = await t.bootstrapAdmin();
  });
  afterAll(() => t.close());

  it('answers 202 with Retry-After and Location, and refuses to respond without the package', async () => {
    const created = await t.http
      .post('/api/v1/international-traces')
      .set(bearer(admin.accessToken))
      .send({
        direction: 'incoming',
        state: 'VE',
        agencyReference: 'CICPC-2026-9',
        dueAt: new Date(Date.now() + 5 * DAY_MS).toISOString(),
        marking: { make: 'Taurus', type: 'revolver', serialNumber: ownSerial('Q') },
        circumstances: 'Found in a vehicle',
      })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body.package).toMatchObject({ status: 'queued', sha256: null });
    for (const format of ['json', 'pdf']) {
      const pending = await t.http.get(`/api/v1/international-traces/${id}/package`).query({ format }).set(bearer(admin.accessToken));
      expect(pending.status).toBe(202);
      expect(pending.headers['retry-after']).toBe('2');
      expect(pending.headers.location).toBe(`/api/v1/international-traces/${id}/package?format=${format}`);
      expect(pending.body).toEqual({ id, status: 'queued' });
    }
    const respond = await t.http.post(`/api/v1/international-traces/${id}/respond`).set(bearer(admin.accessToken)).send({ summary: 'too early' });
    expect(respond.status).toBe(409);
    expect(respond.body.code).toBe('PACKAGE_NOT_READY');
    const unknown = await t.http.get('/api/v1/international-traces/00000000-0000-4000-8000-000000000000/package').set(bearer(admin.accessToken));
    expect(unknown.status).toBe(404);
  });
});

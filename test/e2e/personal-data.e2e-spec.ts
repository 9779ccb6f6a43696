import { parse } from 'csv-parse/sync';
import { daysFromToday, issueLicence, makeHolder, makeOwner, type Owner, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

const PURPOSE = 'DIJ-2026-00123 robo a mano armada';

interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string;
  actor_username: string;
  request_id: string | null;
  after: Record<string, unknown> | null;
}

describe('personal data', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let holder: Owner;
  let weapon: Weapon;

  const entriesOf = async (requestId: string): Promise<AuditRow[]> =>
    (await t.db.query<AuditRow>('SELECT action, entity_type, entity_id, actor_username, request_id, after FROM audit_entries WHERE request_id = $1 ORDER BY seq', [requestId]))
      .rows;
  const reportStatus = async (as: TestUser, id: string): Promise<Record<string, unknown>> => {
    for (let waited = 0; waited < 60_000; waited += 100) {
      const response = await t.http.get(`/api/v1/reports/${id}`).set(bearer(as.accessToken)).expect(200);
      if (response.body.status === 'completed' || response.body.status === 'failed') return response.body as Record<string, unknown>;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`report ${id} not built`);
  };
  const download = async (as: TestUser, id: string): Promise<string> => {
    const response = await t.http.get(`/api/v1/reports/${id}/file`).set(bearer(as.accessToken)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    return (response.body as Buffer).toString('utf8');
  };

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer']);
    police = await t.user(admin, ['police']);
    holder = await makeHolder(t, officer, '8-05');
    weapon = await registerWeapon(t, officer, weaponBody(holder.id));
  });
  afterAll(() => t.close());

  describe('X-Access-Purpose', () => {
    const reads = (): Array<[string, string]> => [
      ['GET /owners/:id', `/api/v1/owners/${holder.id}`],
      ['GET /owners?…', `/api/v1/owners?district=8-05`],
      ['GET /owners/:id/weapons', `/api/v1/owners/${holder.id}/weapons`],
      ['GET /owners/:id/licences', `/api/v1/owners/${holder.id}/licences`],
      ['GET /trace/weapons/:id', `/api/v1/trace/weapons/${weapon.id}`],
    ];

    it('is required of police on every read of personal data: 400 PURPOSE_REQUIRED', async () => {
      for (const [, path] of reads()) {
        const response = await t.http.get(path).set(bearer(police.accessToken));
        expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 400, code: 'PURPOSE_REQUIRED' });
      }
      const report = await t.http
        .post('/api/v1/reports')
        .set(bearer(police.accessToken))
        .send({ kind: 'weapon_trace', params: { weaponId: weapon.id }, format: 'json' });
      expect(report.status).toBe(400);
      expect(report.body.code).toBe('PURPOSE_REQUIRED');
      // Other roles may read without one.
      await t.http.get(`/api/v1/owners/${holder.id}`).set(bearer(officer.accessToken)).expect(200);
    });

    it('audits each police read in the same request, with purpose, actor and request id', async () => {
      for (const [route, path] of reads()) {
        const requestId = `purpose-${route.replace(/[^a-z]+/gi, '-')}-${Date.now()}`;
        await t.http.get(path).set(bearer(police.accessToken)).set('X-Access-Purpose', PURPOSE).set('X-Request-Id', requestId).expect(200);
        const entries = await entriesOf(requestId);
        const expected =
          route === 'GET /trace/weapons/:id'
            ? { action: 'trace.viewed', entity_type: 'weapon', entity_id: weapon.id }
            : { action: 'owner.viewed', entity_type: 'owner', entity_id: holder.id };
        expect({ route, entries }).toEqual({
          route,
          entries: expect.arrayContaining([
            expect.objectContaining({ ...expected, actor_username: police.username, request_id: requestId, after: expect.objectContaining({ purpose: PURPOSE }) }),
          ]),
        });
        if (route === 'GET /trace/weapons/:id') {
          // One append on the trace path, as before: the trace.viewed entry names the owners shown.
          expect(entries).toHaveLength(1);
          expect(entries[0].after).toMatchObject({ ownerIds: [holder.id], holderId: holder.id, status: 'active' });
        }
      }
    });

    it('writes one owner.searched entry with the query as given when a page shows more than 50 owners', async () => {
      for (let index = 0; index < 51; index += 1) await makeOwner(t, officer, { name: `Zacarías Búsqueda ${index}`, address: { district: '8-04', line: 'Calle 1' } });
      const requestId = `search-${Date.now()}`;
      const page = await t.http
        .get('/api/v1/owners?name=zacarias&limit=60')
        .set(bearer(police.accessToken))
        .set('X-Access-Purpose', PURPOSE)
        .set('X-Request-Id', requestId)
        .expect(200);
      expect(page.body.items).toHaveLength(51);
      const entries = await entriesOf(requestId);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'owner.searched', after: { purpose: PURPOSE, query: { name: 'zacarias', limit: '60' } } });
      expect((entries[0].after!.ownerIds as string[]).sort()).toEqual((page.body.items as Array<{ id: string }>).map((owner) => owner.id).sort());
    });
  });

  describe('GET /owners/:id/access-log', () => {
    it('lists every read and change of the person, newest first, with actor roles and purpose', async () => {
      const person = await makeHolder(t, officer, '8-05');
      const held = await registerWeapon(t, officer, weaponBody(person.id));
      await t.http.get(`/api/v1/owners/${person.id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'caso 1').set('X-Request-Id', 'log-read-1').expect(200);
      await t.http.get(`/api/v1/trace/weapons/${held.id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'caso 2').set('X-Request-Id', 'log-read-2').expect(200);
      const log = await t.http.get(`/api/v1/owners/${person.id}/access-log`).set(bearer(officer.accessToken)).expect(200);
      const items = log.body.items as Array<{ at: string; action: string; purpose: string | null; requestId: string; actor: { username: string; roles: string[] } }>;
      expect(items.slice(0, 2)).toEqual([
        { at: expect.any(String), actor: { id: police.id, username: police.username, roles: ['police'] }, action: 'trace.viewed', purpose: 'caso 2', requestId: 'log-read-2' },
        { at: expect.any(String), actor: { id: police.id, username: police.username, roles: ['police'] }, action: 'owner.viewed', purpose: 'caso 1', requestId: 'log-read-1' },
      ]);
      expect(items.map((item) => item.action)).toEqual(expect.arrayContaining(['owner.created', 'licence.issued']));
      expect([...items].sort((a, b) => b.at.localeCompare(a.at)).map((item) => item.at)).toEqual(items.map((item) => item.at));
      // Pages: one at a time, the same entries.
      const first = await t.http.get(`/api/v1/owners/${person.id}/access-log?limit=1`).set(bearer(officer.accessToken)).expect(200);
      const second = await t.http.get(`/api/v1/owners/${person.id}/access-log?limit=1&cursor=${first.body.nextCursor}`).set(bearer(officer.accessToken)).expect(200);
      expect([first.body.items[0].requestId, second.body.items[0].requestId]).toEqual(['log-read-2', 'log-read-1']);
      expect(log.headers['cache-control']).toBe('no-store');
    });

    it('is for officers within jurisdiction: police 403 FORBIDDEN, another district 403 OUT_OF_JURISDICTION', async () => {
      const elsewhere = await t.user(admin, ['officer'], { jurisdiction: ['13-01'] });
      await t.http.get(`/api/v1/owners/${holder.id}/access-log`).set(bearer(police.accessToken)).expect(403);
      const outside = await t.http.get(`/api/v1/owners/${holder.id}/access-log`).set(bearer(elsewhere.accessToken));
      expect(outside.status).toBe(403);
      expect(outside.body.code).toBe('OUT_OF_JURISDICTION');
    });
  });

  describe('subject_access report', () => {
    it('gathers identity, licences, weapons held and formerly held, transfers and the access log (JSON and PDF)', async () => {
      const seller = await makeHolder(t, officer, '8-05');
      const buyer = await makeHolder(t, officer, '8-05');
      const sold = await registerWeapon(t, officer, weaponBody(seller.id));
      const kept = await registerWeapon(t, officer, weaponBody(seller.id));
      await t.http
        .post('/api/v1/transfers')
        .set(bearer(officer.accessToken))
        .send({ weaponId: sold.id, fromOwnerId: seller.id, toOwnerId: buyer.id, kind: 'sale', date: daysFromToday(0), weaponVersion: sold.version })
        .expect(201);
      await t.http.get(`/api/v1/owners/${seller.id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'caso SA-1').expect(200);
      await t.http
        .post(`/api/v1/owners/${seller.id}/evidence`)
        .set(bearer(officer.accessToken))
        .send({ kind: 'criminal_record', issuedAt: '2026-01-05', validUntil: '2026-07-04', reference: 'MP-CERT-77' })
        .expect(201);

      const requested = await t.http
        .post('/api/v1/reports')
        .set(bearer(officer.accessToken))
        .set('X-Request-Id', `subject-${seller.id}`)
        .send({ kind: 'subject_access', params: { ownerId: seller.id }, format: 'json' });
      expect(requested.status).toBe(202);
      const report = await reportStatus(officer, requested.body.id as string);
      expect(report.status).toBe('completed');
      const { subject } = JSON.parse(await download(officer, requested.body.id as string)) as {
        subject: { identity: unknown; licences: unknown[]; evidence: unknown[]; weapons: Array<{ id: string; heldNow: boolean }>; transfers: unknown[]; accessLog: unknown[] };
      };
      expect(subject.identity).toMatchObject({ id: seller.id, address: { district: '8-05' } });
      expect(subject.licences).toHaveLength(1);
      expect(subject.evidence).toEqual([expect.objectContaining({ kind: 'criminal_record', reference: 'MP-CERT-77', validUntil: '2026-07-04' })]);
      expect(subject.weapons.map((weapon) => [weapon.id, weapon.heldNow]).sort()).toEqual(
        [[sold.id, false], [kept.id, true]].sort(),
      );
      expect(subject.transfers).toEqual([expect.objectContaining({ weaponId: sold.id, fromOwnerId: seller.id, toOwnerId: buyer.id })]);
      expect(subject.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'owner.viewed', purpose: 'caso SA-1' })]));
      // Requesting and building it are on the record, and in the person's own access log.
      const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY seq`, [requested.body.id]);
      expect(audit.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['report.requested', 'report.purpose_given', 'report.generated']));
      const log = await t.http.get(`/api/v1/owners/${seller.id}/access-log`).set(bearer(officer.accessToken)).expect(200);
      expect(log.body.items[0]).toMatchObject({ action: 'report.purpose_given', requestId: `subject-${seller.id}` });

      const pdf = await t.http
        .post('/api/v1/reports')
        .set(bearer(officer.accessToken))
        .send({ kind: 'subject_access', params: { ownerId: seller.id }, format: 'pdf' })
        .expect(202);
      expect((await reportStatus(officer, pdf.body.id as string)).status).toBe('completed');
    });

    it('is for the ministry within jurisdiction, as PDF or JSON', async () => {
      const elsewhere = await t.user(admin, ['officer'], { jurisdiction: ['13-01'] });
      const ask = (as: TestUser, format = 'pdf') =>
        t.http.post('/api/v1/reports').set(bearer(as.accessToken)).set('X-Access-Purpose', 'solicitud del titular').send({ kind: 'subject_access', params: { ownerId: holder.id }, format });
      expect((await ask(police)).body.code).toBe('FORBIDDEN');
      expect((await ask(elsewhere)).body.code).toBe('OUT_OF_JURISDICTION');
      expect((await ask(officer, 'csv')).status).toBe(400);
    });
  });

  describe('jurisdiction follows the holder', () => {
    it("moves a holder's weapons with them when they move, in the same request, audited", async () => {
      const here = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
      const there = await t.user(admin, ['officer'], { jurisdiction: ['13-01'] });
      const mover = await makeHolder(t, officer, '8-05');
      const gun = await registerWeapon(t, officer, weaponBody(mover.id));
      const current = await t.http.get(`/api/v1/owners/${mover.id}`).set(bearer(officer.accessToken)).expect(200);
      const moved = await t.http
        .patch(`/api/v1/owners/${mover.id}`)
        .set(bearer(officer.accessToken))
        .set('X-Request-Id', `move-${mover.id}`)
        .send({ address: { district: '13-01', line: 'Calle 10, Arraiján' }, version: current.body.version })
        .expect(200);
      expect(moved.body.address.district).toBe('13-01');
      const after = await t.http.get(`/api/v1/weapons/${gun.id}`).set(bearer(officer.accessToken)).expect(200);
      expect(after.body).toMatchObject({ district: '13-01', version: gun.version + 1 });
      expect((await entriesOf(`move-${mover.id}`)).map((entry) => [entry.action, entry.entity_id])).toEqual([
        ['owner.updated', mover.id],
        ['weapon.district_changed', gun.id],
      ]);
      // The old district's officer can no longer change the weapon; the new one can.
      const stale = await t.http
        .patch(`/api/v1/weapons/${gun.id}`)
        .set(bearer(here.accessToken))
        .send({ model: 'G19 Gen5 MOS', reason: 'typo', version: after.body.version });
      expect(stale.status).toBe(403);
      expect(stale.body.code).toBe('OUT_OF_JURISDICTION');
      await t.http
        .patch(`/api/v1/weapons/${gun.id}`)
        .set(bearer(there.accessToken))
        .send({ model: 'G19 Gen5 MOS', reason: 'typo', version: after.body.version })
        .expect(200);
    });

    it('lets supervisors approve or reject corrections only within their jurisdiction', async () => {
      const outside = await t.user(admin, ['supervisor'], { jurisdiction: ['13-01'] });
      const inside = await t.user(admin, ['supervisor'], { jurisdiction: ['8-05'] });
      const owner = await makeHolder(t, officer, '8-05');
      const gun = await registerWeapon(t, officer, weaponBody(owner.id));
      const propose = async (): Promise<string> =>
        (
          await t.http
            .post(`/api/v1/weapons/${gun.id}/corrections`)
            .set(bearer(officer.accessToken))
            .send({ changes: { model: undefined, countryOfManufacture: 'US' }, reason: 'factura' })
            .expect(201)
        ).body.id as string;
      const first = await propose();
      for (const action of ['approve', 'reject']) {
        const refused = await t.http
          .post(`/api/v1/corrections/${first}/${action}`)
          .set(bearer(outside.accessToken))
          .send(action === 'reject' ? { reason: 'no' } : {});
        expect({ action, status: refused.status, code: refused.body.code }).toEqual({ action, status: 403, code: 'OUT_OF_JURISDICTION' });
      }
      await t.http.post(`/api/v1/corrections/${first}/reject`).set(bearer(inside.accessToken)).send({ reason: 'no' }).expect(200);
      const second = await propose();
      await t.http.post(`/api/v1/corrections/${second}/approve`).set(bearer(inside.accessToken)).send({}).expect(200);
    });
  });

  describe('reports', () => {
    it("belong to their requester: anyone else's is 404, an admin sees all", async () => {
      const other = await t.user(admin, ['officer']);
      const requested = await t.http
        .post('/api/v1/reports')
        .set(bearer(officer.accessToken))
        .send({ kind: 'district_summary', params: { district: '8-05' }, format: 'json' })
        .expect(202);
      const id = requested.body.id as string;
      await reportStatus(officer, id);
      for (const path of [`/api/v1/reports/${id}`, `/api/v1/reports/${id}/file`]) {
        const refused = await t.http.get(path).set(bearer(other.accessToken));
        expect({ path, status: refused.status, code: refused.body.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
      }
      const listed = await t.http.get('/api/v1/reports?limit=200').set(bearer(other.accessToken)).expect(200);
      expect((listed.body.items as Array<{ id: string }>).map((report) => report.id)).not.toContain(id);
      await t.http.get(`/api/v1/reports/${id}`).set(bearer(admin.accessToken)).expect(200);
      await download(admin, id);
      const everyone = await t.http.get('/api/v1/reports?limit=200').set(bearer(admin.accessToken)).expect(200);
      expect((everyone.body.items as Array<{ id: string }>).map((report) => report.id)).toContain(id);
    });

    it("requested by an auditor, mask document numbers to their last four characters", async () => {
      const auditor = await t.user(admin, ['auditor']);
      const cedula = '8-765-4321';
      const owner = await makeOwner(t, officer, { idDocument: { kind: 'cedula', number: cedula }, address: { district: '7-01', line: 'Calle 3, Las Tablas' } });
      await issueLicence(t, officer, owner.id);
      const gun = await registerWeapon(t, officer, weaponBody(owner.id));
      await t.http
        .post(`/api/v1/weapons/${gun.id}/events`)
        .set(bearer(officer.accessToken))
        .send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), place: 'Las Tablas', version: gun.version })
        .expect(201);
      const build = async (as: TestUser, body: Record<string, unknown>): Promise<string> => {
        const requested = await t.http.post('/api/v1/reports').set(bearer(as.accessToken)).send(body).expect(202);
        await reportStatus(as, requested.body.id as string);
        return download(as, requested.body.id as string);
      };
      const masked = await build(auditor, { kind: 'stolen_weapons', params: { district: '7-01' }, format: 'csv' });
      const row = (parse(masked, { columns: true }) as Array<Record<string, string>>).find((record) => record.registryNumber === gun.registryNumber)!;
      expect(row.holderDocument).toBe('cedula *-***-4321');
      expect(masked).not.toContain(cedula);
      const trace = await build(auditor, { kind: 'weapon_trace', params: { weaponId: gun.id }, format: 'json' });
      expect(trace).not.toContain(cedula);
      expect(JSON.parse(trace).traceRecord.holder.idDocument.number).toBe('*-***-4321');
      // The same report for an officer shows the number.
      const plain = await build(officer, { kind: 'stolen_weapons', params: { district: '7-01' }, format: 'csv' });
      expect(plain).toContain(cedula);
    });
  });

  describe('CSV', () => {
    it('escapes a holder named as a formula in the stolen-weapons CSV', async () => {
      const name = '=HYPERLINK("http://evil.example/x","clic")';
      const victim = await makeHolder(t, officer, '6-01');
      const current = await t.http.get(`/api/v1/owners/${victim.id}`).set(bearer(officer.accessToken)).expect(200);
      await t.http.patch(`/api/v1/owners/${victim.id}`).set(bearer(officer.accessToken)).send({ name, version: current.body.version }).expect(200);
      const stolen = await registerWeapon(t, officer, weaponBody(victim.id));
      await t.http
        .post(`/api/v1/weapons/${stolen.id}/events`)
        .set(bearer(officer.accessToken))
        .send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), place: '+50760000000', version: stolen.version })
        .expect(201);
      const requested = await t.http
        .post('/api/v1/reports')
        .set(bearer(officer.accessToken))
        .send({ kind: 'stolen_weapons', params: { district: '6-01' }, format: 'csv' })
        .expect(202);
      await reportStatus(officer, requested.body.id as string);
      const csv = await download(officer, requested.body.id as string);
      const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
      const row = rows.find((record) => record.registryNumber === stolen.registryNumber)!;
      expect(row.holderName).toBe(`'${name}`);
      expect(row.reportedPlace).toBe("'+50760000000");
      const cells = (parse(csv) as string[][]).flat();
      expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    });
  });
});

import { randomInt } from 'node:crypto';
import { foldConfusables } from '../../src/registry/serial';
import { entriesAfter } from '../support/audit';
import { pdfText } from '../support/pdf-text';
import { auditCount, daysFromToday, makeHolder, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

interface Match {
  weapon: { id: string; serialNumber: string; make: string };
  match: string;
  score: number;
}

interface TraceRequest {
  id: string;
  status: string;
  attempts: number;
  reportId?: string;
  result?: { outcome: string; candidates: Match[]; traceRecord?: { weapon: { id: string }; custody: unknown[] } };
}

/** A serial no other test of the run shares. */
const uniqueSerial = (prefix: string): string => `${prefix}-${randomInt(1, 2 ** 40).toString(36).toUpperCase()}`;

describe('tracing', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: null });
    police = await t.user(admin, ['police']);
    auditor = await t.user(admin, ['auditor']);
  });
  afterAll(() => t.close());

  const search = (as: TestUser, query: Record<string, string>) =>
    t.http.get('/api/v1/trace/search').query(query).set(bearer(as.accessToken));
  const event = (as: TestUser, weapon: { id: string; version: number }, kind: string) =>
    t.http
      .post(`/api/v1/weapons/${weapon.id}/events`)
      .set(bearer(as.accessToken))
      .send({ kind, occurredAt: new Date().toISOString(), version: weapon.version })
      .expect(201);
  const reload = async (id: string): Promise<Weapon> =>
    (await t.http.get(`/api/v1/weapons/${id}`).set(bearer(police.accessToken)).expect(200)).body as Weapon;
  const fileRequest = (as: TestUser, marking: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
    t.http
      .post('/api/v1/trace-requests')
      .set(bearer(as.accessToken))
      .send({
        caseNumber: `DIJ-${randomInt(1, 1e9)}`,
        requestingAgency: 'Dirección de Investigación Judicial',
        reason: 'Recovered at a crime scene',
        recovery: { date: daysFromToday(-1), place: 'Vía España', district: '8-05' },
        marking,
        ...overrides,
      });
  /** Polls GET /trace-requests/:id until the request is completed or failed. */
  const settled = async (id: string, deadlineMs = 20_000): Promise<TraceRequest> => {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const response = await t.http.get(`/api/v1/trace-requests/${id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').expect(200);
      if (response.body.status === 'completed' || response.body.status === 'failed') return response.body as TraceRequest;
      if (Date.now() > deadline) throw new Error(`trace request ${id} still ${response.body.status} after ${deadlineMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const reportBuilt = async (id: string, deadlineMs = 30_000): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const response = await t.http.get(`/api/v1/reports/${id}`).set(bearer(police.accessToken)).expect(200);
      if (response.body.status === 'completed') return response.body as Record<string, unknown>;
      if (response.body.status === 'failed' || Date.now() > deadline) throw new Error(`report ${id} is ${response.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('describes its endpoints in the OpenAPI document', async () => {
    const docs = await t.http.get('/docs-json').expect(200);
    for (const path of ['/api/v1/trace/search', '/api/v1/trace/weapons/{id}', '/api/v1/trace-requests', '/api/v1/trace-requests/{id}', '/api/v1/alerts', '/api/v1/alerts/{id}/acknowledge']) {
      expect(docs.body.paths).toHaveProperty([path]);
    }
    expect(docs.body.paths['/api/v1/trace-requests'].post.responses['202']).toBeDefined();
    expect(docs.body.paths['/api/v1/trace/search'].get.responses['400'].description).toContain('VALIDATION_FAILED');
  });

  describe('search', () => {
    let holder: { id: string };
    let target: Weapon;
    let longer: Weapon;

    beforeAll(async () => {
      holder = await makeHolder(t, officer);
      target = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Glock', serialNumber: 'B0O1-7S' }));
      // Contains the folded serial of B0O1-7S (800175) inside a longer one: a partial match.
      longer = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Glock', serialNumber: 'X8001759' }));
    });

    it('finds a serial as written: exact, best first', async () => {
      const response = await search(police, { serial: 'B0O1-7S' }).expect(200);
      expect(response.body.items[0]).toMatchObject({ weapon: { id: target.id }, match: 'exact', score: 1 });
    });

    it('finds it normalised: case, spaces, dashes and dots ignored', async () => {
      const response = await search(police, { serial: 'b0o1 7.s' }).expect(200);
      expect(response.body.items[0]).toMatchObject({ weapon: { id: target.id }, match: 'normalized' });
    });

    it('finds it through look-alike characters (BOO17S, 8001-75) and ranks it above the partial match', async () => {
      for (const serial of ['BOO17S', '8001-75']) {
        const response = await search(police, { serial }).expect(200);
        const items = response.body.items as Match[];
        expect(items.map((item) => [item.weapon.id, item.match])).toEqual([
          [target.id, 'confusable'],
          [longer.id, 'partial'],
        ]);
        expect(items[0].score).toBeGreaterThan(items[1].score);
      }
      // Fewer substitutions rank higher: 8001-75 changes more characters of B0O17S than BOO17S does.
      const fewer = (await search(police, { serial: 'BOO17S' })).body.items[0].score;
      const more = (await search(police, { serial: '8001-75' })).body.items[0].score;
      expect(fewer).toBeGreaterThan(more);
    });

    it('folds look-alikes in the database exactly as the service does', async () => {
      const serial = `OQDILSBZG-${randomInt(1, 1e9)}`;
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Taurus', serialNumber: serial }));
      const { rows } = await t.db.query(`SELECT serial_confusable FROM weapons WHERE id = $1`, [weapon.id]);
      expect(rows[0].serial_confusable).toBe(foldConfusables(weapon.serialNormalized));
      expect(rows[0].serial_confusable.startsWith('000115826')).toBe(true);
      const response = await search(police, { serial: serial.replace('OQDILSBZG', '0O01I5826') }).expect(200);
      expect(response.body.items[0]).toMatchObject({ weapon: { id: weapon.id }, match: 'confusable' });
    });

    it('finds a fragment anywhere in the serial, the closest cover first', async () => {
      const response = await search(police, { serial: 'O17S' }).expect(200);
      const items = response.body.items as Match[];
      expect(items.map((item) => item.weapon.id)).toEqual([target.id, longer.id]);
      expect(items.every((item) => item.match === 'partial')).toBe(true);
      expect(items[0].score).toBeGreaterThan(items[1].score);
    });

    it('refuses a fragment shorter than 4 characters once normalised', async () => {
      for (const serial of ['O17', 'O-1.7', '  ab ']) {
        const response = await search(police, { serial }).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(response.body.errors).toEqual([{ field: 'serial', message: expect.stringContaining('al menos 4') }]);
      }
      const missing = await t.http.get('/api/v1/trace/search').set(bearer(police.accessToken)).expect(400);
      expect(missing.body.errors[0].field).toBe('serial');
    });

    it('narrows by make, calibre and type, through their aliases', async () => {
      const serial = uniqueSerial('NRW');
      const glock = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Glock', calibre: '9mm', serialNumber: serial }));
      const smith = await registerWeapon(
        t,
        officer,
        weaponBody(holder.id, { make: 'S&W', type: 'revolver', calibre: '.38 Special', serialNumber: serial }),
      );
      const all = await search(police, { serial }).expect(200);
      expect(new Set(all.body.items.map((item: Match) => item.weapon.id))).toEqual(new Set([glock.id, smith.id]));
      const byMake = await search(police, { serial, make: 'smith and wesson' }).expect(200);
      expect(byMake.body.items.map((item: Match) => item.weapon.id)).toEqual([smith.id]);
      const byCalibre = await search(police, { serial, calibre: '9x19' }).expect(200);
      expect(byCalibre.body.items.map((item: Match) => item.weapon.id)).toEqual([glock.id]);
      const byType = await search(police, { serial, type: 'pistol' }).expect(200);
      expect(byType.body.items.map((item: Match) => item.weapon.id)).toEqual([glock.id]);
      expect((await search(police, { serial, type: 'catapult' })).status).toBe(400);
    });

    it('is open to police, officers and admins, not to auditors', async () => {
      await search(officer, { serial: 'B0O1-7S' }).expect(200);
      await search(admin, { serial: 'B0O1-7S' }).expect(200);
      expect((await search(auditor, { serial: 'B0O1-7S' })).body.code).toBe('FORBIDDEN');
      await t.http.get('/api/v1/trace/search?serial=B0O17S').expect(401);
    });
  });

  describe('trace record', () => {
    it('shows two holding periods and the events in order after register, sale, stolen, recovered', async () => {
      const first = await makeHolder(t, officer);
      const second = await makeHolder(t, officer, '13-04');
      const registered = await registerWeapon(
        t,
        officer,
        weaponBody(first.id, { serialNumber: uniqueSerial('CUS'), acquisition: { kind: 'domestic_purchase', date: daysFromToday(-30) } }),
      );
      const sale = await recordSale(registered, first.id, second.id, daysFromToday(-10));
      await event(police, await reload(registered.id), 'reported_stolen');
      await event(police, await reload(registered.id), 'recovered');

      const response = await t.http.get(`/api/v1/trace/weapons/${registered.id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').expect(200);
      const record = response.body;
      expect(record.weapon.id).toBe(registered.id);
      expect(record.status).toBe('seized');
      expect(record.holder).toMatchObject({ id: second.id, district: '13-04', status: 'active' });
      expect(record.custody).toEqual([
        {
          owner: { id: first.id, name: 'José Pérez', idDocument: { kind: 'cedula', number: expect.any(String) }, district: '8-05' },
          from: daysFromToday(-30),
          to: daysFromToday(-10),
          via: { kind: 'registration', transferId: null },
        },
        {
          owner: { id: second.id, name: 'José Pérez', idDocument: { kind: 'cedula', number: expect.any(String) }, district: '13-04' },
          from: daysFromToday(-10),
          to: null,
          via: { kind: 'sale', transferId: sale },
        },
      ]);
      expect(record.events.map((entry: { kind: string; fromStatus: string; toStatus: string }) => [entry.kind, entry.fromStatus, entry.toStatus])).toEqual([
        ['reported_stolen', 'active', 'stolen'],
        ['recovered', 'stolen', 'seized'],
      ]);
      expect(record.flags).toEqual(['missing_ballistics']);
    });

    it('flags what police should notice: stolen, unverified make, pending correction, obliterated serial', async () => {
      const holder = await makeHolder(t, officer);
      const body = weaponBody(holder.id, { make: 'Armería Chiricana', serialStatus: 'obliterated' });
      delete body.serialNumber;
      const weapon = await registerWeapon(t, officer, body);
      await t.http
        .post(`/api/v1/weapons/${weapon.id}/corrections`)
        .set(bearer(officer.accessToken))
        .send({ changes: { calibre: '.40 S&W' }, reason: 'misread at registration' })
        .expect(201);
      await event(police, weapon, 'reported_stolen');
      const record = await t.http.get(`/api/v1/trace/weapons/${weapon.id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').expect(200);
      expect(record.body.flags).toEqual(['stolen', 'unverified_make', 'pending_correction', 'obliterated_serial', 'missing_ballistics']);
      expect(record.body.custody).toHaveLength(1);
      expect(record.body.events.map((entry: { kind: string }) => entry.kind)).toEqual(['remarked', 'reported_stolen']);
    });

    it('audits each view as trace.viewed naming the caller; auditors may not look', async () => {
      const holder = await makeHolder(t, officer);
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
      const before = await auditCount(t);
      const first = await t.http.get(`/api/v1/trace/weapons/${weapon.id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').expect(200);
      await t.http.get(`/api/v1/trace/weapons/${weapon.id}`).set(bearer(officer.accessToken)).expect(200);
      const entries = await t.db.query(
        `SELECT action, entity_type, entity_id, actor_id, actor_username, request_id FROM audit_entries WHERE seq > $1 ORDER BY seq`,
        [before],
      );
      expect(entries.rows).toEqual([
        {
          action: 'trace.viewed',
          entity_type: 'weapon',
          entity_id: weapon.id,
          actor_id: police.id,
          actor_username: police.username,
          request_id: first.headers['x-request-id'],
        },
        expect.objectContaining({ action: 'trace.viewed', actor_id: officer.id }),
      ]);
      const refused = await t.http.get(`/api/v1/trace/weapons/${weapon.id}`).set(bearer(auditor.accessToken));
      expect(refused.status).toBe(403);
      const missing = await t.http.get(`/api/v1/trace/weapons/00000000-0000-4000-8000-000000000000`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST');
      expect(missing.status).toBe(404);
      expect(await auditCount(t)).toBe(before + 2);
    });
  });

  describe('alerts', () => {
    it('raises one alert when a search hits a stolen weapon, lists it newest first and lets it be acknowledged', async () => {
      const holder = await makeHolder(t, officer);
      const serial = uniqueSerial('ALR');
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: serial }));
      await event(police, weapon, 'reported_stolen');

      const hit = await search(police, { serial }).expect(200);
      expect(hit.body.items[0]).toMatchObject({ weapon: { id: weapon.id, status: 'stolen' }, match: 'exact' });
      // The same person searching again while the alert is open adds nothing.
      await search(police, { serial }).expect(200);

      const open = await t.http.get('/api/v1/alerts').query({ status: 'open', weaponId: weapon.id }).set(bearer(officer.accessToken)).expect(200);
      expect(open.body.items).toHaveLength(1);
      const alert = open.body.items[0];
      expect(alert).toMatchObject({
        source: 'trace_search',
        status: 'open',
        weapon: { id: weapon.id, serialNumber: serial, status: 'stolen', registryNumber: weapon.registryNumber },
        details: { search: { serial }, match: 'exact' },
        raisedBy: { id: police.id, username: police.username },
        requestId: hit.headers['x-request-id'],
        acknowledgedBy: null,
      });
      const audited = await t.db.query(`SELECT actor_id FROM audit_entries WHERE action = 'alert.raised' AND entity_id = $1`, [alert.id]);
      expect(audited.rows).toEqual([{ actor_id: police.id }]);

      const before = await auditCount(t);
      const acknowledged = await t.http.post(`/api/v1/alerts/${alert.id}/acknowledge`).set(bearer(police.accessToken)).expect(200);
      expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: { id: police.id }, version: 2 });
      const again = await t.http.post(`/api/v1/alerts/${alert.id}/acknowledge`).set(bearer(officer.accessToken)).expect(200);
      expect(again.body).toEqual(acknowledged.body);
      expect((await entriesAfter(t, before)).map((entry) => entry.action)).toEqual(['alert.acknowledged']);

      // Acknowledged, the next search raises a new alert.
      await search(police, { serial }).expect(200);
      const all = await t.http.get('/api/v1/alerts').query({ weaponId: weapon.id }).set(bearer(police.accessToken)).expect(200);
      expect(all.body.items.map((item: { status: string }) => item.status)).toEqual(['open', 'acknowledged']);
      expect((await t.http.get('/api/v1/alerts').set(bearer(auditor.accessToken))).status).toBe(403);
    });

    it('raises one audited alert for each stolen weapon a search hits, and none on a repeat', async () => {
      const holder = await makeHolder(t, officer);
      const fragment = uniqueSerial('TWO').replace('-', '');
      const weapons = [];
      for (const suffix of ['A1', 'B2']) {
        const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: `${fragment}${suffix}` }));
        await event(police, weapon, 'reported_stolen');
        weapons.push(weapon);
      }
      const hit = await search(police, { serial: fragment }).expect(200);
      expect(hit.body.items.map((item: { weapon: { id: string } }) => item.weapon.id).sort()).toEqual(weapons.map((weapon) => weapon.id).sort());
      await search(police, { serial: fragment }).expect(200);
      const { rows } = await t.db.query(
        `SELECT a.weapon_id, (SELECT count(*)::int FROM audit_entries e WHERE e.action = 'alert.raised' AND e.entity_id = a.id::text) AS entries
           FROM alerts a WHERE a.weapon_id = ANY($1) AND a.source = 'trace_search' ORDER BY a.weapon_id`,
        [weapons.map((weapon) => weapon.id)],
      );
      expect(rows).toEqual(weapons.map((weapon) => ({ weapon_id: weapon.id, entries: 1 })).sort((a, b) => a.weapon_id.localeCompare(b.weapon_id)));
    });

    it('raises an alert when a registration attempt hits a marking reported lost', async () => {
      const holder = await makeHolder(t, officer);
      const serial = uniqueSerial('LOST');
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: serial }));
      await event(police, weapon, 'reported_lost');
      const other = await makeHolder(t, officer);
      const attempt = await t.http.post('/api/v1/weapons').set(bearer(officer.accessToken)).send(weaponBody(other.id, { serialNumber: serial }));
      expect(attempt.status).toBe(409);
      expect(attempt.body.code).toBe('MARKING_REPORTED_STOLEN');
      const alerts = await t.http.get('/api/v1/alerts').query({ weaponId: weapon.id }).set(bearer(police.accessToken)).expect(200);
      expect(alerts.body.items).toEqual([
        expect.objectContaining({
          source: 'registration_attempt',
          status: 'open',
          weapon: expect.objectContaining({ id: weapon.id, status: 'lost' }),
          details: { attempt: expect.objectContaining({ serialNumber: serial, ownerId: other.id }) },
          raisedBy: { id: officer.id, username: officer.username },
          requestId: attempt.headers['x-request-id'],
        }),
      ]);
      const refused = await t.db.query(`SELECT after FROM audit_entries WHERE action = 'weapon.registration_refused' AND entity_id = $1`, [weapon.id]);
      expect(refused.rows[0].after.alertId).toBe(alerts.body.items[0].id);
    });

    it('pages newest first with an opaque cursor', async () => {
      const holder = await makeHolder(t, officer);
      const serial = uniqueSerial('PAGE');
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: serial }));
      await event(police, weapon, 'reported_stolen');
      for (const as of [police, officer, admin]) {
        await search(as, { serial }).expect(200);
        // Alerts are ordered by the millisecond they were raised in.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const first = await t.http.get('/api/v1/alerts').query({ weaponId: weapon.id, limit: 2 }).set(bearer(police.accessToken)).expect(200);
      expect(first.body.items.map((item: { raisedBy: { id: string } }) => item.raisedBy.id)).toEqual([admin.id, officer.id]);
      const second = await t.http
        .get('/api/v1/alerts')
        .query({ weaponId: weapon.id, limit: 2, cursor: first.body.nextCursor })
        .set(bearer(police.accessToken))
        .expect(200);
      expect(second.body.items.map((item: { raisedBy: { id: string } }) => item.raisedBy.id)).toEqual([police.id]);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('trace requests', () => {
    it('accepts with 202, audits the creation and completes as traced with the trace record', async () => {
      const holder = await makeHolder(t, officer);
      const serial = uniqueSerial('TRQ');
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: serial }));
      await event(police, weapon, 'reported_stolen');
      const before = await auditCount(t);
      const accepted = await fileRequest(police, { serialNumber: serial.toLowerCase(), make: 'glock' });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toEqual({ id: expect.any(String), status: 'queued' });
      const created = (await entriesAfter(t, before)).find((entry) => entry.action === 'trace_request.created');
      expect(created).toMatchObject({ entity_id: accepted.body.id, request_id: accepted.headers['x-request-id'] });

      const done = await settled(accepted.body.id);
      expect(done).toMatchObject({ status: 'completed', attempts: 1, result: { outcome: 'traced' } });
      expect(done.result!.candidates).toEqual([expect.objectContaining({ weapon: expect.objectContaining({ id: weapon.id }), match: 'normalized' })]);
      expect(done.result!.traceRecord).toMatchObject({ weapon: { id: weapon.id }, status: 'stolen', flags: expect.arrayContaining(['stolen']) });
      // The stolen weapon it traced raised an alert naming the requester.
      const alerts = await t.http.get('/api/v1/alerts').query({ source: 'trace_request', weaponId: weapon.id }).set(bearer(police.accessToken)).expect(200);
      expect(alerts.body.items).toEqual([
        expect.objectContaining({ traceRequestId: accepted.body.id, raisedBy: { id: police.id, username: police.username } }),
      ]);
      // The answer filed the ministry's PDF trace report, built by the queue in turn.
      expect(done.reportId).toEqual(expect.any(String));
      const completed = (await entriesAfter(t, before)).find((entry) => entry.action === 'trace_request.completed');
      expect(completed?.after).toMatchObject({ reportId: done.reportId });
      const report = await reportBuilt(done.reportId!);
      expect(report).toMatchObject({ kind: 'weapon_trace', format: 'pdf', params: { weaponId: weapon.id, registryNumber: weapon.registryNumber } });
      const file = await t.http
        .get(`/api/v1/reports/${done.reportId}/file`)
        .set(bearer(police.accessToken))
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect((await pdfText(file.body as Buffer)).text).toContain(weapon.registryNumber);
    });

    it('completes as multiple_candidates when two weapons share the serial, and as not_found', async () => {
      const holder = await makeHolder(t, officer);
      const serial = uniqueSerial('TWO');
      await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Glock', serialNumber: serial }));
      await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Beretta', serialNumber: serial }));
      const both = await fileRequest(officer, { serialNumber: serial }).expect(202);
      const missing = await fileRequest(officer, { serialNumber: uniqueSerial('NONE') }).expect(202);
      const [multiple, none] = await Promise.all([settled(both.body.id), settled(missing.body.id)]);
      expect(multiple).toMatchObject({ status: 'completed', result: { outcome: 'multiple_candidates' } });
      expect(multiple.result!.candidates).toHaveLength(2);
      expect(multiple.result!.traceRecord).toBeUndefined();
      expect(multiple.reportId).toBeUndefined();
      expect(none).toMatchObject({ status: 'completed', result: { outcome: 'not_found', candidates: [] } });
      const listed = await t.http
        .get('/api/v1/trace-requests')
        .query({ status: 'completed', limit: 200 })
        .set(bearer(police.accessToken))
        .expect(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([both.body.id, missing.body.id]));
    });

    it('lists by case number, newest first', async () => {
      const caseNumber = `CASE-${randomInt(1, 1e9)}`;
      const first = await fileRequest(police, { serialNumber: uniqueSerial('CSE') }, { caseNumber }).expect(202);
      const second = await fileRequest(police, { serialNumber: uniqueSerial('CSE') }, { caseNumber }).expect(202);
      const listed = await t.http.get('/api/v1/trace-requests').query({ caseNumber }).set(bearer(police.accessToken)).expect(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([second.body.id, first.body.id]);
      expect(listed.body.items[0]).toMatchObject({ caseNumber, recovery: { district: '8-05' }, requestedBy: police.id });
    });

    it('refuses a bad request before queueing anything', async () => {
      const outbox = async (): Promise<number> => (await t.db.query(`SELECT count(*)::int AS n FROM queue_outbox`)).rows[0].n;
      const before = await outbox();
      const short = await fileRequest(police, { serialNumber: 'AB-1' });
      expect(short.status).toBe(400);
      expect(short.body.errors).toEqual([{ field: 'marking.serialNumber', message: expect.stringContaining('al menos 4') }]);
      const future = await fileRequest(police, { serialNumber: 'ABCD1' }, { recovery: { date: daysFromToday(3), place: 'x', district: '99-99' } });
      expect(future.status).toBe(400);
      expect(future.body.errors.map((error: { field: string }) => error.field)).toEqual(['recovery.date', 'recovery.district']);
      const unknown = await fileRequest(police, { serialNumber: 'ABCD1', colour: 'black' });
      expect(unknown.body.errors).toEqual([{ field: 'marking.colour', message: 'El campo marking.colour no está permitido aquí.' }]);
      const type = await fileRequest(police, { serialNumber: 'ABCD1', type: 'catapult' });
      expect(type.body.errors[0].field).toBe('marking.type');
      expect((await fileRequest(auditor, { serialNumber: 'ABCD1' })).status).toBe(403);
      expect(await outbox()).toBe(before);
    });
  });

  /** The sale through POST /transfers when it is served, else written as the transfers module would. */
  async function recordSale(weapon: Weapon, fromOwnerId: string, toOwnerId: string, date: string): Promise<string> {
    const docs = await t.http.get('/docs-json').expect(200);
    if (docs.body.paths['/api/v1/transfers']?.post) {
      const current = await reload(weapon.id);
      const response = await t.http
        .post('/api/v1/transfers')
        .set(bearer(officer.accessToken))
        .send({ weaponId: weapon.id, fromOwnerId, toOwnerId, kind: 'sale', date, weaponVersion: current.version });
      if (response.status !== 201) throw new Error(`transfer failed: ${response.status} ${response.text}`);
      return response.body.id as string;
    }
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO transfers (weapon_id, from_owner_id, to_owner_id, kind, date, recorded_by) VALUES ($1, $2, $3, 'sale', $4, $5) RETURNING id`,
      [weapon.id, fromOwnerId, toOwnerId, date, admin.id],
    );
    await t.db.query(
      `UPDATE weapons SET holder_id = $2, district = (SELECT district FROM owners WHERE id = $2), version = version + 1 WHERE id = $1`,
      [weapon.id, toOwnerId],
    );
    return rows[0].id;
  }
});

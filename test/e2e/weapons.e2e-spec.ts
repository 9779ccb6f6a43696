import { entriesAfter, recomputeChain } from '../support/audit';
import {
  auditCount,
  daysFromToday,
  issueLicence,
  makeHolder,
  makeOwner,
  registerWeapon,
  type Weapon,
  weaponBody,
} from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

describe('weapons', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let supervisor: TestUser;
  let police: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
    supervisor = await t.user(admin, ['supervisor'], { jurisdiction: null });
    police = await t.user(admin, ['police']);
    auditor = await t.user(admin, ['auditor']);
  });
  afterAll(() => t.close());

  const post = (as: TestUser, body: Record<string, unknown>) => t.http.post('/api/v1/weapons').set(bearer(as.accessToken)).send(body);
  const event = (as: TestUser, weapon: { id: string; version: number }, kind: string, extra: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/v1/weapons/${weapon.id}/events`)
      .set(bearer(as.accessToken))
      .send({ kind, occurredAt: new Date().toISOString(), version: weapon.version, ...extra });

  describe('registration', () => {
    it('registers with canonical make and calibre, a registry number and one audit entry', async () => {
      const holder = await makeHolder(t, officer);
      const before = await auditCount(t);
      const response = await post(officer, weaponBody(holder.id, { make: 'S&W', calibre: '9x19', serialNumber: 'ab-100 200' }));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        make: 'Smith & Wesson',
        calibre: '9×19mm Parabellum',
        type: 'pistol',
        serialNumber: 'ab-100 200',
        serialNormalized: 'AB100200',
        serialStatus: 'marked',
        status: 'active',
        holderId: holder.id,
        district: '8-05',
        unverifiedMake: false,
        unverifiedCalibre: false,
        version: 1,
      });
      expect(response.body.registryNumber).toMatch(new RegExp(`^PA-${daysFromToday(0).slice(0, 4)}-\\d{7}$`));
      const entries = await entriesAfter(t, before);
      // The registration and the holding certificate issued with it.
      expect(entries.map((entry) => entry.action)).toEqual(['weapon.registered', 'certificate.issued']);
      expect(entries[0]).toMatchObject({ action: 'weapon.registered', entity_id: response.body.id, before: null });
      expect(entries[0].request_id).toBe(response.headers['x-request-id']);
      const read = await t.http.get(`/api/v1/weapons/${response.body.id}`).set(bearer(police.accessToken)).expect(200);
      expect(read.body).toEqual(response.body);
    });

    it('gives registry numbers that follow each other', async () => {
      const holder = await makeHolder(t, officer);
      const first = await registerWeapon(t, officer, weaponBody(holder.id));
      const second = await registerWeapon(t, officer, weaponBody(holder.id));
      const sequence = (weapon: Weapon): number => Number(weapon.registryNumber.slice(-7));
      expect(sequence(second)).toBe(sequence(first) + 1);
    });

    it('treats "S&W" and "smith and wesson" as one make: the same serial again is DUPLICATE_MARKING', async () => {
      const holder = await makeHolder(t, officer);
      const first = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'S&W', serialNumber: 'AB-123 45' }));
      const again = await post(officer, weaponBody(holder.id, { make: 'smith and wesson', serialNumber: 'ab12345' }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DUPLICATE_MARKING');
      expect(again.body.detail).toContain(first.id);
      // Another make may carry the same serial.
      await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Glock', serialNumber: 'AB12345' }));
    });

    it('keeps an unknown make or calibre as written and flags it', async () => {
      const holder = await makeHolder(t, officer);
      const weapon = await post(officer, weaponBody(holder.id, { make: 'Armería  Chiricana', calibre: '.41 Exotic' }));
      expect(weapon.status).toBe(201);
      expect(weapon.body).toMatchObject({ make: 'Armería Chiricana', unverifiedMake: true, calibre: '.41 Exotic', unverifiedCalibre: true });
    });

    it('refuses a marking reported stolen with MARKING_REPORTED_STOLEN and audits the attempt', async () => {
      const holder = await makeHolder(t, officer);
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: 'STOLEN-1' }));
      await event(police, weapon, 'reported_stolen').expect(201);
      const other = await makeHolder(t, officer);
      const before = await auditCount(t);
      const attempt = await post(officer, weaponBody(other.id, { serialNumber: 'stolen 1' }));
      expect(attempt.status).toBe(409);
      expect(attempt.body.code).toBe('MARKING_REPORTED_STOLEN');
      expect(attempt.body.detail).toContain(weapon.id);
      const entries = await entriesAfter(t, before);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'weapon.registration_refused', entity_id: weapon.id });
      const count = await t.db.query(`SELECT count(*)::int AS n FROM weapons WHERE serial_normalized = 'STOLEN1'`);
      expect(count.rows[0].n).toBe(1);
    });

    it('refuses a holder without a licence in force for the type: none, expired, revoked or another type', async () => {
      const unlicensed = await makeOwner(t, officer);
      const none = await post(officer, weaponBody(unlicensed.id));
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('HOLDER_NOT_LICENSED');

      const expired = await makeOwner(t, officer);
      await issueLicence(t, officer, expired.id, { issuedAt: daysFromToday(-800), expiresAt: daysFromToday(-30) });
      expect((await post(officer, weaponBody(expired.id))).body.code).toBe('HOLDER_NOT_LICENSED');

      const shotgunsOnly = await makeOwner(t, officer);
      await issueLicence(t, officer, shotgunsOnly.id, { weaponTypes: ['shotgun'] });
      expect((await post(officer, weaponBody(shotgunsOnly.id))).body.code).toBe('HOLDER_NOT_LICENSED');

      const revoked = await makeOwner(t, officer);
      const licence = await issueLicence(t, officer, revoked.id);
      await t.http.post(`/api/v1/licences/${licence.id}/revoke`).set(bearer(officer.accessToken)).send({ reason: 'court order' }).expect(200);
      expect((await post(officer, weaponBody(revoked.id))).body.code).toBe('HOLDER_NOT_LICENSED');

      // A legacy record needs no licence.
      const legacy = await post(officer, weaponBody(unlicensed.id, { acquisition: { kind: 'legacy_record', date: '1999-01-01' } }));
      expect(legacy.status).toBe(201);
    });

    it('refuses an inactive holder with OWNER_INACTIVE', async () => {
      const holder = await makeHolder(t, officer);
      const owner = await t.http.get(`/api/v1/owners/${holder.id}`).set(bearer(officer.accessToken)).expect(200);
      await t.http
        .post(`/api/v1/owners/${holder.id}/status`)
        .set(bearer(officer.accessToken))
        .send({ status: 'suspended', reason: 'investigation', version: owner.body.version })
        .expect(200);
      const response = await post(officer, weaponBody(holder.id));
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('OWNER_INACTIVE');
    });

    it('gives an obliterated or unmarked weapon the national mark PTY-<registryNumber> and a remarked event', async () => {
      const holder = await makeHolder(t, officer);
      for (const serialStatus of ['obliterated', 'unmarked']) {
        const body = weaponBody(holder.id, { serialStatus });
        delete body.serialNumber;
        const response = await post(officer, body);
        expect(response.status).toBe(201);
        expect(response.body.serialNumber).toBe(`PTY-${response.body.registryNumber}`);
        expect(response.body.serialStatus).toBe(serialStatus);
        const events = await t.db.query(`SELECT kind, details FROM weapon_events WHERE weapon_id = $1`, [response.body.id]);
        expect(events.rows).toEqual([{ kind: 'remarked', details: { serialStatus, assignedSerial: response.body.serialNumber } }]);
      }
      const body = weaponBody(holder.id);
      delete body.serialNumber;
      const missing = await post(officer, body);
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([{ field: 'serialNumber', message: expect.any(String) }]);
    });

    it('requires an import marking or an exemption for imports', async () => {
      const holder = await makeHolder(t, officer);
      const acquisition = { kind: 'import', date: daysFromToday(-5) };
      const without = await post(officer, weaponBody(holder.id, { acquisition }));
      expect(without.status).toBe(400);
      expect(without.body.errors[0].field).toBe('importMarking');
      await registerWeapon(t, officer, weaponBody(holder.id, { acquisition, importMarking: { country: 'PA', year: 2026 } }));
      await registerWeapon(t, officer, weaponBody(holder.id, { acquisition, importMarking: { exemptionRef: 'EXM-77' } }));
    });

    it('keeps a ballistic test given at registration', async () => {
      const holder = await makeHolder(t, officer);
      const ballistics = { testedAt: daysFromToday(-1), laboratory: 'IMELCF', reference: 'BAL-1' };
      const weapon = await post(officer, weaponBody(holder.id, { ballistics }));
      expect(weapon.body.ballistics).toEqual(ballistics);
    });

    it('refuses unknown fields, an unknown type and a bad owner id', async () => {
      const holder = await makeHolder(t, officer);
      const unknown = await post(officer, { ...weaponBody(holder.id), colour: 'black' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ field: 'colour', message: 'El campo colour no está permitido aquí.' }]);
      const type = await post(officer, weaponBody(holder.id, { type: 'catapult' }));
      expect(type.status).toBe(400);
      expect(type.body.errors[0].field).toBe('type');
      const owner = await post(officer, weaponBody('00000000-0000-4000-8000-000000000000'));
      expect(owner.status).toBe(404);
    });

    it('keeps officers to their districts and police and auditors off writes', async () => {
      const elsewhere = await makeHolder(t, admin, '13-04');
      const outside = await post(officer, weaponBody(elsewhere.id));
      expect(outside.status).toBe(403);
      expect(outside.body.code).toBe('OUT_OF_JURISDICTION');
      const byPolice = await post(police, weaponBody(elsewhere.id));
      expect(byPolice.status).toBe(403);
      expect(byPolice.body.code).toBe('FORBIDDEN');
      expect((await post(auditor, weaponBody(elsewhere.id))).status).toBe(403);
      expect((await t.http.get('/api/v1/weapons').set(bearer(auditor.accessToken))).status).toBe(403);
      await registerWeapon(t, supervisor, weaponBody(elsewhere.id));
    });

    it('writes nothing when a registration fails', async () => {
      const before = await auditCount(t);
      const unlicensed = await makeOwner(t, officer);
      const afterOwner = await auditCount(t);
      expect(afterOwner).toBe(before + 1);
      await post(officer, weaponBody(unlicensed.id)).expect(422);
      expect(await auditCount(t)).toBe(afterOwner);
    });
  });

  describe('idempotency', () => {
    it('replays the first response for the same key and body, writing nothing', async () => {
      const holder = await makeHolder(t, officer);
      const body = weaponBody(holder.id);
      const first = await post(officer, body).set('Idempotency-Key', 'reg-key-1');
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const before = await auditCount(t);
      const replay = await post(officer, body).set('Idempotency-Key', 'reg-key-1');
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(await auditCount(t)).toBe(before);
      const count = await t.db.query('SELECT count(*)::int AS n FROM weapons WHERE holder_id = $1', [holder.id]);
      expect(count.rows[0].n).toBe(1);
    });

    it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const holder = await makeHolder(t, officer);
      await post(officer, weaponBody(holder.id)).set('Idempotency-Key', 'reg-key-2').expect(201);
      const other = await post(officer, weaponBody(holder.id)).set('Idempotency-Key', 'reg-key-2');
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('scopes keys to the caller', async () => {
      const holder = await makeHolder(t, admin);
      const a = await post(officer, weaponBody(holder.id)).set('Idempotency-Key', 'shared-key');
      const b = await post(supervisor, weaponBody(holder.id)).set('Idempotency-Key', 'shared-key');
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).not.toBe(b.body.id);
    });

    it('lets one of several racing requests with the same key through', async () => {
      const holder = await makeHolder(t, officer);
      const body = weaponBody(holder.id);
      const responses = await Promise.all(Array.from({ length: 8 }, () => post(officer, body).set('Idempotency-Key', 'race-key')));
      const created = responses.filter((response) => response.status === 201);
      for (const response of responses.filter((r) => r.status !== 201)) {
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      }
      expect(new Set(created.map((response) => response.body.id)).size).toBe(1);
      const count = await t.db.query('SELECT count(*)::int AS n FROM weapons WHERE holder_id = $1', [holder.id]);
      expect(count.rows[0].n).toBe(1);
    });

    it('refuses a malformed key', async () => {
      const holder = await makeHolder(t, officer);
      const response = await post(officer, weaponBody(holder.id)).set('Idempotency-Key', 'x'.repeat(256));
      expect(response.status).toBe(400);
    });
  });

  describe('events', () => {
    async function fresh(): Promise<Weapon> {
      const holder = await makeHolder(t, officer);
      return registerWeapon(t, officer, weaponBody(holder.id));
    }

    /** Applies the events in order, each with the version the previous one left. */
    async function walk(weapon: Weapon, steps: Array<[TestUser, string]>): Promise<Weapon> {
      let current = weapon;
      for (const [as, kind] of steps) {
        const response = await event(as, current, kind);
        expect({ kind, status: response.status }).toEqual({ kind, status: 201 });
        current = (await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(admin.accessToken))).body;
      }
      return current;
    }

    it('moves through every allowed transition of the status table', async () => {
      const paths: Array<[Array<[TestUser, string]>, string]> = [
        [[[officer, 'reported_lost']], 'lost'],
        [[[police, 'reported_lost'], [police, 'reported_stolen']], 'stolen'],
        [[[officer, 'reported_stolen']], 'stolen'],
        [[[police, 'seized']], 'seized'],
        [[[police, 'reported_lost'], [police, 'seized']], 'seized'],
        [[[police, 'reported_stolen'], [police, 'seized']], 'seized'],
        [[[police, 'reported_lost'], [police, 'recovered']], 'seized'],
        [[[police, 'reported_stolen'], [police, 'recovered'], [police, 'returned']], 'active'],
        [[[officer, 'surrendered'], [police, 'returned']], 'active'],
        [[[supervisor, 'surrendered'], [officer, 'destroyed']], 'destroyed'],
        [[[police, 'seized'], [admin, 'destroyed']], 'destroyed'],
        [[[officer, 'deactivated']], 'deactivated'],
      ];
      for (const [steps, expected] of paths) {
        const final = await walk(await fresh(), steps);
        expect(final.status).toBe(expected);
      }
    });

    it('refuses transitions the table does not allow with 409 INVALID_STATUS_TRANSITION', async () => {
      const cases: Array<[Array<[TestUser, string]>, TestUser, string]> = [
        [[], police, 'recovered'],
        [[], police, 'returned'],
        [[], officer, 'destroyed'],
        [[[officer, 'reported_lost']], officer, 'reported_lost'],
        [[[officer, 'reported_lost']], officer, 'surrendered'],
        [[[police, 'reported_stolen']], officer, 'reported_lost'],
        [[[police, 'seized']], police, 'seized'],
        [[[officer, 'deactivated']], police, 'seized'],
        [[[officer, 'deactivated']], officer, 'reported_lost'],
        [[[police, 'seized'], [officer, 'destroyed']], police, 'returned'],
      ];
      for (const [setup, as, kind] of cases) {
        const weapon = await walk(await fresh(), setup);
        const response = await event(as, weapon, kind);
        expect({ setup: setup.map(([, k]) => k), kind, status: response.status, code: response.body.code }).toEqual({
          setup: setup.map(([, k]) => k),
          kind,
          status: 409,
          code: 'INVALID_STATUS_TRANSITION',
        });
      }
    });

    it('enforces who may report what', async () => {
      const weapon = await fresh();
      expect((await event(officer, weapon, 'seized')).status).toBe(403);
      expect((await event(police, weapon, 'surrendered')).status).toBe(403);
      expect((await event(auditor, weapon, 'reported_lost')).status).toBe(403);
      const elsewhere = await registerWeapon(t, admin, weaponBody((await makeHolder(t, admin, '13-01')).id));
      const outside = await event(officer, elsewhere, 'reported_lost');
      expect(outside.status).toBe(403);
      expect(outside.body.code).toBe('OUT_OF_JURISDICTION');
      // Police act nationally.
      await event(police, elsewhere, 'reported_lost').expect(201);
    });

    it('refuses a stale version with 409 STALE_VERSION and records the event with its details', async () => {
      const weapon = await fresh();
      const first = await event(police, weapon, 'reported_stolen', { place: 'Los Andes', reference: 'DIJ-1', notes: 'taken from car' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ weaponId: weapon.id, kind: 'reported_stolen', fromStatus: 'active', toStatus: 'stolen', place: 'Los Andes', reference: 'DIJ-1', recordedBy: police.id });
      const stale = await event(police, weapon, 'recovered');
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const future = await event(police, { id: weapon.id, version: 2 }, 'recovered', { occurredAt: new Date(Date.now() + 86_400_000).toISOString() });
      expect(future.status).toBe(400);
      expect(future.body.errors).toEqual([{ field: 'occurredAt', message: 'La fecha del hecho no puede estar en el futuro.' }]);
    });

    it('returns a weapon only to a holder who is still licensed', async () => {
      const holder = await makeOwner(t, officer);
      const licence = await issueLicence(t, officer, holder.id);
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
      const seized = await walk(weapon, [[police, 'seized']]);
      await t.http.post(`/api/v1/licences/${licence.id}/revoke`).set(bearer(officer.accessToken)).send({ reason: 'expired permit' }).expect(200);
      const response = await event(police, seized, 'returned');
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('HOLDER_NOT_LICENSED');
    });
  });

  describe('descriptive changes and corrections', () => {
    it('patches descriptive fields with the version and a reason', async () => {
      const holder = await makeHolder(t, officer);
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
      const ballistics = { testedAt: daysFromToday(0), laboratory: 'IMELCF', reference: 'BAL-9' };
      const patched = await t.http
        .patch(`/api/v1/weapons/${weapon.id}`)
        .set(bearer(officer.accessToken))
        .send({ model: '19X', ballistics, reason: 'typo in model', version: 1 });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ model: '19X', ballistics, version: 2 });
      const stale = await t.http.patch(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken)).send({ model: 'x', reason: 'r', version: 1 });
      expect(stale.body.code).toBe('STALE_VERSION');
      const identifying = await t.http.patch(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken)).send({ serialNumber: 'X', reason: 'r', version: 2 });
      expect(identifying.status).toBe(400);
    });

    it('applies a correction only when a second person approves it', async () => {
      const holder = await makeHolder(t, officer);
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Glock', serialNumber: 'OLD-1' }));
      const proposed = await t.http
        .post(`/api/v1/weapons/${weapon.id}/corrections`)
        .set(bearer(officer.accessToken))
        .send({ changes: { serialNumber: 'NEW-1', make: 'beretta' }, reason: 'misread at intake' });
      expect(proposed.status).toBe(201);
      expect(proposed.body).toMatchObject({ status: 'pending', weaponId: weapon.id, previous: { serialNumber: 'OLD-1', make: 'Glock' } });
      const unchanged = await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken));
      expect(unchanged.body.serialNumber).toBe('OLD-1');
      const pending = await t.http.get('/api/v1/corrections?status=pending').set(bearer(supervisor.accessToken)).expect(200);
      expect(pending.body.items.map((item: { id: string }) => item.id)).toContain(proposed.body.id);

      const self = await t.http.post(`/api/v1/corrections/${proposed.body.id}/approve`).set(bearer(officer.accessToken));
      expect(self.status).toBe(403);
      const selfSupervisor = await t.http
        .post(`/api/v1/weapons/${weapon.id}/corrections`)
        .set(bearer(supervisor.accessToken))
        .send({ changes: { countryOfManufacture: 'IT' }, reason: 'r' });
      const ownApproval = await t.http.post(`/api/v1/corrections/${selfSupervisor.body.id}/approve`).set(bearer(supervisor.accessToken));
      expect(ownApproval.status).toBe(403);
      expect(ownApproval.body.code).toBe('SELF_APPROVAL');

      const approved = await t.http.post(`/api/v1/corrections/${proposed.body.id}/approve`).set(bearer(supervisor.accessToken));
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: supervisor.id });
      const corrected = await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken));
      expect(corrected.body).toMatchObject({ serialNumber: 'NEW-1', serialNormalized: 'NEW1', make: 'Beretta', version: 2 });
      const events = await t.db.query(`SELECT details FROM weapon_events WHERE weapon_id = $1 AND kind = 'corrected'`, [weapon.id]);
      expect(events.rows[0].details).toMatchObject({ old: { serialNumber: 'OLD-1', make: 'Glock' }, new: { serialNumber: 'NEW-1', make: 'Beretta' } });
      const again = await t.http.post(`/api/v1/corrections/${proposed.body.id}/approve`).set(bearer(admin.accessToken));
      expect(again.status).toBe(409);
    });

    it('refuses a correction that would collide with another weapon and leaves the weapon alone', async () => {
      const holder = await makeHolder(t, officer);
      const taken = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Taurus', serialNumber: 'TK-1' }));
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Taurus', serialNumber: 'TK-2' }));
      const proposed = await t.http
        .post(`/api/v1/weapons/${weapon.id}/corrections`)
        .set(bearer(officer.accessToken))
        .send({ changes: { serialNumber: 'tk 1' }, reason: 'r' })
        .expect(201);
      const approval = await t.http.post(`/api/v1/corrections/${proposed.body.id}/approve`).set(bearer(supervisor.accessToken));
      expect(approval.status).toBe(409);
      expect(approval.body.code).toBe('DUPLICATE_MARKING');
      expect(approval.body.detail).toContain(taken.id);
      const still = await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken));
      expect(still.body.serialNumber).toBe('TK-2');
    });

    it('rejects a correction with a reason', async () => {
      const holder = await makeHolder(t, officer);
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
      const proposed = await t.http.post(`/api/v1/weapons/${weapon.id}/corrections`).set(bearer(officer.accessToken)).send({ changes: { calibre: '.40' }, reason: 'r' });
      const rejected = await t.http.post(`/api/v1/corrections/${proposed.body.id}/reject`).set(bearer(admin.accessToken)).send({ reason: 'no evidence' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: 'no evidence' });
      const byOfficer = await t.http.post(`/api/v1/corrections/${proposed.body.id}/reject`).set(bearer(officer.accessToken)).send({ reason: 'x' });
      expect(byOfficer.status).toBe(403);
    });
  });

  describe('reads', () => {
    it('filters the list by serial, make, calibre, type, status, holder and district', async () => {
      const holder = await makeHolder(t, officer);
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'CZ', calibre: '.22 LR', type: 'rifle', serialNumber: 'FIND-ME 7' }));
      const auth = bearer(police.accessToken);
      const ids = async (query: Record<string, string>): Promise<string[]> =>
        (await t.http.get('/api/v1/weapons').query(query).set(auth).expect(200)).body.items.map((item: { id: string }) => item.id);
      expect(await ids({ serial: 'find-me7' })).toEqual([weapon.id]);
      // The serial filter is the normalised serial, not its look-alikes (that is trace search).
      expect(await ids({ serial: 'F1ND-ME7' })).toEqual([]);
      expect(await ids({ serial: 'findme7', make: 'Ceska Zbrojovka' })).toEqual([weapon.id]);
      expect(await ids({ serial: 'findme7', make: 'Glock' })).toEqual([]);
      expect(await ids({ holderId: holder.id, calibre: '22 lr', type: 'rifle' })).toEqual([weapon.id]);
      expect(await ids({ holderId: holder.id, status: 'active', district: '8-05' })).toEqual([weapon.id]);
      expect(await ids({ holderId: holder.id, status: 'stolen' })).toEqual([]);
    });

    it('pages through the list with an opaque cursor', async () => {
      const holder = await makeHolder(t, officer);
      for (let i = 0; i < 5; i += 1) await registerWeapon(t, officer, weaponBody(holder.id));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.http
          .get('/api/v1/weapons')
          .query(cursor ? { holderId: holder.id, limit: 2, cursor } : { holderId: holder.id, limit: 2 })
          .set(bearer(police.accessToken))
          .expect(200);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    });

    it("lists an owner's weapons", async () => {
      const holder = await makeHolder(t, officer);
      const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
      const held = await t.http.get(`/api/v1/owners/${holder.id}/weapons`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').expect(200);
      expect(held.body.items.map((item: { id: string }) => item.id)).toEqual([weapon.id]);
    });
  });

  it('leaves an audit chain that still recomputes after all of the above', async () => {
    const chain = await recomputeChain(t);
    expect(chain.valid).toBe(true);
    expect(chain.seqs).toEqual(Array.from({ length: chain.headSeq }, (_, i) => i + 1));
  });
});

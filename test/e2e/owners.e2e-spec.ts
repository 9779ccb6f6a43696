import { anniversary, todayInPanama } from '../../src/owners/calendar';
import { isLicenceInForce, licenceInForceSql, type LicenceTerms } from '../../src/owners/licence-in-force';
import { bearer, TestApp, type TestUser } from '../support/test-app';

type Body = Record<string, unknown>;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('owners and licences', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let auditor: TestUser;
  let documentSeq = 0;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    [officer, police, auditor] = await Promise.all([
      t.user(admin, ['officer'], { jurisdiction: ['8-05'] }),
      t.user(admin, ['police']),
      t.user(admin, ['auditor']),
    ]);
  });
  afterAll(() => t.close());

  const today = (): string => todayInPanama();
  /** A cédula no other test uses. */
  const freshCedula = (): string => `9-${100 + (documentSeq % 9000)}-${(documentSeq += 1)}`;

  const person = (overrides: Body = {}): Body => ({
    type: 'person',
    name: 'Ana Castillo',
    idDocument: { kind: 'cedula', number: freshCedula() },
    birthDate: '1980-03-14',
    address: { district: '8-05', line: 'Calle 5, Casa 12' },
    ...overrides,
  });

  async function makeOwner(user: TestUser, overrides: Body = {}): Promise<Body & { id: string; version: number }> {
    const response = await t.http.post('/api/v1/owners').set(bearer(user.accessToken)).send(person(overrides));
    if (response.status !== 201) throw new Error(`creating an owner failed: ${response.status} ${response.text}`);
    return response.body;
  }

  const licence = (overrides: Body = {}): Body => ({
    kind: 'possession',
    number: `LIC-${(documentSeq += 1)}`,
    issuedAt: '2026-01-01',
    expiresAt: addDays(today(), 365),
    weaponTypes: ['pistol'],
    ...overrides,
  });

  async function ownerAuditCount(): Promise<number> {
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE entity_type IN ('owner', 'licence')`,
    );
    return rows[0].n;
  }

  async function auditOf(entityId: string): Promise<Array<{ action: string; entity_type: string; before: Body | null; after: Body | null; request_id: string; actor_id: string }>> {
    const { rows } = await t.db.query(
      `SELECT action, entity_type, before, after, request_id, actor_id FROM audit_entries WHERE entity_id = $1 ORDER BY seq`,
      [entityId],
    );
    return rows;
  }

  describe('registering owners', () => {
    it('creates a person and audits it once', async () => {
      const body = person({
        name: '  José   Pérez Ñañez ',
        idDocument: { kind: 'cedula', number: '8-123-4567' },
        nationality: 'pa',
        phone: '+507 6123-4567',
        email: 'jose@example.com',
      });
      const response = await t.http.post('/api/v1/owners').set(bearer(admin.accessToken)).send(body);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'person',
        name: 'José Pérez Ñañez',
        idDocument: { kind: 'cedula', number: '8-123-4567' },
        birthDate: '1980-03-14',
        nationality: 'PA',
        address: { district: '8-05', line: 'Calle 5, Casa 12' },
        phone: '+507 6123-4567',
        email: 'jose@example.com',
        status: 'active',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const entries = await auditOf(response.body.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'owner.created',
        entity_type: 'owner',
        before: null,
        after: { ...response.body, statusReason: null },
        actor_id: admin.id,
        request_id: response.headers['x-request-id'],
      });
    });

    it('creates an organization with a RUC, without birth date, nulls for what is absent', async () => {
      const response = await t.http
        .post('/api/v1/owners')
        .set(bearer(admin.accessToken))
        .send({
          type: 'organization',
          name: 'Seguridad Istmeña S.A.',
          idDocument: { kind: 'ruc', number: '155612345-2-2015 dv 45' },
          address: { district: '13-04', line: 'Vía Principal, Local 3' },
        });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        type: 'organization',
        idDocument: { kind: 'ruc', number: '155612345-2-2015 DV 45' },
        birthDate: null,
        nationality: null,
        phone: null,
        email: null,
        address: { district: '13-04', line: 'Vía Principal, Local 3' },
      });
    });

    it.each([
      ['8-123-4568', '8-123-4568'],
      ['4-712-1234', '4-712-1234'],
      ['8-AV-123-456', '8AV-123-456'],
      ['1PI-12-345', '1PI-12-345'],
      ['PE-12-345', 'PE-12-345'],
      ['E-8-12345', 'E-8-12345'],
      ['N-19-1234', 'N-19-1234'],
      ['SB-4-567', 'SB-4-567'],
      ['03 0045 000678', '3-45-678'],
      ['n 20 77', 'N-20-77'],
    ])('accepts the cédula %s as %s', async (raw, canonical) => {
      const owner = await makeOwner(admin, { idDocument: { kind: 'cedula', number: raw } });
      expect(owner.idDocument).toEqual({ kind: 'cedula', number: canonical });
    });

    it('accepts a passport, normalised to upper case without separators', async () => {
      const owner = await makeOwner(admin, { idDocument: { kind: 'passport', number: 'pa 123-4567' }, nationality: 'CO' });
      expect(owner.idDocument).toEqual({ kind: 'passport', number: 'PA1234567' });
    });

    it.each([
      ['a bad cédula', { idDocument: { kind: 'cedula', number: '8-12345-1' } }, 'idDocument.number'],
      ['a cédula without separators', { idDocument: { kind: 'cedula', number: '81234567' } }, 'idDocument.number'],
      ['province 14', { idDocument: { kind: 'cedula', number: '14-1-1' } }, 'idDocument.number'],
      ['a short passport', { idDocument: { kind: 'passport', number: 'A12' } }, 'idDocument.number'],
      ['a RUC for a person', { idDocument: { kind: 'ruc', number: '155612345-2-2015' } }, 'idDocument.kind'],
      ['an unknown document kind', { idDocument: { kind: 'licence', number: '8-1-1' } }, 'idDocument.kind'],
      ['a person without birth date', { birthDate: undefined }, 'birthDate'],
      ['a birth date that does not exist', { birthDate: '1990-02-30' }, 'birthDate'],
      ['a birth date in the future', { birthDate: addDays(todayInPanama(), 1) }, 'birthDate'],
      ['an unknown nationality', { nationality: 'XX' }, 'nationality'],
      ['an unknown district', { address: { district: '99-99', line: 'Somewhere' } }, 'address.district'],
      ['a missing address line', { address: { district: '8-05' } }, 'address.line'],
      ['an unknown field', { favouriteColour: 'blue' }, 'favouriteColour'],
      ['a bad e-mail', { email: 'not-an-address' }, 'email'],
    ])('refuses %s with 400 naming the field, and writes nothing', async (_label, overrides, field) => {
      const before = await ownerAuditCount();
      const response = await t.http.post('/api/v1/owners').set(bearer(admin.accessToken)).send(person(overrides));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      expect(await ownerAuditCount()).toBe(before);
    });

    it('refuses a birth date for an organization', async () => {
      const response = await t.http
        .post('/api/v1/owners')
        .set(bearer(admin.accessToken))
        .send({
          type: 'organization',
          name: 'Armería del Istmo',
          idDocument: { kind: 'ruc', number: '2222-3-2020' },
          birthDate: '2000-01-01',
          address: { district: '8-05', line: 'Local 1' },
        });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'birthDate', message: expect.stringContaining('persona natural') }]);
    });

    it('accepts a person who is 18 today and refuses one who is 17 years and 364 days old', async () => {
      const eighteenToday = anniversary(today(), -18);
      const adult = await makeOwner(admin, { birthDate: eighteenToday });
      expect(adult.birthDate).toBe(eighteenToday);

      const before = await ownerAuditCount();
      const minor = await t.http
        .post('/api/v1/owners')
        .set(bearer(admin.accessToken))
        .send(person({ birthDate: addDays(eighteenToday, 1) }));
      expect(minor.status).toBe(422);
      expect(minor.body.code).toBe('OWNER_UNDER_AGE');
      expect(await ownerAuditCount()).toBe(before);
    });

    it('refuses the same document written differently with 409 DUPLICATE_OWNER naming the existing owner', async () => {
      const first = await makeOwner(admin, { idDocument: { kind: 'cedula', number: '7-88-999' } });
      const before = await ownerAuditCount();
      const again = await t.http
        .post('/api/v1/owners')
        .set(bearer(admin.accessToken))
        .send(person({ name: 'Someone Else', idDocument: { kind: 'cedula', number: '07 088 000999' } }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DUPLICATE_OWNER');
      expect(again.body.detail).toContain(first.id);
      expect(await ownerAuditCount()).toBe(before);

      const passport = await makeOwner(admin, { idDocument: { kind: 'passport', number: 'X1234567' } });
      const passportAgain = await t.http
        .post('/api/v1/owners')
        .set(bearer(admin.accessToken))
        .send(person({ idDocument: { kind: 'passport', number: 'x-123 4567' } }));
      expect(passportAgain.status).toBe(409);
      expect(passportAgain.body.detail).toContain(passport.id);
    });

    it('lets exactly one of two racing registrations of a document win', async () => {
      const body = person({ idDocument: { kind: 'cedula', number: '6-321-654' } });
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => t.http.post('/api/v1/owners').set(bearer(admin.accessToken)).send(body)),
      );
      const created = responses.filter((response) => response.status === 201);
      expect(created).toHaveLength(1);
      for (const response of responses.filter((r) => r.status !== 201)) {
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('DUPLICATE_OWNER');
        expect(response.body.detail).toContain(created[0].body.id);
      }
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'owner.created' AND entity_id = $1`, [
        created[0].body.id,
      ]);
      expect(rows[0].n).toBe(1);
    });
  });

  describe('reading and searching', () => {
    it('reads one owner, 404 for an unknown id, 400 for a malformed one', async () => {
      const owner = await makeOwner(admin);
      const read = await t.http.get(`/api/v1/owners/${owner.id}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').expect(200);
      expect(read.body).toEqual(owner);
      const missing = await t.http.get('/api/v1/owners/00000000-0000-4000-8000-000000000000').set(bearer(admin.accessToken));
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('NOT_FOUND');
      const malformed = await t.http.get('/api/v1/owners/42').set(bearer(admin.accessToken));
      expect(malformed.status).toBe(400);
    });

    it('finds an owner by document number in any spelling', async () => {
      const owner = await makeOwner(admin, { idDocument: { kind: 'cedula', number: '2-345-6789' } });
      for (const idNumber of ['2-345-6789', '02 0345 006789']) {
        const found = await t.http.get('/api/v1/owners').query({ idNumber }).set(bearer(admin.accessToken)).expect(200);
        expect(found.body).toEqual({ items: [owner], nextCursor: null });
      }
      const narrowed = await t.http
        .get('/api/v1/owners')
        .query({ idNumber: '2-345-6789', idKind: 'passport' })
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(narrowed.body.items).toEqual([]);
      const unreadable = await t.http.get('/api/v1/owners').query({ idNumber: '???' }).set(bearer(admin.accessToken)).expect(200);
      expect(unreadable.body).toEqual({ items: [], nextCursor: null });
    });

    it('finds names ignoring case and accents, as a substring', async () => {
      const owner = await makeOwner(admin, { name: 'María José Quirós Zúñiga' });
      for (const name of ['jose quiros', 'QUIRÓS', 'zuniga', 'ría jo']) {
        const found = await t.http.get('/api/v1/owners').query({ name }).set(bearer(admin.accessToken)).expect(200);
        expect(found.body.items.map((item: Body) => item.id)).toEqual([owner.id]);
      }
      const wildcard = await t.http.get('/api/v1/owners').query({ name: 'quir%s' }).set(bearer(admin.accessToken)).expect(200);
      expect(wildcard.body.items).toEqual([]);
    });

    it('filters by district and pages through the results by name', async () => {
      const names = ['Wendy Alba', 'Wendy Beltrán', 'Wendy Cedeño', 'Wendy Díaz', 'Wendy Espino'];
      const ids = [];
      for (const name of [...names].reverse()) {
        ids.unshift((await makeOwner(admin, { name, address: { district: '6-01', line: 'Chitré' } })).id);
      }
      const seen: Body[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { body: { items: Body[]; nextCursor: string | null } } = await t.http
          .get('/api/v1/owners')
          .query(cursor ? { district: '6-01', limit: 2, cursor } : { district: '6-01', limit: 2 })
          .set(bearer(officer.accessToken))
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen.map((owner) => owner.id)).toEqual(ids);
      expect(seen.every((owner) => (owner.address as Body).district === '6-01')).toBe(true);

      const combined = await t.http
        .get('/api/v1/owners')
        .query({ district: '6-01', name: 'cedeno' })
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(combined.body.items.map((owner: Body) => owner.name)).toEqual(['Wendy Cedeño']);
      await t.http.get('/api/v1/owners').query({ cursor: 'not-a-cursor' }).set(bearer(admin.accessToken)).expect(400);
      await t.http.get('/api/v1/owners').query({ limit: 0 }).set(bearer(admin.accessToken)).expect(400);
      await t.http.get('/api/v1/owners').query({ district: 'Chitré' }).set(bearer(admin.accessToken)).expect(400);
    });
  });

  describe('changing owners', () => {
    it('changes details with the version, refuses a stale one, and audits before and after', async () => {
      const owner = await makeOwner(admin, { name: 'Pedro Gómez' });
      const changed = await t.http
        .patch(`/api/v1/owners/${owner.id}`)
        .set(bearer(admin.accessToken))
        .send({ name: 'Pedro Gómez Ríos', phone: '+507 6000-0000', address: { district: '13-01', line: 'Arraiján centro' }, version: 1 });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        name: 'Pedro Gómez Ríos',
        phone: '+507 6000-0000',
        address: { district: '13-01', line: 'Arraiján centro' },
        idDocument: owner.idDocument,
        version: 2,
      });
      const found = await t.http.get('/api/v1/owners').query({ name: 'gomez rios' }).set(bearer(admin.accessToken)).expect(200);
      expect(found.body.items.map((item: Body) => item.id)).toEqual([owner.id]);

      const before = await ownerAuditCount();
      const stale = await t.http.patch(`/api/v1/owners/${owner.id}`).set(bearer(admin.accessToken)).send({ name: 'X', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const documentChange = await t.http
        .patch(`/api/v1/owners/${owner.id}`)
        .set(bearer(admin.accessToken))
        .send({ idDocument: { kind: 'cedula', number: '8-1-1' }, version: 2 });
      expect(documentChange.status).toBe(400);
      const minor = await t.http
        .patch(`/api/v1/owners/${owner.id}`)
        .set(bearer(admin.accessToken))
        .send({ birthDate: addDays(anniversary(today(), -18), 1), version: 2 });
      expect(minor.status).toBe(422);
      expect(await ownerAuditCount()).toBe(before);

      const entries = await auditOf(owner.id);
      // Reads are on the record too (owner.viewed); the changes are these two.
      expect(entries.map((entry) => entry.action).filter((action) => action !== 'owner.viewed')).toEqual(['owner.created', 'owner.updated']);
      expect(entries[1].before).toMatchObject({ name: 'Pedro Gómez', version: 1, address: { district: '8-05' } });
      expect(entries[1].after).toMatchObject({ name: 'Pedro Gómez Ríos', version: 2, address: { district: '13-01' } });
    });

    it('clears optional fields with null', async () => {
      const owner = await makeOwner(admin, { email: 'a@example.com', phone: '6123-4567' });
      const cleared = await t.http
        .patch(`/api/v1/owners/${owner.id}`)
        .set(bearer(admin.accessToken))
        .send({ email: null, phone: null, version: 1 })
        .expect(200);
      expect(cleared.body).toMatchObject({ email: null, phone: null, version: 2 });
    });

    it('changes the status with a reason; deceased is final', async () => {
      const owner = await makeOwner(admin);
      const noReason = await t.http.post(`/api/v1/owners/${owner.id}/status`).set(bearer(admin.accessToken)).send({ status: 'suspended', version: 1 });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);

      const suspended = await t.http
        .post(`/api/v1/owners/${owner.id}/status`)
        .set(bearer(admin.accessToken))
        .send({ status: 'suspended', reason: 'Pending investigation 42', version: 1 });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', version: 2 });

      const same = await t.http
        .post(`/api/v1/owners/${owner.id}/status`)
        .set(bearer(admin.accessToken))
        .send({ status: 'suspended', reason: 'Again', version: 2 });
      expect(same.status).toBe(409);
      expect(same.body.code).toBe('INVALID_STATUS_TRANSITION');

      const stale = await t.http
        .post(`/api/v1/owners/${owner.id}/status`)
        .set(bearer(admin.accessToken))
        .send({ status: 'active', reason: 'Cleared', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');

      await t.http
        .post(`/api/v1/owners/${owner.id}/status`)
        .set(bearer(admin.accessToken))
        .send({ status: 'deceased', reason: 'Death certificate 2026-123', version: 2 })
        .expect(200);
      for (const status of ['active', 'suspended', 'deceased']) {
        const after = await t.http
          .post(`/api/v1/owners/${owner.id}/status`)
          .set(bearer(admin.accessToken))
          .send({ status, reason: 'Mistake', version: 3 });
        expect(after.status).toBe(409);
        expect(after.body.code).toBe('INVALID_STATUS_TRANSITION');
      }

      const entries = await auditOf(owner.id);
      expect(entries.map((entry) => entry.action)).toEqual(['owner.created', 'owner.status_changed', 'owner.status_changed']);
      expect(entries[1].before).toMatchObject({ status: 'active', statusReason: null });
      expect(entries[1].after).toMatchObject({ status: 'suspended', statusReason: 'Pending investigation 42' });
      expect(entries[2].after).toMatchObject({ status: 'deceased', version: 3 });
    });
  });

  describe('licences', () => {
    it('issues, lists newest first, and revokes once', async () => {
      const owner = await makeOwner(admin);
      const body = licence({ kind: 'collector', number: ' car-2026  0001 ', issuedAt: '2025-06-01', weaponTypes: ['pistol', 'revolver'] });
      const issued = await t.http.post(`/api/v1/owners/${owner.id}/licences`).set(bearer(admin.accessToken)).send(body);
      expect(issued.status).toBe(201);
      expect(issued.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ownerId: owner.id,
        kind: 'collector',
        number: 'CAR-2026 0001',
        issuedAt: '2025-06-01',
        expiresAt: body.expiresAt,
        weaponTypes: ['pistol', 'revolver'],
        status: 'valid',
        revokedAt: null,
        revokedReason: null,
        suspendedAt: null,
        suspendedReason: null,
        suspendedUntil: null,
        suspendedByProhibition: null,
        version: 1,
      });
      const newer = await t.http
        .post(`/api/v1/owners/${owner.id}/licences`)
        .set(bearer(admin.accessToken))
        .send(licence({ issuedAt: '2026-01-15' }))
        .expect(201);

      const listed = await t.http.get(`/api/v1/owners/${owner.id}/licences`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').expect(200);
      expect(listed.body.map((item: Body) => item.id)).toEqual([newer.body.id, issued.body.id]);

      const revoked = await t.http
        .post(`/api/v1/licences/${issued.body.id}/revoke`)
        .set(bearer(admin.accessToken))
        .send({ reason: 'Court order 77' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: issued.body.id, status: 'revoked', revokedReason: 'Court order 77' });
      expect(new Date(revoked.body.revokedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

      const before = await ownerAuditCount();
      const twice = await t.http.post(`/api/v1/licences/${issued.body.id}/revoke`).set(bearer(admin.accessToken)).send({ reason: 'Again' });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('LICENCE_ALREADY_REVOKED');
      const noReason = await t.http.post(`/api/v1/licences/${newer.body.id}/revoke`).set(bearer(admin.accessToken)).send({});
      expect(noReason.status).toBe(400);
      expect(await ownerAuditCount()).toBe(before);

      const entries = await auditOf(issued.body.id);
      expect(entries.map((entry) => [entry.action, entry.entity_type])).toEqual([
        ['licence.issued', 'licence'],
        ['licence.revoked', 'licence'],
      ]);
      expect(entries[0].after).toEqual(issued.body);
      expect(entries[1].before).toMatchObject({ status: 'valid' });
      expect(entries[1].after).toEqual(revoked.body);
    });

    it('shows a licence past its last day as expired', async () => {
      const owner = await makeOwner(admin);
      const yesterday = addDays(today(), -1);
      const issued = await t.http
        .post(`/api/v1/owners/${owner.id}/licences`)
        .set(bearer(admin.accessToken))
        .send(licence({ issuedAt: '2020-01-01', expiresAt: yesterday }));
      expect(issued.status).toBe(201);
      expect(issued.body.status).toBe('expired');
      const lastDay = await t.http
        .post(`/api/v1/owners/${owner.id}/licences`)
        .set(bearer(admin.accessToken))
        .send(licence({ issuedAt: '2020-01-01', expiresAt: today() }))
        .expect(201);
      expect(lastDay.body.status).toBe('valid');
      const listed = await t.http.get(`/api/v1/owners/${owner.id}/licences`).set(bearer(admin.accessToken)).expect(200);
      expect(listed.body.map((item: Body) => item.status).sort()).toEqual(['expired', 'valid']);
      const [stored] = (await t.db.query('SELECT status FROM licences WHERE id = $1', [issued.body.id])).rows;
      expect(stored.status).toBe('valid');
    });

    it('refuses a duplicate number of the same kind, and bad terms', async () => {
      const owner = await makeOwner(admin);
      await t.http.post(`/api/v1/owners/${owner.id}/licences`).set(bearer(admin.accessToken)).send(licence({ number: 'DUP-1' })).expect(201);
      const before = await ownerAuditCount();
      const other = await makeOwner(admin);
      const afterCreate = await ownerAuditCount();
      expect(afterCreate).toBe(before + 1);

      const duplicate = await t.http
        .post(`/api/v1/owners/${other.id}/licences`)
        .set(bearer(admin.accessToken))
        .send(licence({ number: 'dup-1' }));
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('DUPLICATE_LICENCE');
      await t.http
        .post(`/api/v1/owners/${other.id}/licences`)
        .set(bearer(admin.accessToken))
        .send(licence({ kind: 'dealer', number: 'DUP-1' }))
        .expect(201);

      const bad: Array<[Body, string]> = [
        [{ issuedAt: '2026-05-02', expiresAt: '2026-05-01' }, 'expiresAt'],
        [{ weaponTypes: ['pistol', 'bazooka'] }, 'weaponTypes'],
        [{ weaponTypes: [] }, 'weaponTypes'],
        [{ kind: 'hunting' }, 'kind'],
        [{ issuedAt: '2026-02-30' }, 'issuedAt'],
      ];
      for (const [overrides, field] of bad) {
        const response = await t.http.post(`/api/v1/owners/${other.id}/licences`).set(bearer(admin.accessToken)).send(licence(overrides));
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      }
      expect(await ownerAuditCount()).toBe(afterCreate + 1);
      const missing = await t.http
        .post('/api/v1/owners/00000000-0000-4000-8000-000000000000/licences')
        .set(bearer(admin.accessToken))
        .send(licence());
      expect(missing.status).toBe(404);
    });

    it('issues licences only to an active owner', async () => {
      const owner = await makeOwner(admin);
      await t.http
        .post(`/api/v1/owners/${owner.id}/status`)
        .set(bearer(admin.accessToken))
        .send({ status: 'prohibited', reason: 'Conviction', version: 1 })
        .expect(200);
      const response = await t.http.post(`/api/v1/owners/${owner.id}/licences`).set(bearer(admin.accessToken)).send(licence());
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('OWNER_INACTIVE');
    });

    it('decides "in force" in SQL exactly as the rule does', async () => {
      const owner = await makeOwner(admin);
      const terms: Body[] = [
        licence({ issuedAt: '2024-01-01', expiresAt: '2024-12-31', weaponTypes: ['pistol'] }),
        licence({ issuedAt: '2025-06-01', expiresAt: '2026-05-31', weaponTypes: ['rifle', 'shotgun'] }),
        licence({ issuedAt: '2025-01-01', expiresAt: '2027-01-01', weaponTypes: ['revolver'] }),
      ];
      const ids: string[] = [];
      for (const body of terms) {
        ids.push((await t.http.post(`/api/v1/owners/${owner.id}/licences`).set(bearer(admin.accessToken)).send(body).expect(201)).body.id);
      }
      await t.http.post(`/api/v1/licences/${ids[2]}/revoke`).set(bearer(admin.accessToken)).send({ reason: 'Test' }).expect(200);
      const rows: LicenceTerms[] = (
        await t.db.query(
          `SELECT status, issued_at::text AS "issuedAt", expires_at::text AS "expiresAt", weapon_types AS "weaponTypes"
             FROM licences WHERE owner_id = $1`,
          [owner.id],
        )
      ).rows;
      const days = ['2023-12-31', '2024-01-01', '2024-12-31', '2025-01-01', '2025-06-01', '2026-05-31', '2026-06-01', '2027-01-01'];
      for (const weaponType of ['pistol', 'rifle', 'shotgun', 'revolver', 'carbine']) {
        for (const day of days) {
          const { rows: sql } = await t.db.query(
            `SELECT EXISTS (SELECT 1 FROM licences l WHERE l.owner_id = $1 AND ${licenceInForceSql('l', '$2', '$3')}) AS "inForce"`,
            [owner.id, weaponType, day],
          );
          expect([weaponType, day, sql[0].inForce]).toEqual([weaponType, day, rows.some((row) => isLicenceInForce(row, weaponType, day))]);
        }
      }
    });
  });

  describe('roles and jurisdiction', () => {
    it('lets an officer write in their districts only', async () => {
      const mine = await makeOwner(officer, { address: { district: '8-05', line: 'San Miguelito' } });
      const elsewhere = await makeOwner(admin, { address: { district: '13-04', line: 'La Chorrera' } });
      const before = await ownerAuditCount();
      const auth = bearer(officer.accessToken);

      const responses = await Promise.all([
        t.http.post('/api/v1/owners').set(auth).send(person({ address: { district: '13-04', line: 'La Chorrera' } })),
        t.http.patch(`/api/v1/owners/${elsewhere.id}`).set(auth).send({ phone: '6000-0000', version: 1 }),
        t.http.patch(`/api/v1/owners/${mine.id}`).set(auth).send({ address: { district: '13-04', line: 'Moved' }, version: 1 }),
        t.http.post(`/api/v1/owners/${elsewhere.id}/status`).set(auth).send({ status: 'suspended', reason: 'x', version: 1 }),
        t.http.post(`/api/v1/owners/${elsewhere.id}/licences`).set(auth).send(licence()),
      ]);
      for (const response of responses) {
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('OUT_OF_JURISDICTION');
      }
      const foreignLicence = await t.http.post(`/api/v1/owners/${elsewhere.id}/licences`).set(bearer(admin.accessToken)).send(licence()).expect(201);
      const afterAdmin = await ownerAuditCount();
      expect(afterAdmin).toBe(before + 1);
      const revoke = await t.http.post(`/api/v1/licences/${foreignLicence.body.id}/revoke`).set(auth).send({ reason: 'x' });
      expect(revoke.status).toBe(403);
      expect(revoke.body.code).toBe('OUT_OF_JURISDICTION');
      expect(await ownerAuditCount()).toBe(afterAdmin);

      await t.http.patch(`/api/v1/owners/${mine.id}`).set(auth).send({ phone: '6111-1111', version: 1 }).expect(200);
      const own = await t.http.post(`/api/v1/owners/${mine.id}/licences`).set(auth).send(licence()).expect(201);
      await t.http.post(`/api/v1/licences/${own.body.id}/revoke`).set(auth).send({ reason: 'Surrendered' }).expect(200);
      await t.http.get(`/api/v1/owners/${elsewhere.id}`).set(auth).expect(200);
    });

    it('lets police read but not write', async () => {
      const owner = await makeOwner(admin);
      const issued = await t.http.post(`/api/v1/owners/${owner.id}/licences`).set(bearer(admin.accessToken)).send(licence()).expect(201);
      const auth = { ...bearer(police.accessToken), 'X-Access-Purpose': 'DIJ-2026-TEST' };
      await t.http.get('/api/v1/owners').set(auth).expect(200);
      await t.http.get(`/api/v1/owners/${owner.id}`).set(auth).expect(200);
      await t.http.get(`/api/v1/owners/${owner.id}/licences`).set(auth).expect(200);
      const writes = await Promise.all([
        t.http.post('/api/v1/owners').set(auth).send(person()),
        t.http.patch(`/api/v1/owners/${owner.id}`).set(auth).send({ phone: '6000-0000', version: 1 }),
        t.http.post(`/api/v1/owners/${owner.id}/status`).set(auth).send({ status: 'suspended', reason: 'x', version: 1 }),
        t.http.post(`/api/v1/owners/${owner.id}/licences`).set(auth).send(licence()),
        t.http.post(`/api/v1/licences/${issued.body.id}/revoke`).set(auth).send({ reason: 'x' }),
      ]);
      for (const response of writes) {
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
    });

    it('refuses auditors everything here, and anonymous callers with 401', async () => {
      const owner = await makeOwner(admin);
      const auth = bearer(auditor.accessToken);
      const responses = await Promise.all([
        t.http.get('/api/v1/owners').set(auth),
        t.http.get(`/api/v1/owners/${owner.id}`).set(auth),
        t.http.get(`/api/v1/owners/${owner.id}/licences`).set(auth),
        t.http.post('/api/v1/owners').set(auth).send(person()),
      ]);
      for (const response of responses) {
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
      await t.http.get('/api/v1/owners').expect(401);
      await t.http.post('/api/v1/owners').send(person()).expect(401);
    });
  });

  it('describes the owner and licence endpoints in the OpenAPI document', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/owners',
        '/api/v1/owners/{id}',
        '/api/v1/owners/{id}/status',
        '/api/v1/owners/{id}/licences',
        '/api/v1/licences/{id}/revoke',
      ]),
    );
    expect(body.components.schemas.OwnerDto.required).toEqual(
      expect.arrayContaining(['id', 'type', 'name', 'idDocument', 'address', 'status', 'version']),
    );
  });
});

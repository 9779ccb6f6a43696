import { daysFromToday, issueLicence, makeOwner, registerWeapon, weaponBody } from '../support/registry';
import { allFindings, reconcile } from '../support/reconciliation';
import { bearer, TestApp, type TestUser } from '../support/test-app';

describe('court prohibitions', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let supervisor: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer']);
    // A supervisor scoped elsewhere still acts on court orders: they are national.
    supervisor = await t.user(admin, ['supervisor'], { jurisdiction: ['13-04'] });
  });
  afterAll(() => t.close());

  const post = (as: TestUser, path: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1${path}`).set(bearer(as.accessToken)).send(body);
  const order = (overrides: Record<string, unknown> = {}) => ({
    court: 'Juzgado Primero de Familia de San Miguelito',
    orderRef: `MP-${Date.now()}`,
    from: daysFromToday(0),
    reason: 'Medida de protección',
    ...overrides,
  });

  async function armedHolder(): Promise<{ ownerId: string; licenceIds: string[]; weaponIds: string[] }> {
    const owner = await makeOwner(t, officer);
    const first = await issueLicence(t, officer, owner.id);
    const second = await issueLicence(t, officer, owner.id, { weaponTypes: ['rifle'] });
    // An expired licence is not in force: the prohibition leaves it as it is.
    await issueLicence(t, officer, owner.id, { issuedAt: daysFromToday(-900), expiresAt: daysFromToday(-100) });
    const weapons = [await registerWeapon(t, officer, weaponBody(owner.id)), await registerWeapon(t, officer, weaponBody(owner.id))];
    return { ownerId: owner.id, licenceIds: [first.id, second.id].sort(), weaponIds: weapons.map((w) => w.id).sort() };
  }

  const openSurrenderAlerts = async (weaponId: string): Promise<Array<{ id: string; status: string; details: Record<string, unknown> }>> => {
    const response = await t.http
      .get('/api/v1/alerts')
      .query({ source: 'surrender_required', weaponId })
      .set(bearer(admin.accessToken))
      .expect(200);
    return response.body.items;
  };

  it('refuses an officer, and bad input', async () => {
    const { ownerId } = await armedHolder();
    const refused = await post(officer, `/owners/${ownerId}/prohibitions`, order());
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const backwards = await post(supervisor, `/owners/${ownerId}/prohibitions`, order({ from: '2026-06-10', until: '2026-06-09' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('VALIDATION_FAILED');
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'until' })]);
    expect((await post(supervisor, `/owners/${ownerId}/prohibitions`, order({ from: '2026-13-01' }))).status).toBe(400);
    expect((await post(supervisor, `/owners/${ownerId}/prohibitions`, order({ court: '' }))).status).toBe(400);
    expect((await post(supervisor, `/owners/${ownerId}/prohibitions`, order({ kind: 'other' }))).status).toBe(400);
    const owner = await t.http.get(`/api/v1/owners/${ownerId}`).set(bearer(admin.accessToken)).expect(200);
    expect(owner.body.status).toBe('active');
  });

  it('prohibits the owner, suspends the licences in force and raises SURRENDER_REQUIRED on every weapon, in one request', async () => {
    const { ownerId, licenceIds, weaponIds } = await armedHolder();
    const body = order();
    const response = await post(supervisor, `/owners/${ownerId}/prohibitions`, body);
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(`/api/v1/owners/${ownerId}/prohibitions`);
    expect(response.body).toMatchObject({ ownerId, status: 'active', orderRef: body.orderRef, from: body.from, until: null, orderedBy: supervisor.id });
    expect([...response.body.licenceIds].sort()).toEqual(licenceIds);
    expect(response.body.alertIds).toHaveLength(2);

    const owner = await t.http.get(`/api/v1/owners/${ownerId}`).set(bearer(admin.accessToken)).expect(200);
    expect(owner.body.status).toBe('prohibited');
    const licences = await t.http.get(`/api/v1/owners/${ownerId}/licences`).set(bearer(officer.accessToken)).expect(200);
    const byId = new Map(licences.body.map((l: { id: string }) => [l.id, l]));
    for (const id of licenceIds) {
      expect(byId.get(id)).toMatchObject({ status: 'suspended', suspendedByProhibition: response.body.id, suspendedReason: expect.stringContaining(body.orderRef) });
    }
    for (const weaponId of weaponIds) {
      const alerts = await openSurrenderAlerts(weaponId);
      expect(alerts).toEqual([
        expect.objectContaining({ status: 'open', details: expect.objectContaining({ kind: 'SURRENDER_REQUIRED', prohibitionId: response.body.id, ownerId }) }),
      ]);
    }
    // The holder can receive no weapon now.
    expect((await post(officer, '/weapons', weaponBody(ownerId))).status).toBe(422);
    const listed = await t.http.get(`/api/v1/owners/${ownerId}/prohibitions`).set(bearer(supervisor.accessToken)).expect(200);
    expect(listed.body.map((p: { id: string }) => p.id)).toEqual([response.body.id]);
    expect((await t.http.get(`/api/v1/owners/${ownerId}/prohibitions`).set(bearer(officer.accessToken))).status).toBe(403);

    const { rows } = await t.db.query(`SELECT action, count(*)::int AS n FROM audit_entries WHERE request_id = $1 GROUP BY action ORDER BY action`, [
      response.headers['x-request-id'],
    ]);
    expect(rows).toEqual([
      { action: 'alert.raised', n: 2 },
      { action: 'licence.suspended', n: 2 },
      { action: 'owner.status_changed', n: 1 },
      { action: 'prohibition.issued', n: 1 },
    ]);
  });

  it('lifts: licences back in force, owner active, surrender alerts acknowledged; once only', async () => {
    const { ownerId, licenceIds, weaponIds } = await armedHolder();
    const issued = await post(admin, `/owners/${ownerId}/prohibitions`, order({ until: daysFromToday(180) })).expect(201);
    expect(issued.body.until).toBe(daysFromToday(180));
    expect((await post(officer, `/prohibitions/${issued.body.id}/lift`, { reason: 'x' })).status).toBe(403);
    // A licence suspended by the court cannot be reinstated by hand while the order stands.
    const early = await post(officer, `/licences/${licenceIds[0]}/reinstate`, { reason: 'too early' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('OWNER_INACTIVE');

    const lifted = await post(supervisor, `/prohibitions/${issued.body.id}/lift`, { reason: 'Orden revocada' });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ status: 'lifted', liftReason: 'Orden revocada', liftedBy: supervisor.id, version: 2 });
    expect([...lifted.body.licenceIds].sort()).toEqual(licenceIds);
    expect(lifted.body.alertIds).toHaveLength(2);

    const owner = await t.http.get(`/api/v1/owners/${ownerId}`).set(bearer(admin.accessToken)).expect(200);
    expect(owner.body.status).toBe('active');
    const licences = await t.http.get(`/api/v1/owners/${ownerId}/licences`).set(bearer(officer.accessToken)).expect(200);
    for (const id of licenceIds) expect(licences.body.find((l: { id: string }) => l.id === id)).toMatchObject({ status: 'valid', suspendedAt: null });
    for (const weaponId of weaponIds) expect((await openSurrenderAlerts(weaponId))[0].status).toBe('acknowledged');
    await registerWeapon(t, officer, weaponBody(ownerId));

    const again = await post(supervisor, `/prohibitions/${issued.body.id}/lift`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PROHIBITION_ALREADY_LIFTED');
    expect((await post(supervisor, `/prohibitions/00000000-0000-4000-8000-000000000000/lift`, { reason: 'x' })).status).toBe(404);
  });

  it('serialises a court order with concurrent licence changes of the same owner: no deadlock, no 500', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { ownerId, licenceIds } = await armedHolder();
      const answers = await Promise.all([
        post(supervisor, `/owners/${ownerId}/prohibitions`, order()),
        post(officer, `/licences/${licenceIds[0]}/suspend`, { reason: 'concurrent' }),
        post(officer, `/licences/${licenceIds[1]}/renew`, { expiresAt: daysFromToday(900) }),
      ]);
      expect(answers[0].status).toBe(201);
      // The suspension lands first (then the order leaves that licence alone) or finds it suspended by the order.
      expect([200, 409]).toContain(answers[1].status);
      // Renewal lands first, or finds the owner prohibited.
      expect([200, 422]).toContain(answers[2].status);
      const licences = await t.http.get(`/api/v1/owners/${ownerId}/licences`).set(bearer(officer.accessToken)).expect(200);
      for (const id of licenceIds) expect(licences.body.find((l: { id: string }) => l.id === id).status).toBe('suspended');
    }
  });

  it('finds SURRENDER_OVERDUE once 30 days have passed with a weapon still in hand', async () => {
    const overdue = await armedHolder();
    const recent = await armedHolder();
    await post(supervisor, `/owners/${overdue.ownerId}/prohibitions`, order({ from: daysFromToday(-30) })).expect(201);
    await post(supervisor, `/owners/${recent.ownerId}/prohibitions`, order({ from: daysFromToday(-29) })).expect(201);
    const run = await reconcile(t, admin);
    expect(run.status).toBe('completed');
    const findings = await allFindings(t, admin, run.id, 'SURRENDER_OVERDUE');
    const mine = findings.filter((f) => f.holderId === overdue.ownerId || f.holderId === recent.ownerId);
    expect(mine.map((f) => f.weaponId).sort()).toEqual(overdue.weaponIds);
    expect(mine[0].evidence).toMatchObject({ from: daysFromToday(-30), orderRef: expect.any(String) });
    expect(run.findingsByKind!.SURRENDER_OVERDUE).toBeGreaterThanOrEqual(2);
  });
});

import { randomUUID } from 'node:crypto';
import { importFile, importRow, type ImportHolder } from '../support/imports';
import { daysFromToday, issueLicence, makeOwner, registerWeapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

describe('licence lifecycle: suspension, reinstatement, renewal, evidence', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer']);
    police = await t.user(admin, ['police']);
    outsider = await t.user(admin, ['officer'], { jurisdiction: ['13-04'] });
  });
  afterAll(() => t.close());

  const post = (as: TestUser, path: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1${path}`).set(bearer(as.accessToken)).send(body);

  async function licensed(): Promise<{ ownerId: string; licenceId: string }> {
    const owner = await makeOwner(t, officer);
    const licence = await issueLicence(t, officer, owner.id);
    return { ownerId: owner.id, licenceId: licence.id };
  }

  it('refuses a registration while the licence is suspended and allows it after reinstatement', async () => {
    const { ownerId, licenceId } = await licensed();
    const suspended = await post(officer, `/licences/${licenceId}/suspend`, { reason: 'Investigación 2026-17' }).expect(200);
    expect(suspended.body).toMatchObject({ id: licenceId, status: 'suspended', suspendedReason: 'Investigación 2026-17', suspendedUntil: null, version: 2 });

    // An acquisition dated before the suspension is refused too: not in force on any day while suspended.
    const refused = await post(officer, '/weapons', weaponBody(ownerId, { acquisition: { kind: 'domestic_purchase', date: daysFromToday(-200), documentRef: 'F-1' } }));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('HOLDER_NOT_LICENSED');

    const again = await post(officer, `/licences/${licenceId}/suspend`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('LICENCE_ALREADY_SUSPENDED');

    const reinstated = await post(officer, `/licences/${licenceId}/reinstate`, { reason: 'Caso archivado' }).expect(200);
    expect(reinstated.body).toMatchObject({ status: 'valid', suspendedAt: null, suspendedReason: null, version: 3 });
    await registerWeapon(t, officer, weaponBody(ownerId));

    const notSuspended = await post(officer, `/licences/${licenceId}/reinstate`, { reason: 'again' });
    expect(notSuspended.status).toBe(409);
    expect(notSuspended.body.code).toBe('LICENCE_NOT_SUSPENDED');

    const { rows } = await t.db.query(
      `SELECT action FROM audit_entries WHERE entity_type = 'licence' AND entity_id = $1 ORDER BY seq`,
      [licenceId],
    );
    expect(rows.map((row: { action: string }) => row.action)).toEqual(['licence.issued', 'licence.suspended', 'licence.reinstated']);
  });

  it('reads one licence by its id: its status of today, police naming their purpose', async () => {
    const { ownerId, licenceId } = await licensed();
    await post(officer, `/licences/${licenceId}/suspend`, { reason: 'Orden fiscal 88' }).expect(200);
    const read = await t.http.get(`/api/v1/licences/${licenceId}`).set(bearer(officer.accessToken)).expect(200);
    expect(read.body).toMatchObject({ id: licenceId, ownerId, status: 'suspended', suspendedReason: 'Orden fiscal 88' });

    const withoutPurpose = await t.http.get(`/api/v1/licences/${licenceId}`).set(bearer(police.accessToken));
    expect([withoutPurpose.status, withoutPurpose.body.code]).toEqual([400, 'PURPOSE_REQUIRED']);
    await t.http.get(`/api/v1/licences/${licenceId}`).set(bearer(police.accessToken)).set('X-Access-Purpose', 'Caso 2026-311').expect(200);
    const log = await t.http.get(`/api/v1/owners/${ownerId}/access-log`).set(bearer(officer.accessToken)).expect(200);
    expect(log.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: 'Caso 2026-311' })]));

    const unknown = await t.http.get(`/api/v1/licences/${randomUUID()}`).set(bearer(officer.accessToken));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await t.http.get(`/api/v1/licences/${licenceId}`).set(bearer(admin.accessToken)).set('Accept-Language', 'en')).body.status).toBe('suspended');
  });

  it('refuses a transfer to a holder whose licence is suspended', async () => {
    const seller = await licensed();
    const buyer = await licensed();
    const weapon = await registerWeapon(t, officer, weaponBody(seller.ownerId));
    await post(officer, `/licences/${buyer.licenceId}/suspend`, { reason: 'Orden administrativa' }).expect(200);
    const response = await post(officer, '/transfers', {
      weaponId: weapon.id,
      fromOwnerId: seller.ownerId,
      toOwnerId: buyer.ownerId,
      kind: 'sale',
      date: daysFromToday(-1),
      documentRef: 'NOT-9',
      weaponVersion: weapon.version,
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('RECIPIENT_NOT_LICENSED');
  });

  it('rejects the import rows of a holder whose licence is suspended, alone', async () => {
    const suspended = await makeOwner(t, officer);
    const licence = await issueLicence(t, officer, suspended.id);
    const fine = await makeOwner(t, officer);
    await issueLicence(t, officer, fine.id);
    await post(officer, `/licences/${licence.id}/suspend`, { reason: 'Revisión' }).expect(200);
    const result = await importFile(t, officer, [importRow(fine as unknown as ImportHolder), importRow(suspended as unknown as ImportHolder)]);
    expect(result).toMatchObject({ status: 'completed', accepted: 1, rejected: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, code: 'HOLDER_NOT_LICENSED' })]);
  });

  it('ends a suspension by itself after its `until` day', async () => {
    const { ownerId, licenceId } = await licensed();
    const today = daysFromToday(0);
    const suspended = await post(officer, `/licences/${licenceId}/suspend`, { reason: 'Hasta hoy', until: today }).expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedUntil: today });
    expect((await post(officer, '/weapons', weaponBody(ownerId))).status).toBe(422);
    // The last day passes: the stored day is moved back rather than waiting for tomorrow.
    await t.db.query(`UPDATE licences SET suspended_until = $2 WHERE id = $1`, [licenceId, daysFromToday(-1)]);
    await registerWeapon(t, officer, weaponBody(ownerId));
    const list = await t.http.get(`/api/v1/owners/${ownerId}/licences`).set(bearer(officer.accessToken)).expect(200);
    expect(list.body[0]).toMatchObject({ id: licenceId, status: 'valid' });
  });

  it('refuses bad suspension input, other roles and other districts', async () => {
    const { licenceId } = await licensed();
    const past = await post(officer, `/licences/${licenceId}/suspend`, { reason: 'x', until: daysFromToday(-3) });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('VALIDATION_FAILED');
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'until' })]);
    expect((await post(officer, `/licences/${licenceId}/suspend`, { reason: 'x', until: '2026-02-30' })).status).toBe(400);
    expect((await post(officer, `/licences/${licenceId}/suspend`, { reason: 'x', extra: 1 })).status).toBe(400);
    expect((await post(police, `/licences/${licenceId}/suspend`, { reason: 'x' })).status).toBe(403);
    const scoped = await post(outsider, `/licences/${licenceId}/suspend`, { reason: 'x' });
    expect(scoped.status).toBe(403);
    expect(scoped.body.code).toBe('OUT_OF_JURISDICTION');
  });

  it('renews a licence, an expired one included, and refuses a revoked one or a bad date', async () => {
    const owner = await makeOwner(t, officer);
    const expired = await issueLicence(t, officer, owner.id, { issuedAt: daysFromToday(-800), expiresAt: daysFromToday(-5) });
    const listed = await t.http.get(`/api/v1/owners/${owner.id}/licences`).set(bearer(officer.accessToken)).expect(200);
    expect(listed.body.find((l: { id: string }) => l.id === expired.id).status).toBe('expired');

    const newEnd = daysFromToday(1000);
    const renewed = await post(officer, `/licences/${expired.id}/renew`, { expiresAt: newEnd }).expect(200);
    expect(renewed.body).toMatchObject({ id: expired.id, status: 'valid', expiresAt: newEnd, issuedAt: daysFromToday(-800), version: 2 });
    await registerWeapon(t, officer, weaponBody(owner.id));

    const notLater = await post(officer, `/licences/${expired.id}/renew`, { expiresAt: daysFromToday(999) });
    expect(notLater.status).toBe(400);
    expect(notLater.body.errors).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    expect((await post(officer, `/licences/${expired.id}/renew`, { expiresAt: 'tomorrow' })).status).toBe(400);

    const revoked = await issueLicence(t, officer, owner.id);
    await post(officer, `/licences/${revoked.id}/revoke`, { reason: 'Condena' }).expect(200);
    const refused = await post(officer, `/licences/${revoked.id}/renew`, { expiresAt: daysFromToday(2000) });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LICENCE_ALREADY_REVOKED');
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'licence.renewed' AND entity_id = $1`, [expired.id]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses a carry licence without its evidence, then issues it once the evidence is in force', async () => {
    const owner = await makeOwner(t, officer);
    const carry = { kind: 'carry', number: `CARRY-${Date.now()}`, issuedAt: daysFromToday(0), expiresAt: daysFromToday(700), weaponTypes: ['pistol'] };
    const none = await post(officer, `/owners/${owner.id}/licences`, carry);
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('EVIDENCE_MISSING');
    expect(none.body.missingEvidence).toEqual(['psychological_evaluation', 'drug_test', 'criminal_record']);
    expect(none.body.detail).toContain('evaluación psicológica');

    const evidence = (kind: string, issuedAt: string, validUntil: string) =>
      post(officer, `/owners/${owner.id}/evidence`, { kind, issuedAt, validUntil, reference: `REF-${kind}` });
    const psych = await evidence('psychological_evaluation', daysFromToday(-30), daysFromToday(330));
    expect(psych.status).toBe(201);
    expect(psych.headers.location).toBe(`/api/v1/owners/${owner.id}/evidence`);
    expect(psych.body).toMatchObject({ ownerId: owner.id, kind: 'psychological_evaluation', inForce: true });
    await evidence('drug_test', daysFromToday(-400), daysFromToday(-35)).expect(201); // lapsed: does not count
    await evidence('criminal_record', daysFromToday(-10), daysFromToday(170)).expect(201);

    const stillMissing = await post(officer, `/owners/${owner.id}/licences`, carry);
    expect(stillMissing.status).toBe(422);
    expect(stillMissing.body.missingEvidence).toEqual(['drug_test']);

    await evidence('drug_test', daysFromToday(-2), daysFromToday(88)).expect(201);
    const issued = await post(officer, `/owners/${owner.id}/licences`, carry).expect(201);
    expect(issued.body).toMatchObject({ kind: 'carry', status: 'valid' });

    const list = await t.http.get(`/api/v1/owners/${owner.id}/evidence`).set(bearer(officer.accessToken)).expect(200);
    expect(list.body).toHaveLength(4);
    expect(list.body.filter((row: { inForce: boolean }) => !row.inForce).map((row: { kind: string }) => row.kind)).toEqual(['drug_test']);
    expect((await t.http.get(`/api/v1/owners/${owner.id}/evidence`).set(bearer(police.accessToken))).status).toBe(403);

    // The read and the recordings are in the owner's access log.
    const log = await t.http.get(`/api/v1/owners/${owner.id}/access-log`).set(bearer(officer.accessToken)).expect(200);
    const actions = log.body.items.map((item: { action: string }) => item.action);
    expect(actions).toContain('evidence.recorded');
    expect(actions).toContain('owner.viewed');
  });

  it('refuses bad evidence: validUntil before issuedAt, an unknown kind, a missing reference', async () => {
    const owner = await makeOwner(t, officer);
    const before = await post(officer, `/owners/${owner.id}/evidence`, {
      kind: 'drug_test',
      issuedAt: '2026-05-10',
      validUntil: '2026-05-09',
      reference: 'LAB-1',
    });
    expect(before.status).toBe(400);
    expect(before.body.code).toBe('VALIDATION_FAILED');
    expect(before.body.errors).toEqual([expect.objectContaining({ field: 'validUntil' })]);
    const unknown = await post(officer, `/owners/${owner.id}/evidence`, { kind: 'horoscope', issuedAt: '2026-05-10', validUntil: '2027-05-09', reference: 'X' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'kind' })]);
    expect((await post(officer, `/owners/${owner.id}/evidence`, { kind: 'training', issuedAt: '2026-05-10', validUntil: '2027-05-09' })).status).toBe(400);
  });
});

import { entriesAfter, recomputeChain } from '../support/audit';
import { auditCount, daysFromToday, issueLicence, makeHolder, makeOwner, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

describe('transfers', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;

  beforeAll(async () => {
    t = await TestApp.start({ DATABASE_POOL_SIZE: '30' });
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
    police = await t.user(admin, ['police']);
  });
  afterAll(() => t.close());

  const transfer = (as: TestUser, body: Record<string, unknown>) => t.http.post('/api/v1/transfers').set(bearer(as.accessToken)).send(body);
  const sale = (weapon: { id: string; version: number }, from: string, to: string, extra: Record<string, unknown> = {}) => ({
    weaponId: weapon.id,
    fromOwnerId: from,
    toOwnerId: to,
    kind: 'sale',
    date: daysFromToday(-1),
    documentRef: 'NOT-1',
    weaponVersion: weapon.version,
    ...extra,
  });

  async function armed(): Promise<{ seller: string; weapon: Weapon }> {
    const seller = await makeHolder(t, officer);
    return { seller: seller.id, weapon: await registerWeapon(t, officer, weaponBody(seller.id)) };
  }

  it('moves the holder on a sale and shows it in both lists and the owners’ weapons', async () => {
    const { seller, weapon } = await armed();
    const buyer = await makeHolder(t, admin, '13-04');
    const before = await auditCount(t);
    const response = await transfer(officer, sale(weapon, seller, buyer.id));
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      weaponId: weapon.id,
      fromOwnerId: seller,
      toOwnerId: buyer.id,
      kind: 'sale',
      date: daysFromToday(-1),
      documentRef: 'NOT-1',
      destinationCountry: null,
      recordedBy: officer.id,
      recordedAt: expect.any(String),
    });
    const moved = await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(police.accessToken)).expect(200);
    expect(moved.body).toMatchObject({ holderId: buyer.id, district: '13-04', version: 2, status: 'active' });
    const one = await t.http.get(`/api/v1/transfers/${response.body.id}`).set(bearer(police.accessToken)).expect(200);
    expect(one.body).toEqual(response.body);
    const list = await t.http.get(`/api/v1/weapons/${weapon.id}/transfers`).set(bearer(police.accessToken)).expect(200);
    expect(list.body).toEqual({ items: [response.body], nextCursor: null });
    const sellerWeapons = await t.http.get(`/api/v1/owners/${seller}/weapons`).set(bearer(officer.accessToken)).expect(200);
    expect(sellerWeapons.body.items).toEqual([]);
    const buyerWeapons = await t.http.get(`/api/v1/owners/${buyer.id}/weapons`).set(bearer(officer.accessToken)).expect(200);
    expect(buyerWeapons.body.items.map((item: { id: string }) => item.id)).toEqual([weapon.id]);
    // The owners' weapons lists are reads of personal data, audited as owner.viewed.
    const all = (await entriesAfter(t, before)).filter((entry) => entry.action !== 'owner.viewed');
    // The holding certificate follows the weapon: the seller's is superseded, the buyer's issued.
    expect(all.filter((entry) => entry.action.startsWith('certificate.')).map((entry) => entry.action).sort()).toEqual([
      'certificate.issued',
      'certificate.superseded',
    ]);
    const entries = all.filter((entry) => !entry.action.startsWith('certificate.'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'transfer.recorded', entity_id: weapon.id, before: { holderId: seller }, after: { holderId: buyer.id } });
    // The officer of 8-05 no longer has jurisdiction over a weapon now held in 13-04.
    const onward = await transfer(officer, sale(moved.body, buyer.id, seller));
    expect(onward.status).toBe(403);
    expect(onward.body.code).toBe('OUT_OF_JURISDICTION');
  });

  it('lists a weapon’s transfers oldest first, page by page', async () => {
    const { seller, weapon } = await armed();
    const owners = [seller, (await makeHolder(t, officer)).id, (await makeHolder(t, officer)).id];
    let current = weapon;
    for (let i = 0; i < 4; i += 1) {
      await transfer(officer, sale(current, owners[i % 3], owners[(i + 1) % 3])).expect(201);
      current = (await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken))).body;
    }
    const first = await t.http.get(`/api/v1/weapons/${weapon.id}/transfers?limit=3`).set(bearer(officer.accessToken)).expect(200);
    const second = await t.http.get(`/api/v1/weapons/${weapon.id}/transfers?limit=3&cursor=${first.body.nextCursor}`).set(bearer(officer.accessToken)).expect(200);
    const chain = [...first.body.items, ...second.body.items];
    expect(chain.map((item: { fromOwnerId: string }) => item.fromOwnerId)).toEqual([owners[0], owners[1], owners[2], owners[0]]);
    expect(second.body.nextCursor).toBeNull();
  });

  describe('refusals', () => {
    it('HOLDER_MISMATCH when the sender is not the holder', async () => {
      const { weapon } = await armed();
      const stranger = await makeHolder(t, officer);
      const buyer = await makeHolder(t, officer);
      const response = await transfer(officer, sale(weapon, stranger.id, buyer.id));
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('HOLDER_MISMATCH');
    });

    it('WEAPON_NOT_TRANSFERABLE when the weapon is not active', async () => {
      const { seller, weapon } = await armed();
      await t.http.post(`/api/v1/weapons/${weapon.id}/events`).set(bearer(police.accessToken)).send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), version: 1 }).expect(201);
      const buyer = await makeHolder(t, officer);
      const response = await transfer(officer, sale({ id: weapon.id, version: 2 }, seller, buyer.id));
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('WEAPON_NOT_TRANSFERABLE');
    });

    it('STALE_VERSION with an old weaponVersion', async () => {
      const { seller, weapon } = await armed();
      const buyer = await makeHolder(t, officer);
      const response = await transfer(officer, sale({ id: weapon.id, version: 7 }, seller, buyer.id));
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('STALE_VERSION');
    });

    it('OWNER_INACTIVE and RECIPIENT_NOT_LICENSED for the recipient, on the transfer date', async () => {
      const { seller, weapon } = await armed();
      const unlicensed = await makeOwner(t, officer);
      const none = await transfer(officer, sale(weapon, seller, unlicensed.id));
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('RECIPIENT_NOT_LICENSED');
      const later = await makeOwner(t, officer);
      await issueLicence(t, officer, later.id, { issuedAt: daysFromToday(0), expiresAt: daysFromToday(300) });
      const beforeLicence = await transfer(officer, sale(weapon, seller, later.id, { date: daysFromToday(-3) }));
      expect(beforeLicence.body.code).toBe('RECIPIENT_NOT_LICENSED');
      const suspended = await makeHolder(t, officer);
      const owner = await t.http.get(`/api/v1/owners/${suspended.id}`).set(bearer(officer.accessToken));
      await t.http.post(`/api/v1/owners/${suspended.id}/status`).set(bearer(officer.accessToken)).send({ status: 'deceased', reason: 'death certificate', version: owner.body.version }).expect(200);
      const inactive = await transfer(officer, sale(weapon, seller, suspended.id));
      expect(inactive.status).toBe(422);
      expect(inactive.body.code).toBe('OWNER_INACTIVE');
    });

    it('SAME_OWNER, a missing recipient and a future date', async () => {
      const { seller, weapon } = await armed();
      const same = await transfer(officer, sale(weapon, seller, seller));
      expect(same.status).toBe(422);
      expect(same.body.code).toBe('SAME_OWNER');
      const missing = await transfer(officer, { ...sale(weapon, seller, seller), toOwnerId: undefined });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([{ field: 'toOwnerId', message: expect.any(String) }]);
      const future = await transfer(officer, sale(weapon, seller, (await makeHolder(t, officer)).id, { date: daysFromToday(5) }));
      expect(future.status).toBe(400);
    });

    it('officer of another district → 403, police → 403', async () => {
      const seller = await makeHolder(t, admin, '13-01');
      const weapon = await registerWeapon(t, admin, weaponBody(seller.id));
      const buyer = await makeHolder(t, officer);
      const outside = await transfer(officer, sale(weapon, seller.id, buyer.id));
      expect(outside.status).toBe(403);
      expect(outside.body.code).toBe('OUT_OF_JURISDICTION');
      const byPolice = await transfer(police, sale(weapon, seller.id, buyer.id));
      expect(byPolice.status).toBe(403);
      expect(byPolice.body.code).toBe('FORBIDDEN');
    });
  });

  describe('export', () => {
    it('needs a destination and no recipient, and makes the weapon exported for good', async () => {
      const { seller, weapon } = await armed();
      const withRecipient = await transfer(officer, { ...sale(weapon, seller, (await makeHolder(t, officer)).id), kind: 'export', destinationCountry: 'CR' });
      expect(withRecipient.status).toBe(400);
      const noDestination = await transfer(officer, { ...sale(weapon, seller, seller), kind: 'export', toOwnerId: undefined });
      expect(noDestination.status).toBe(400);
      const exported = await transfer(officer, { weaponId: weapon.id, fromOwnerId: seller, kind: 'export', destinationCountry: 'CR', date: daysFromToday(0), weaponVersion: 1 });
      expect(exported.status).toBe(201);
      expect(exported.body).toMatchObject({ kind: 'export', toOwnerId: null, destinationCountry: 'CR' });
      const after = await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken)).expect(200);
      expect(after.body).toMatchObject({ status: 'exported', version: 2 });
      const again = await transfer(officer, sale(after.body, seller, (await makeHolder(t, officer)).id));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('WEAPON_NOT_TRANSFERABLE');
      const event = await t.http.post(`/api/v1/weapons/${weapon.id}/events`).set(bearer(police.accessToken)).send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), version: 2 });
      expect(event.status).toBe(409);
      expect(event.body.code).toBe('INVALID_STATUS_TRANSITION');
      const held = await t.http.get(`/api/v1/owners/${seller}/weapons`).set(bearer(officer.accessToken)).expect(200);
      expect(held.body.items).toEqual([]);
    });
  });

  describe('concurrency', () => {
    it('50 simultaneous transfers of one weapon to 50 recipients: one 201, 49 × 409, one transfer, one audit entry', async () => {
      const { seller, weapon } = await armed();
      const recipients: string[] = [];
      for (let i = 0; i < 50; i += 1) recipients.push((await makeHolder(t, officer)).id);
      const before = await auditCount(t);
      const responses = await Promise.all(recipients.map((recipient) => transfer(officer, sale(weapon, seller, recipient))));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      for (const response of responses.filter((r) => r.status === 409)) expect(['STALE_VERSION', 'HOLDER_MISMATCH']).toContain(response.body.code);
      const rows = await t.db.query('SELECT to_owner_id FROM transfers WHERE weapon_id = $1', [weapon.id]);
      expect(rows.rowCount).toBe(1);
      const winner = responses.find((response) => response.status === 201)!;
      expect(rows.rows[0].to_owner_id).toBe(winner.body.toOwnerId);
      const entries = await entriesAfter(t, before);
      expect(entries.filter((entry) => entry.action === 'transfer.recorded')).toHaveLength(1);
      // ...and the one transfer's certificate change: the old one superseded, one new one issued.
      expect(entries.map((entry) => entry.action).sort()).toEqual(['certificate.issued', 'certificate.superseded', 'transfer.recorded']);
      expect((await recomputeChain(t)).valid).toBe(true);
    });

    it('20 simultaneous requests with one idempotency key make one transfer', async () => {
      const { seller, weapon } = await armed();
      const buyer = await makeHolder(t, officer);
      const body = sale(weapon, seller, buyer.id);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => transfer(officer, body).set('Idempotency-Key', 'transfer-race')),
      );
      for (const response of responses) {
        expect([201, 409]).toContain(response.status);
        if (response.status === 409) expect(response.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      }
      const created = responses.filter((response) => response.status === 201);
      expect(new Set(created.map((response) => response.body.id)).size).toBe(1);
      const rows = await t.db.query('SELECT count(*)::int AS n FROM transfers WHERE weapon_id = $1', [weapon.id]);
      expect(rows.rows[0].n).toBe(1);
    });

    it('replays after success with the same body and header, writing nothing; another body is 422', async () => {
      const { seller, weapon } = await armed();
      const buyer = await makeHolder(t, officer);
      const body = sale(weapon, seller, buyer.id);
      const first = await transfer(officer, body).set('Idempotency-Key', 'transfer-replay');
      expect(first.status).toBe(201);
      const before = await auditCount(t);
      const replay = await transfer(officer, body).set('Idempotency-Key', 'transfer-replay');
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(await auditCount(t)).toBe(before);
      const rows = await t.db.query('SELECT count(*)::int AS n FROM transfers WHERE weapon_id = $1', [weapon.id]);
      expect(rows.rows[0].n).toBe(1);
      const reused = await transfer(officer, { ...body, documentRef: 'OTHER' }).set('Idempotency-Key', 'transfer-replay');
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('releases the key when the request fails, so a corrected retry with the same key works', async () => {
      const { seller, weapon } = await armed();
      const buyer = await makeHolder(t, officer);
      const stale = await transfer(officer, sale({ id: weapon.id, version: 9 }, seller, buyer.id)).set('Idempotency-Key', 'retry-key');
      expect(stale.status).toBe(409);
      const fixed = await transfer(officer, sale(weapon, seller, buyer.id)).set('Idempotency-Key', 'retry-key');
      expect(fixed.status).toBe(201);
    });
  });
});

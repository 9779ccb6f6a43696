import { importFile, importHolder, importRow } from '../support/imports';
import { formatTime } from '../../src/reports/report-texts';
import { pdfText } from '../support/pdf-text';
import { allFindings, reconcile, until } from '../support/reconciliation';
import { builtReport, ownSerial, recordRecovery, recoveryBody } from '../support/recoveries';
import { daysFromToday, issueLicence, makeHolder, makeOwner, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

interface Certificate {
  id: string;
  number: string;
  weaponId: string;
  holderId: string;
  issuedAt: string;
  expiresAt: string;
  status: string;
  supersededBy: string | null;
  endedReason: string | null;
  version: number;
}

interface CertificateCheck extends Certificate {
  weapon: { make: string; model: string; type: string; calibre: string; serialNumber: string; registryNumber: string };
  holder: { id: string; name: string };
}

const NUMBER = /^CT-\d{4}-\d{7}$/;

describe('holding certificates', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let auditor: TestUser;
  let colonOfficer: TestUser;

  beforeAll(async () => {
    t = await TestApp.start({ CERTIFICATE_VALIDITY_YEARS: '5' });
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer']);
    police = await t.user(admin, ['police']);
    auditor = await t.user(admin, ['auditor']);
    colonOfficer = await t.user(admin, ['officer'], { jurisdiction: ['3-01'] });
  });
  afterAll(() => t.close());

  const certificatesOf = async (weaponId: string, as: TestUser = officer): Promise<Certificate[]> =>
    (await t.http.get(`/api/v1/weapons/${weaponId}/certificates`).set(bearer(as.accessToken)).expect(200)).body.items;
  const renew = (as: TestUser, certificate: Pick<Certificate, 'id' | 'version'>) =>
    t.http.post(`/api/v1/certificates/${certificate.id}/renew`).set(bearer(as.accessToken)).send({ version: certificate.version });
  const transfer = (weapon: Weapon, from: string, to: string) =>
    t.http
      .post('/api/v1/transfers')
      .set(bearer(officer.accessToken))
      .send({ weaponId: weapon.id, fromOwnerId: from, toOwnerId: to, kind: 'sale', date: daysFromToday(0), weaponVersion: weapon.version })
      .expect(201);
  const auditedCertificate = async (id: string): Promise<string[]> =>
    (
      await t.db.query<{ action: string }>(`SELECT action FROM audit_entries WHERE entity_type = 'certificate' AND entity_id = $1 ORDER BY seq`, [
        id,
      ])
    ).rows.map((row) => row.action);

  it('issues a certificate with the registration, valid for CERTIFICATE_VALIDITY_YEARS, audited', async () => {
    const holder = await makeHolder(t, officer);
    const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
    const [certificate, ...others] = await certificatesOf(weapon.id);
    expect(others).toEqual([]);
    expect(certificate).toMatchObject({ weaponId: weapon.id, holderId: holder.id, status: 'valid', supersededBy: null, version: 1 });
    expect(certificate.number).toMatch(NUMBER);
    expect(certificate.number.slice(3, 7)).toBe(daysFromToday(0).slice(0, 4));
    const issued = new Date(certificate.issuedAt);
    const expires = new Date(certificate.expiresAt);
    expect(expires.getUTCFullYear() - issued.getUTCFullYear()).toBe(5);
    expect(expires.getTime() - issued.getTime()).toBeGreaterThan(5 * 365 * 86_400_000);
    expect(await auditedCertificate(certificate.id)).toEqual(['certificate.issued']);
  });

  it('on a transfer supersedes the old certificate and issues the recipient a new one', async () => {
    const seller = await makeHolder(t, officer);
    const buyer = await makeHolder(t, officer);
    const weapon = await registerWeapon(t, officer, weaponBody(seller.id));
    const [first] = await certificatesOf(weapon.id);
    await transfer(weapon, seller.id, buyer.id);
    const [latest, old] = await certificatesOf(weapon.id);
    expect(old).toMatchObject({ id: first.id, status: 'superseded', supersededBy: latest.id, endedReason: 'transferred', version: 2 });
    expect(latest).toMatchObject({ holderId: buyer.id, status: 'valid', version: 1 });
    expect(latest.number).not.toBe(first.number);
    expect(await auditedCertificate(first.id)).toEqual(['certificate.issued', 'certificate.superseded']);
    expect(await auditedCertificate(latest.id)).toEqual(['certificate.issued']);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM holding_certificates WHERE weapon_id = $1 AND status = 'valid'`, [weapon.id]);
    expect(rows[0].n).toBe(1);
  });

  it('revokes the certificate when the weapon is exported or deactivated, and keeps it when stolen', async () => {
    const holder = await makeHolder(t, officer);
    const exported = await registerWeapon(t, officer, weaponBody(holder.id));
    await t.http
      .post('/api/v1/transfers')
      .set(bearer(officer.accessToken))
      .send({ weaponId: exported.id, fromOwnerId: holder.id, kind: 'export', destinationCountry: 'CO', date: daysFromToday(0), weaponVersion: 1 })
      .expect(201);
    expect((await certificatesOf(exported.id))[0]).toMatchObject({ status: 'revoked', endedReason: 'exported' });

    const deactivated = await registerWeapon(t, officer, weaponBody(holder.id));
    await t.http
      .post(`/api/v1/weapons/${deactivated.id}/events`)
      .set(bearer(officer.accessToken))
      .send({ kind: 'deactivated', occurredAt: new Date().toISOString(), version: 1 })
      .expect(201);
    const [revoked] = await certificatesOf(deactivated.id);
    expect(revoked).toMatchObject({ status: 'revoked', endedReason: 'deactivated' });
    expect(await auditedCertificate(revoked.id)).toEqual(['certificate.issued', 'certificate.revoked']);

    // Surrendered to the State: revoked; returned to its holder: a new certificate.
    const surrendered = await registerWeapon(t, officer, weaponBody(holder.id));
    await t.http
      .post(`/api/v1/weapons/${surrendered.id}/events`)
      .set(bearer(officer.accessToken))
      .send({ kind: 'surrendered', occurredAt: new Date().toISOString(), version: 1 })
      .expect(201);
    expect((await certificatesOf(surrendered.id))[0]).toMatchObject({ status: 'revoked', endedReason: 'surrendered' });
    await t.http
      .post(`/api/v1/weapons/${surrendered.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind: 'returned', occurredAt: new Date().toISOString(), version: 2 })
      .expect(201);
    const [returned, revokedBefore] = await certificatesOf(surrendered.id);
    expect(returned).toMatchObject({ status: 'valid', holderId: holder.id });
    expect(revokedBefore.status).toBe('revoked');

    const stolen = await registerWeapon(t, officer, weaponBody(holder.id));
    await t.http
      .post(`/api/v1/weapons/${stolen.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), version: 1 })
      .expect(201);
    expect((await certificatesOf(stolen.id))[0].status).toBe('valid');
  });

  it('keeps the certificate of a seized weapon, revokes it on a surrender to the State and on destruction', async () => {
    const holder = await makeHolder(t, officer);
    const seized = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: ownSerial('SZ') }));
    const handedIn = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: ownSerial('HI') }));
    const item = (weapon: Weapon) => ({ make: 'Glock', type: 'pistol', calibre: '9mm', serialNumber: weapon.serialNumber, serialStatus: 'marked' });
    const seizure = await recordRecovery(t, admin, recoveryBody({ items: [item(seized)] }));
    await recordRecovery(t, officer, recoveryBody({ kind: 'surrendered', surrenderedBy: holder.id, items: [item(handedIn)] }));
    expect((await certificatesOf(seized.id))[0].status).toBe('valid');
    const [surrendered] = await certificatesOf(handedIn.id);
    expect(surrendered).toMatchObject({ status: 'revoked', endedReason: 'surrendered' });
    expect(await auditedCertificate(surrendered.id)).toEqual(['certificate.issued', 'certificate.revoked']);

    await until('the seizure traced', async () => {
      const request = await t.http
        .get(`/api/v1/trace-requests/${seizure.items[0].traceRequestId}`)
        .set(bearer(admin.accessToken))
        .set('X-Access-Purpose', 'certificate test')
        .expect(200);
      return ['completed', 'failed'].includes(request.body.status);
    });
    await t.http
      .post('/api/v1/destruction-batches')
      .set(bearer(officer.accessToken))
      .send({
        method: 'smelting',
        place: 'Fundición de Acero, Colón',
        date: daysFromToday(0),
        actaRef: `ACTA-${seizure.id.slice(0, 8)}`,
        witnesses: ['Lcda. Ana Ríos', 'Sgto. Luis Vega'],
        weaponIds: [seized.id],
      })
      .expect(201);
    expect((await certificatesOf(seized.id))[0]).toMatchObject({ status: 'revoked', endedReason: 'destroyed' });
  });

  it('issues one certificate per imported weapon, numbered from the same sequence', async () => {
    const holder = await importHolder(t, officer);
    const rows = Array.from({ length: 25 }, () => importRow(holder));
    const run = await importFile(t, officer, rows);
    expect(run).toMatchObject({ status: 'completed', accepted: 25, rejected: 0 });
    const { rows: held } = await t.db.query<{ weapon_id: string; certificates: number; valid: number; number: string; holder_id: string }>(
      `SELECT w.id AS weapon_id, count(c.id)::int AS certificates, count(c.id) FILTER (WHERE c.status = 'valid')::int AS valid,
              min(c.number) AS number, min(c.holder_id::text) AS holder_id
         FROM weapons w LEFT JOIN holding_certificates c ON c.weapon_id = w.id
        WHERE w.holder_id = $1 GROUP BY w.id`,
      [holder.id],
    );
    expect(held).toHaveLength(25);
    for (const row of held) expect(row).toMatchObject({ certificates: 1, valid: 1, holder_id: holder.id });
    expect(new Set(held.map((row) => row.number)).size).toBe(25);
    for (const row of held) expect(row.number).toMatch(NUMBER);
    // Audited in each weapon's registration entry.
    const { rows: entries } = await t.db.query<{ number: string }>(
      `SELECT after ->> 'certificateNumber' AS number FROM audit_entries
        WHERE action = 'weapon.registered' AND entity_id = ANY($1::text[])`,
      [held.map((row) => row.weapon_id)],
    );
    expect(entries.map((entry) => entry.number).sort()).toEqual(held.map((row) => row.number).sort());
  });

  it('GET /certificates/:number shows the marking and the holder, audited as a read of personal data', async () => {
    const holder = await makeOwner(t, officer, { name: 'Ana Certificada' });
    await issueLicence(t, officer, holder.id);
    const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'S&W', type: 'revolver', calibre: '.38 Special', model: '686' }));
    const [certificate] = await certificatesOf(weapon.id);
    const refused = await t.http.get(`/api/v1/certificates/${certificate.number}`).set(bearer(police.accessToken)).expect(400);
    expect(refused.body.code).toBe('PURPOSE_REQUIRED');
    const response = await t.http
      .get(`/api/v1/certificates/${certificate.number}`)
      .set(bearer(police.accessToken))
      .set('X-Access-Purpose', 'control de carretera 4411')
      .expect(200);
    const check = response.body as CertificateCheck;
    expect(check).toMatchObject({
      id: certificate.id,
      number: certificate.number,
      status: 'valid',
      holder: { id: holder.id, name: 'Ana Certificada' },
      weapon: { make: 'Smith & Wesson', model: '686', type: 'revolver', serialNumber: weapon.serialNumber, registryNumber: weapon.registryNumber },
    });
    expect(check.weapon.calibre).toBeTruthy();
    const { rows } = await t.db.query(
      `SELECT after ->> 'purpose' AS purpose FROM audit_entries WHERE action = 'owner.viewed' AND entity_id = $1 AND actor_id = $2`,
      [holder.id, police.id],
    );
    expect(rows).toEqual([{ purpose: 'control de carretera 4411' }]);
    await t.http.get('/api/v1/certificates/CT-2026-9999999').set(bearer(officer.accessToken)).expect(404);
  });

  it('refuses the roles the contract leaves out, and bad input', async () => {
    const holder = await makeHolder(t, officer);
    const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
    const [certificate] = await certificatesOf(weapon.id);
    expect((await t.http.get(`/api/v1/certificates/${certificate.number}`).set(bearer(auditor.accessToken)).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http.get(`/api/v1/weapons/${weapon.id}/certificates`).set(bearer(auditor.accessToken)).expect(403);
    expect((await renew(police, certificate).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await renew(colonOfficer, certificate).expect(403)).body.code).toBe('OUT_OF_JURISDICTION');

    for (const bad of ['CT-26-1', 'ct-2026-0000001', 'XX-2026-0000001', 'CT-2026-000001']) {
      const response = await t.http.get(`/api/v1/certificates/${bad}`).set(bearer(officer.accessToken)).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'number' }] });
    }
    expect((await t.http.get('/api/v1/weapons/not-a-uuid/certificates').set(bearer(officer.accessToken)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await renew(officer, { id: 'not-a-uuid', version: 1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const badBody = await t.http.post(`/api/v1/certificates/${certificate.id}/renew`).set(bearer(officer.accessToken)).send({ version: 'one', extra: 1 }).expect(400);
    expect(badBody.body.code).toBe('VALIDATION_FAILED');
    await t.http.get('/api/v1/weapons/00000000-0000-4000-8000-000000000000/certificates').set(bearer(officer.accessToken)).expect(404);
  });

  it('renews: a new number supersedes the old, with Location; refused when stale, ended or not licensed', async () => {
    const holder = await makeHolder(t, officer);
    const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
    const [first] = await certificatesOf(weapon.id);

    expect((await renew(officer, { ...first, version: 7 }).expect(409)).body.code).toBe('STALE_VERSION');
    const response = await renew(officer, first).expect(201);
    const renewed = response.body as Certificate;
    expect(renewed).toMatchObject({ weaponId: weapon.id, holderId: holder.id, status: 'valid', version: 1 });
    expect(renewed.number).toMatch(NUMBER);
    expect(renewed.number).not.toBe(first.number);
    expect(response.headers.location).toBe(`/api/v1/certificates/${renewed.number}`);
    const [latest, old] = await certificatesOf(weapon.id);
    expect(latest.id).toBe(renewed.id);
    expect(old).toMatchObject({ id: first.id, status: 'superseded', supersededBy: renewed.id, endedReason: 'renewed' });
    expect(await auditedCertificate(first.id)).toEqual(['certificate.issued', 'certificate.superseded']);

    // The superseded one cannot be renewed again.
    const ended = await renew(officer, old).expect(409);
    expect(ended.body.code).toBe('CERTIFICATE_NOT_RENEWABLE');

    // Without a licence in force on the day: refused, and nothing changes.
    const { rows: licences } = await t.db.query<{ id: string }>('SELECT id FROM licences WHERE owner_id = $1', [holder.id]);
    for (const licence of licences) {
      await t.http.post(`/api/v1/licences/${licence.id}/revoke`).set(bearer(officer.accessToken)).send({ reason: 'court order' }).expect(200);
    }
    const refused = await renew(officer, latest).expect(422);
    expect(refused.body.code).toBe('HOLDER_NOT_LICENSED');
    expect((await certificatesOf(weapon.id)).map((certificate) => certificate.status)).toEqual(['valid', 'superseded']);
  });

  it('reads a certificate past its expiry as expired, reports it, and renews it', async () => {
    const holder = await makeHolder(t, officer);
    const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
    const bare = await registerWeapon(t, officer, weaponBody(holder.id));
    const [certificate] = await certificatesOf(weapon.id);
    await t.db.query(
      `UPDATE holding_certificates SET issued_at = now() - interval '5 years 1 day', expires_at = now() - interval '1 day' WHERE id = $1`,
      [certificate.id],
    );
    // A held weapon with no certificate at all (as one registered before certificates existed).
    await t.db.query(`UPDATE holding_certificates SET status = 'revoked', ended_reason = 'test' WHERE weapon_id = $1`, [bare.id]);
    expect((await certificatesOf(weapon.id))[0].status).toBe('expired');

    const run = await reconcile(t, admin);
    expect(run.status).toBe('completed');
    const findings = await allFindings(t, admin, run.id, 'CERTIFICATE_EXPIRED');
    const mine = findings.filter((finding) => finding.weaponId === weapon.id || finding.weaponId === bare.id);
    expect(mine.map((finding) => [finding.weaponId, (finding.evidence as { reason: string }).reason]).sort()).toEqual(
      [
        [weapon.id, 'expired'],
        [bare.id, 'none'],
      ].sort(),
    );
    expect(mine.find((finding) => finding.weaponId === weapon.id)?.evidence).toMatchObject({ certificateNumber: certificate.number });

    const renewed = (await renew(officer, certificate).expect(201)).body as Certificate;
    expect(renewed.status).toBe('valid');
    expect(new Date(renewed.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const again = await reconcile(t, admin);
    const after = await allFindings(t, admin, again.id, 'CERTIFICATE_EXPIRED');
    expect(after.map((finding) => finding.weaponId)).not.toContain(weapon.id);
    expect(after.map((finding) => finding.weaponId)).toContain(bare.id);
  });

  it('prints the holding_certificate report as a PDF with the number, holder and marking', async () => {
    const holder = await makeOwner(t, officer, { name: 'Rubén Impreso' });
    await issueLicence(t, officer, holder.id);
    const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
    const [certificate] = await certificatesOf(weapon.id);
    const pdf = await builtReport(t, officer, { kind: 'holding_certificate', format: 'pdf', params: { certificateId: certificate.id } });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfText(pdf);
    expect(text).toContain(certificate.number);
    expect(text).toContain('Rubén Impreso');
    expect(text).toContain(weapon.serialNumber);
    expect(text).toContain('pistola');
    expect(text).toContain('vigente');
    // Dates as a reader writes them, in Panama time: "4 dic 2026, 19:12".
    expect(text).toContain(formatTime(new Date(certificate.issuedAt), 'es'));
    expect(text).toContain(formatTime(new Date(certificate.expiresAt), 'es'));

    const unknown = await t.http
      .post('/api/v1/reports')
      .set(bearer(officer.accessToken))
      .send({ kind: 'holding_certificate', format: 'pdf', params: { certificateId: '00000000-0000-4000-8000-000000000000' } })
      .expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'params.certificateId' })]);
    const malformed = await t.http
      .post('/api/v1/reports')
      .set(bearer(officer.accessToken))
      .send({ kind: 'holding_certificate', format: 'pdf', params: { certificateId: 'nope' } })
      .expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
  });
});

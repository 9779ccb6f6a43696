import { randomInt } from 'node:crypto';
import { pdfText } from '../support/pdf-text';
import { builtReport, ownSerial, recordRecovery, recoveryBody } from '../support/recoveries';
import { daysFromToday, issueLicence, makeOwner, type Owner, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

interface Report {
  id: string;
  status: string;
  language: string;
  auditHeadSeq?: number;
}

/** This file alone puts owners and weapons in San Miguelito, so what the stolen list shows is known. */
const DISTRICT = '8-05';
const AGENCY = 'Dirección de Investigación Judicial';

describe('PDF reports an official can file', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let holder: Owner;
  let stolen: Weapon;
  let twice: Weapon;

  const reload = async (id: string): Promise<Weapon> =>
    (await t.http.get(`/api/v1/weapons/${id}`).set(bearer(officer.accessToken)).expect(200)).body as Weapon;
  const event = async (weapon: Weapon, kind: string): Promise<void> => {
    const current = await reload(weapon.id);
    await t.http
      .post(`/api/v1/weapons/${weapon.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind, occurredAt: new Date().toISOString(), place: 'Los Andes', reference: 'DIJ-2026-PDF', version: current.version })
      .expect(201);
  };
  const poll = async <T extends { status: string }>(path: string, done: (body: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const body = (await t.http.get(path).set(bearer(admin.accessToken)).expect(200)).body as T;
      if (done(body)) return body;
      if (Date.now() > deadline) throw new Error(`${path} still ${body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const reportDone = (id: string): Promise<Report> =>
    poll<Report>(`/api/v1/reports/${id}`, (body) => body.status === 'completed' || body.status === 'failed');
  const download = async (as: TestUser, id: string): Promise<Buffer> => {
    const response = await t.http
      .get(`/api/v1/reports/${id}/file`)
      .set(bearer(as.accessToken))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return response.body as Buffer;
  };
  /** Files a trace request for the weapon's serial in `language` and resolves with the report that answers it. */
  const answeredTrace = async (weapon: Weapon, caseNumber: string, language?: string): Promise<{ report: Report; file: Buffer }> => {
    const request = t.http.post('/api/v1/trace-requests').set(bearer(police.accessToken));
    if (language) void request.set('Accept-Language', language);
    const accepted = await request
      .send({
        caseNumber,
        requestingAgency: AGENCY,
        reason: 'Recovered at a crime scene',
        recovery: { date: daysFromToday(-1), place: 'Vía Tocumen', district: DISTRICT },
        marking: { serialNumber: weapon.serialNumber, make: 'Glock' },
      })
      .expect(202);
    const answered = await poll<{ status: string; reportId?: string }>(
      `/api/v1/trace-requests/${accepted.body.id as string}`,
      (body) => body.status === 'completed' || body.status === 'failed',
    );
    expect(answered).toMatchObject({ status: 'completed', reportId: expect.any(String) });
    const report = await reportDone(answered.reportId!);
    expect(report.status).toBe('completed');
    return { report, file: await download(police, report.id) };
  };
  const headHash = async (seq: number): Promise<string> =>
    (await t.db.query<{ hash: string }>('SELECT hash FROM audit_entries WHERE seq = $1', [seq])).rows[0].hash;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer']);
    police = await t.user(admin, ['police']);
    holder = await makeOwner(t, officer, { name: 'Rosa Titular Quintero', address: { district: DISTRICT, line: 'Calle 5, Los Andes' } });
    await issueLicence(t, officer, holder.id);
    stolen = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: `PDF-${randomInt(1, 1e9)}` }));
    await event(stolen, 'reported_stolen');
    twice = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: `PDF-${randomInt(1, 1e9)}` }));
    await event(twice, 'reported_lost');
    await event(twice, 'reported_stolen');
  });
  afterAll(() => t.close());

  it('answers a trace request in Spanish: names not codes, the case and agency, the requester, the audit head, Página N de M', async () => {
    const caseNumber = `DIJ-PDF-${randomInt(1, 1e9)}`;
    const { report, file } = await answeredTrace(stolen, caseNumber);
    expect(report.language).toBe('es');
    const { pages, text } = await pdfText(file);
    expect(text).toContain(stolen.registryNumber);
    for (const name of ['pistola', 'robada', 'Austria', 'San Miguelito', 'cédula', 'denuncia de robo', 'de activa a robada']) expect(text).toContain(name);
    for (const code of ['pistol ', 'stolen', 'reported_stolen', 'de active a', 'cedula ', DISTRICT]) expect(text).not.toContain(code);
    expect(text).toContain(`caso N.º ${caseNumber}`);
    expect(text).toContain(`Agencia solicitante: ${AGENCY}`);
    expect(text).toContain(`Solicitado por: Test ${police.username}`);
    expect(text).toContain(`asiento N.º ${report.auditHeadSeq}`);
    expect(text).toContain(await headHash(report.auditHeadSeq!));
    pages.forEach((page, index) => expect(page).toContain(`Página ${index + 1} de ${pages.length}`));
    // One custody period and one event: the nouns agree with the numbers.
    expect(text).toMatch(/1 periodo de custodia, 1 evento, \d+ indicador/);
    expect(text).not.toMatch(/\b1 eventos\b/);
  });

  it('answers a trace request filed in English in English, the plural agreeing', async () => {
    const caseNumber = `DIJ-EN-${randomInt(1, 1e9)}`;
    const { report, file } = await answeredTrace(twice, caseNumber, 'en-GB,en;q=0.9');
    expect(report.language).toBe('en');
    const { pages, text } = await pdfText(file);
    expect(text).toContain('Republic of Panama — Ministry of Public Security');
    for (const name of ['pistol', 'stolen', 'Austria', 'San Miguelito', 'reported stolen', 'from lost to stolen']) expect(text).toContain(name);
    expect(text).not.toContain('robada');
    expect(text).toContain(`In answer to the trace request of case No. ${caseNumber} · Requesting agency: ${AGENCY}`);
    expect(text).toContain(`Requested by: Test ${police.username}`);
    expect(text).toContain(await headHash(report.auditHeadSeq!));
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
    expect(text).toMatch(/1 custody period, 2 events, \d+ flags?/);
  });

  it('a report asked for directly names no case, and follows Accept-Language', async () => {
    const accepted = await t.http
      .post('/api/v1/reports')
      .set(bearer(police.accessToken))
      .set('X-Access-Purpose', 'DIJ-2026-PDF')
      .set('Accept-Language', 'en')
      .send({ kind: 'weapon_trace', params: { weaponId: stolen.id }, format: 'pdf' })
      .expect(202);
    const report = await reportDone(accepted.body.id as string);
    expect(report).toMatchObject({ status: 'completed', language: 'en' });
    const { text } = await pdfText(await download(police, report.id));
    expect(text).toContain('Firearm trace report');
    expect(text).not.toContain('In answer to the trace request');
  });

  it('lists stolen weapons by their names: status, type, document kind, district, event', async () => {
    const accepted = await t.http
      .post('/api/v1/reports')
      .set(bearer(police.accessToken))
      .set('X-Access-Purpose', 'DIJ-2026-PDF')
      .send({ kind: 'stolen_weapons', params: { district: DISTRICT }, format: 'pdf' })
      .expect(202);
    const report = await reportDone(accepted.body.id as string);
    expect(report).toMatchObject({ status: 'completed', language: 'es' });
    const { pages, text } = await pdfText(await download(police, report.id));
    expect(text).toContain(stolen.registryNumber);
    expect(text).toContain(twice.registryNumber);
    for (const name of ['robada', 'pistola', 'cédula', 'San Miguelito', 'denuncia de robo', 'Rosa Titular Quintero']) expect(text).toContain(name);
    for (const code of ['stolen', 'pistol ', 'reported_stolen', 'cedula ']) expect(text).not.toContain(code);
    expect(text).toContain('Fin del informe — 2 filas.');
    pages.forEach((page, index) => expect(page).toContain(`Página ${index + 1} de ${pages.length}`));
  });

  it('writes the subject-access report in English when asked, with names for codes', async () => {
    const accepted = await t.http
      .post('/api/v1/reports')
      .set(bearer(officer.accessToken))
      .set('Accept-Language', 'en')
      .send({ kind: 'subject_access', params: { ownerId: holder.id }, format: 'pdf' })
      .expect(202);
    expect((await reportDone(accepted.body.id as string)).status).toBe('completed');
    const { text } = await pdfText(await download(officer, accepted.body.id as string));
    for (const expected of ['Subject access report', 'Identity', 'national ID card', 'San Miguelito', 'person', 'possession', 'Access log']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('cedula ');
    expect(text).toMatch(/End of report — 2 weapons, 0 transfers, \d+ access(es)?\./);
  });

  it('writes the UNODC questionnaire with names: recovery kind, weapon type, district, country', async () => {
    const recovery = await recordRecovery(t, police, recoveryBody({
      items: [{ make: 'Glock', model: '17', type: 'pistol', calibre: '9mm', serialNumber: ownSerial('PDF'), serialStatus: 'marked', countryOfManufacture: 'AT' }],
    }));
    expect(recovery.district).toBe(DISTRICT);
    const text = (await pdfText(await builtReport(t, admin, { kind: 'iafq', params: { year: Number(daysFromToday(0).slice(0, 4)) }, format: 'pdf' }))).text;
    for (const expected of ['Cuestionario de flujos ilícitos de armas (UNODC)', 'incautación', 'pistola', 'San Miguelito', 'Austria', 'nacional']) {
      expect(text).toContain(expected);
    }
    for (const code of ['seized', 'pistol ', 'domestic', DISTRICT]) expect(text).not.toContain(code);
  });

  it('embeds its fonts: every font the PDF uses carries its own font program', async () => {
    const accepted = await t.http
      .post('/api/v1/reports')
      .set(bearer(officer.accessToken))
      .send({ kind: 'district_summary', params: { district: DISTRICT }, format: 'pdf' })
      .expect(202);
    const report = await reportDone(accepted.body.id as string);
    const raw = (await download(officer, report.id)).toString('latin1');
    const descriptors = raw.match(/\/Type \/FontDescriptor/g) ?? [];
    const programs = raw.match(/\/FontFile2 \d+ 0 R/g) ?? [];
    expect(descriptors.length).toBeGreaterThanOrEqual(2);
    expect(programs).toHaveLength(descriptors.length);
    // No font left to the reader's substitute: none of the 14 standard fonts is named.
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect((await pdfText(Buffer.from(raw, 'latin1'))).text).toContain('Resumen por distrito');
  });
});

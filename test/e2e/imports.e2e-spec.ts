import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recomputeChain } from '../support/audit';
import {
  csv,
  IMPORT_HEADER,
  importFile,
  importHolder,
  importRow,
  type ImportRow,
  type ImportView,
  postCsv,
  uniqueSerial,
  unlicensedHolder,
  waitForImport,
} from '../support/imports';
import { daysFromToday, registerWeapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

describe('imports', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let supervisor: TestUser;
  let police: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    // Small batches, so a 50-row file lands in three transactions.
    t = await TestApp.start({ IMPORT_BATCH_SIZE: '20', IMPORT_MAX_BYTES: '2000000' });
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
    supervisor = await t.user(admin, ['supervisor'], { jurisdiction: null });
    police = await t.user(admin, ['police']);
    auditor = await t.user(admin, ['auditor']);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await t.db.query<{ n: string }>(sql, params)).rows[0].n);

  describe('a file of 50 rows with 3 bad ones', () => {
    let view: ImportView;
    let body: string;
    let rows: ImportRow[];

    beforeAll(async () => {
      const holders = await Promise.all([0, 1, 2, 3].map(() => importHolder(t, officer)));
      const unlicensed = await unlicensedHolder(t, officer);
      rows = Array.from({ length: 50 }, (_, index) => importRow(holders[index % holders.length]));
      // Line n of the file holds rows[n - 2].
      rows[8] = importRow(holders[0], { holderDocumentNumber: '8-9999-999999' });
      rows[18] = importRow(unlicensed, { acquisitionKind: 'domestic_purchase' });
      rows[28] = importRow(holders[1], { make: 'glock', serialNumber: rows[3].serialNumber!.toLowerCase() });
      // A legacy record needs no licence: it lands.
      rows[40] = importRow(unlicensed, { acquisitionKind: 'legacy_record', acquisitionDate: '1995-03-01', documentRef: '' });
      body = csv(rows);
      const response = await postCsv(t, supervisor, body);
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ id: expect.any(String), status: 'queued' });
      view = await waitForImport(t, supervisor, response.body.id);
    });

    it('lands the 47 good rows and names exactly the 3 bad ones with their line and code', async () => {
      expect(view).toMatchObject({ status: 'completed', total: 50, processed: 50, accepted: 47, rejected: 3 });
      expect(view.errors.map(({ row, code }) => ({ row, code }))).toEqual([
        { row: 10, code: 'NOT_FOUND' },
        { row: 20, code: 'HOLDER_NOT_LICENSED' },
        { row: 30, code: 'DUPLICATE_MARKING' },
      ]);
      // Row 5 landed in the first batch: row 30, in the second, meets it in the registry.
      const first = await t.http.get('/api/v1/weapons').query({ serial: rows[3].serialNumber }).set(bearer(police.accessToken)).expect(200);
      expect(view.errors[2].message).toContain(first.body.items[0].id);
      expect(view.startedAt).not.toBeNull();
      expect(view.finishedAt).not.toBeNull();
      expect(view.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('registers each good row as POST /weapons would, findable with GET /weapons', async () => {
      const good = rows.filter((_, index) => ![8, 18, 28].includes(index));
      expect(good).toHaveLength(47);
      for (const row of good) {
        const found = await t.http.get('/api/v1/weapons').query({ serial: row.serialNumber }).set(bearer(police.accessToken)).expect(200);
        expect(found.body.items).toHaveLength(1);
        expect(found.body.items[0]).toMatchObject({ make: 'Glock', calibre: '9×19mm Parabellum', type: 'pistol', status: 'active', version: 1 });
        expect(found.body.items[0].registryNumber).toMatch(/^PA-\d{4}-\d{7}$/);
      }
      const legacy = await t.http.get('/api/v1/weapons').query({ serial: rows[40].serialNumber }).set(bearer(police.accessToken)).expect(200);
      expect(legacy.body.items[0].acquisition).toEqual({ kind: 'legacy_record', date: '1995-03-01' });
    });

    it('audits each landed weapon as weapon.registered with source import, and the chain verifies', async () => {
      const { rows: entries } = await t.db.query<{ entity_id: string; after: Record<string, unknown>; actor_id: string }>(
        `SELECT entity_id, after, actor_id FROM audit_entries WHERE action = 'weapon.registered' AND after->>'importId' = $1 ORDER BY seq`,
        [view.id],
      );
      expect(entries).toHaveLength(47);
      expect(entries.every((entry) => entry.after.source === 'import' && entry.after.id === entry.entity_id)).toBe(true);
      expect(entries.map((entry) => entry.after.row)).toEqual(
        Array.from({ length: 50 }, (_, index) => index + 2).filter((line) => ![10, 20, 30].includes(line)),
      );
      expect(new Set(entries.map((entry) => entry.actor_id))).toEqual(new Set([supervisor.id]));
      expect(await count(`SELECT count(*) AS n FROM audit_entries WHERE action = 'import.created' AND entity_id = $1`, [view.id])).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM audit_entries WHERE action = 'import.completed' AND entity_id = $1`, [view.id])).toBe(1);
      const verify = await t.http.get('/api/v1/audit/verify').set(bearer(auditor.accessToken)).expect(200);
      expect(verify.body).toMatchObject({ valid: true, firstInvalidSeq: null });
      expect((await recomputeChain(t)).valid).toBe(true);
      // A batch moves the head over many entries at once, but never past an entry that does not exist.
      await expect(t.db.query('UPDATE audit_head SET seq = seq + 2')).rejects.toThrow(/only advances/);
      await expect(t.db.query('UPDATE audit_head SET seq = seq - 1')).rejects.toThrow(/only advances/);
    });

    it('refuses the same file again with DUPLICATE_IMPORT naming the first import, and lands nothing', async () => {
      const weapons = await count('SELECT count(*) AS n FROM weapons');
      const imports = await count('SELECT count(*) AS n FROM imports');
      const again = await postCsv(t, admin, body);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DUPLICATE_IMPORT');
      expect(again.body.detail).toContain(view.id);
      expect(await count('SELECT count(*) AS n FROM weapons')).toBe(weapons);
      expect(await count('SELECT count(*) AS n FROM imports')).toBe(imports);
    });

    it('lists imports newest first', async () => {
      const later = await importFile(t, admin, [importRow(await importHolder(t, admin))]);
      const list = await t.http.get('/api/v1/imports').query({ limit: 1 }).set(bearer(supervisor.accessToken)).expect(200);
      expect(list.body.items[0]).toMatchObject({ id: later.id, status: 'completed', accepted: 1 });
      expect(list.body.nextCursor).toEqual(expect.any(String));
      const next = await t.http.get('/api/v1/imports').query({ limit: 200, cursor: list.body.nextCursor }).set(bearer(supervisor.accessToken)).expect(200);
      expect(next.body.items.map((item: { id: string }) => item.id)).toContain(view.id);
    });

    it('shows a user with a jurisdiction only the imports they posted', async () => {
      const own = await importFile(t, officer, [importRow(await importHolder(t, officer))]);
      const listed = await t.http.get('/api/v1/imports').query({ limit: 200 }).set(bearer(officer.accessToken)).expect(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(own.id);
      expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(view.id);
      const other = await t.http.get(`/api/v1/imports/${view.id}`).set(bearer(officer.accessToken)).expect(404);
      expect(other.body.code).toBe('NOT_FOUND');
      // National scope sees every import, the officer's included.
      await t.http.get(`/api/v1/imports/${own.id}`).set(bearer(supervisor.accessToken)).expect(200);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response and refuses the key with another file', async () => {
      const holder = await importHolder(t, officer);
      const body = csv([importRow(holder)]);
      const key = `imp-${uniqueSerial()}`;
      const first = await postCsv(t, officer, body, { 'Idempotency-Key': key });
      expect(first.status).toBe(202);
      const replay = await postCsv(t, officer, body, { 'Idempotency-Key': key });
      expect(replay.status).toBe(202);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      const other = await postCsv(t, officer, csv([importRow(holder)]), { 'Idempotency-Key': key });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await count('SELECT count(*) AS n FROM imports WHERE request_id IS NOT NULL AND id = $1', [first.body.id])).toBe(1);
      const landed = await waitForImport(t, officer, first.body.id);
      expect(landed.accepted).toBe(1);
    });
  });

  describe('refused files', () => {
    const good = async (): Promise<ImportRow> => importRow(await importHolder(t, admin));

    it('refuses an unknown column with 400 naming it', async () => {
      const header = [...IMPORT_HEADER, 'colour'];
      const response = await postCsv(t, admin, csv([{ ...(await good()), colour: 'black' } as ImportRow], header));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toEqual([{ field: 'colour', message: 'La columna "colour" no existe.' }]);
    });

    it('refuses a missing required column with 400 naming each', async () => {
      const header = IMPORT_HEADER.filter((name) => name !== 'calibre' && name !== 'acquisitionDate');
      const response = await postCsv(t, admin, csv([await good()], header));
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['acquisitionDate', 'calibre']);
    });

    it('refuses an empty file and a file without data rows', async () => {
      const empty = await postCsv(t, admin, '');
      expect(empty.status).toBe(400);
      expect(empty.body.code).toBe('VALIDATION_FAILED');
      const headerOnly = await postCsv(t, admin, `${IMPORT_HEADER.join(',')}\n`);
      expect(headerOnly.status).toBe(400);
      expect(headerOnly.body.detail).toBe('El archivo no tiene filas de datos.');
    });

    it('refuses a file that is not UTF-8, or not readable CSV, saying which', async () => {
      const latin1 = await postCsv(t, admin, Buffer.concat([Buffer.from(`${IMPORT_HEADER.join(',')}\n`), Buffer.from([0x45, 0xf1, 0x65, 0x0a])]));
      expect(latin1.status).toBe(400);
      expect(latin1.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'El archivo debe ser texto UTF-8.' });
      const row = csv([await good()]).split('\n')[1];
      const unclosed = await postCsv(t, admin, `${IMPORT_HEADER.join(',')}\n${row}\n"never closed,${row}\n`);
      expect(unclosed.status).toBe(400);
      expect(unclosed.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'El archivo no es un CSV legible.' });
      expect(unclosed.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/quote/i) }]);
    });

    it('refuses a body that is not text/csv with 415, and a CSV body on another route', async () => {
      const json = await t.http.post('/api/v1/imports').set(bearer(admin.accessToken)).send({ rows: [] });
      expect(json.status).toBe(415);
      expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const text = await t.http.post('/api/v1/imports').set(bearer(admin.accessToken)).set('Content-Type', 'text/plain').send('a,b');
      expect(text.status).toBe(415);
      const elsewhere = await t.http.post('/api/v1/weapons').set(bearer(admin.accessToken)).set('Content-Type', 'text/csv').send('a,b\n1,2\n');
      expect(elsewhere.status).toBe(415);
      expect(elsewhere.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('takes a file above the 1 MiB JSON limit', async () => {
      const holder = await importHolder(t, admin);
      const rows = Array.from({ length: 2500 }, () => importRow(holder, { otherMarkings: 'x'.repeat(450) }));
      const body = csv(rows);
      expect(Buffer.byteLength(body)).toBeGreaterThan(1_048_576);
      const response = await postCsv(t, admin, body);
      expect(response.status).toBe(202);
      const done = await waitForImport(t, admin, response.body.id, 60_000);
      expect(done).toMatchObject({ status: 'completed', total: 2500, accepted: 2500, rejected: 0 });
    });

    it('refuses a file above IMPORT_MAX_BYTES with 413, and reads a charset parameter', async () => {
      const holder = await importHolder(t, admin);
      const big = csv(Array.from({ length: 4500 }, () => importRow(holder, { otherMarkings: 'x'.repeat(450) })));
      expect(Buffer.byteLength(big)).toBeGreaterThan(2_000_000);
      const response = await postCsv(t, admin, big);
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
      const small = await postCsv(t, admin, csv([importRow(holder)]), { 'Content-Type': 'text/csv; charset=utf-8' });
      expect(small.status).toBe(202);
    });

    it('is for admins, officers and supervisors only', async () => {
      const body = csv([await good()]);
      for (const user of [police, auditor]) {
        const response = await postCsv(t, user, body);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
        expect((await t.http.get('/api/v1/imports').set(bearer(user.accessToken))).status).toBe(403);
      }
    });
  });

  describe('rows', () => {
    it('rejects alone a row of an officer whose holder lives outside the jurisdiction', async () => {
      const inside = await importHolder(t, admin, '8-05');
      const outside = await importHolder(t, admin, '8-04');
      const view = await importFile(t, officer, [importRow(inside), importRow(outside), importRow(inside)]);
      expect(view).toMatchObject({ status: 'completed', accepted: 2, rejected: 1 });
      expect(view.errors).toEqual([{ row: 3, code: 'OUT_OF_JURISDICTION', message: expect.stringContaining('8-04') }]);
      // The same row from a national supervisor lands.
      const national = await importFile(t, supervisor, [importRow(outside)]);
      expect(national.accepted).toBe(1);
    });

    it('refuses a marking reported stolen with MARKING_REPORTED_STOLEN, raises the alert and audits the attempt', async () => {
      const holder = await importHolder(t, admin);
      const serial = uniqueSerial('STOLEN');
      const weapon = await registerWeapon(t, admin, weaponBody(holder.id, { serialNumber: serial }));
      await t.http
        .post(`/api/v1/weapons/${weapon.id}/events`)
        .set(bearer(police.accessToken))
        .send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), version: weapon.version })
        .expect(201);
      const other = await importHolder(t, admin);
      const view = await importFile(t, admin, [importRow(other), importRow(other, { serialNumber: serial.toLowerCase() })]);
      expect(view).toMatchObject({ accepted: 1, rejected: 1 });
      expect(view.errors).toEqual([{ row: 3, code: 'MARKING_REPORTED_STOLEN', message: expect.stringContaining(weapon.id) }]);
      const alerts = await t.http.get('/api/v1/alerts').query({ status: 'open' }).set(bearer(police.accessToken)).expect(200);
      const alert = alerts.body.items.find((item: { weapon: { id: string } }) => item.weapon.id === weapon.id);
      expect(alert).toMatchObject({ source: 'registration_attempt' });
      const { rows: refusals } = await t.db.query<{ after: Record<string, unknown> }>(
        `SELECT after FROM audit_entries WHERE action = 'weapon.registration_refused' AND entity_id = $1`,
        [weapon.id],
      );
      expect(refusals).toHaveLength(1);
      expect(refusals[0].after).toMatchObject({ reason: 'marking_reported_stolen', importId: view.id, row: 3, alertId: alert.id });
      expect(await count(`SELECT count(*) AS n FROM weapons WHERE serial_normalized = $1`, [serial.replace('-', '')])).toBe(1);
    });

    it('gives an obliterated weapon without serial the national mark and a remarked event', async () => {
      const holder = await importHolder(t, admin);
      const view = await importFile(t, admin, [
        importRow(holder, { serialNumber: '', serialStatus: 'obliterated', make: 'Taurus', model: 'PT92', calibre: '9mm' }),
      ]);
      expect(view).toMatchObject({ accepted: 1, rejected: 0 });
      const held = await t.http.get(`/api/v1/owners/${holder.id}/weapons`).set(bearer(admin.accessToken)).expect(200);
      const weapon = held.body.items.find((item: { make: string }) => item.make === 'Taurus');
      expect(weapon.serialNumber).toBe(`PTY-${weapon.registryNumber}`);
      expect(weapon.serialStatus).toBe('obliterated');
      const { rows: events } = await t.db.query(`SELECT kind, details FROM weapon_events WHERE weapon_id = $1`, [weapon.id]);
      expect(events).toEqual([{ kind: 'remarked', details: { serialStatus: 'obliterated', assignedSerial: weapon.serialNumber } }]);
    });

    it('stores text with quotes, backslashes, tabs and line breaks as written, and its audit entry verifies', async () => {
      const holder = await importHolder(t, admin);
      const model = 'M\\9 "Sport"\tlote';
      const documentRef = 'FAC 12\nC:\\actas\\N';
      const view = await importFile(t, admin, [importRow(holder, { make: 'Beretta', model, documentRef })]);
      expect(view).toMatchObject({ accepted: 1, rejected: 0 });
      const held = await t.http.get(`/api/v1/owners/${holder.id}/weapons`).set(bearer(admin.accessToken)).expect(200);
      const [weapon] = held.body.items;
      expect(weapon).toMatchObject({ model, acquisition: { documentRef } });
      const { rows } = await t.db.query(`SELECT after FROM audit_entries WHERE action = 'weapon.registered' AND entity_id = $1`, [weapon.id]);
      expect(rows[0].after).toMatchObject({ model, acquisition: { documentRef } });
      const verify = await t.http.get('/api/v1/audit/verify').set(bearer(auditor.accessToken)).expect(200);
      expect(verify.body).toMatchObject({ valid: true, firstInvalidSeq: null });
    });

    it('rejects rows that POST /weapons would refuse, each with its code and the columns named', async () => {
      const holder = await importHolder(t, admin);
      const inactive = await importHolder(t, admin);
      const owner = await t.http.get(`/api/v1/owners/${inactive.id}`).set(bearer(admin.accessToken)).expect(200);
      await t.http
        .post(`/api/v1/owners/${inactive.id}/status`)
        .set(bearer(admin.accessToken))
        .send({ status: 'suspended', reason: 'court order', version: owner.body.version })
        .expect(200);
      const view = await importFile(t, admin, [
        importRow(holder, { type: 'ray gun' }),
        importRow(holder, { acquisitionDate: daysFromToday(3) }),
        importRow(holder, { acquisitionKind: 'import' }),
        importRow(holder, { yearOfManufacture: 'old', countryOfManufacture: 'austria' }),
        importRow(inactive),
        importRow(holder, { holderDocumentKind: 'licence' }),
        importRow(holder, { serialNumber: '' }),
        importRow(holder, { acquisitionKind: 'import', importMarkingCountry: 'PA', importMarkingYear: '2020', make: 'Armería Chiricana', calibre: '.41 Exotic', serialNumber: 'AC-77' }),
        importRow(holder, { make: 'armeria chiricana', serialNumber: 'ac 77' }),
      ]);
      expect(view).toMatchObject({ accepted: 1, rejected: 8 });
      const byRow = new Map(view.errors.map((error) => [error.row, error]));
      expect(byRow.get(2)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^type: El tipo de arma "ray gun" no existe/) });
      expect(byRow.get(3)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('acquisitionDate: La fecha no puede estar en el futuro.') });
      expect(byRow.get(4)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('importMarkingCountry') });
      expect(byRow.get(5)?.message).toMatch(/yearOfManufacture: /);
      expect(byRow.get(5)?.message).toMatch(/countryOfManufacture: /);
      expect(byRow.get(6)).toMatchObject({ code: 'OWNER_INACTIVE' });
      expect(byRow.get(7)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('holderDocumentKind') });
      expect(byRow.get(8)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('serialNumber') });
      expect(byRow.get(10)).toEqual({ row: 10, code: 'DUPLICATE_MARKING', message: expect.stringContaining('en este archivo, en la fila 9') });
      // The same rows read in English: the codes and rows do not change, the text does.
      const english = await t.http.get(`/api/v1/imports/${view.id}`).set(bearer(admin.accessToken)).set('Accept-Language', 'en').expect(200);
      expect(english.headers['content-language']).toBe('en');
      const inEnglish = new Map((english.body.errors as Array<{ row: number; code: string; message: string }>).map((error) => [error.row, error]));
      expect([...inEnglish.values()].map(({ row, code }) => ({ row, code }))).toEqual(view.errors.map(({ row, code }) => ({ row, code })));
      expect(inEnglish.get(2)?.message).toMatch(/^type: Unknown weapon type "ray gun"/);
      expect(inEnglish.get(10)?.message).toContain('already in this file, on row 9');
      const held = await t.http.get(`/api/v1/owners/${holder.id}/weapons`).set(bearer(admin.accessToken)).expect(200);
      expect(held.body.items).toHaveLength(1);
      expect(held.body.items[0]).toMatchObject({ make: 'Armería Chiricana', unverifiedMake: true, unverifiedCalibre: true, importMarking: { country: 'PA', year: 2020 } });
    });

    it('records the progress of a batch whose rows are all refused, and lands the batches around it', async () => {
      const holder = await importHolder(t, admin);
      // Lines 2–21, 22–41 and 42–51 are the three batches; every row of the second names no owner.
      const rows = Array.from({ length: 50 }, (_, index) =>
        index >= 20 && index < 40 ? importRow(holder, { holderDocumentNumber: '8-9999-999998' }) : importRow(holder),
      );
      const view = await importFile(t, admin, rows);
      expect(view).toMatchObject({ status: 'completed', total: 50, processed: 50, accepted: 30, rejected: 20 });
      expect(view.errors.map((error) => error.row)).toEqual(Array.from({ length: 20 }, (_, index) => index + 22));
      expect(new Set(view.errors.map((error) => error.code))).toEqual(new Set(['NOT_FOUND']));
      const held = await t.http.get(`/api/v1/owners/${holder.id}/weapons`).query({ limit: 100 }).set(bearer(admin.accessToken)).expect(200);
      expect(held.body.items).toHaveLength(30);
    });
  });

  it('keeps the audit chain whole and in time order while other writes append during an import', async () => {
    const holder = await importHolder(t, admin);
    const posted = await postCsv(t, admin, csv(Array.from({ length: 200 }, () => importRow(holder))));
    expect(posted.status).toBe(202);
    let others = 0;
    for (;;) {
      // Audited writes of their own (an owner and a licence each) while the batches land.
      await importHolder(t, officer);
      others += 1;
      const view = await t.http.get(`/api/v1/imports/${posted.body.id}`).set(bearer(admin.accessToken)).expect(200);
      if (view.body.status === 'completed' || view.body.status === 'failed') {
        expect(view.body).toMatchObject({ status: 'completed', accepted: 200 });
        break;
      }
    }
    const [span] = (
      await t.db.query(
        `SELECT min(seq) AS first, max(seq) AS last FROM audit_entries WHERE action = 'weapon.registered' AND after->>'importId' = $1`,
        [posted.body.id],
      )
    ).rows;
    const interleaved = await count(`SELECT count(*) AS n FROM audit_entries WHERE seq BETWEEN $1 AND $2 AND action <> 'weapon.registered'`, [
      span.first,
      span.last,
    ]);
    expect(others).toBeGreaterThan(1);
    // The other writes got in between the import's batches: the head is not held for a whole import.
    expect(interleaved).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM audit_entries a JOIN audit_entries b ON b.seq = a.seq + 1 WHERE b.occurred_at < a.occurred_at`)).toBe(0);
    const verify = await t.http.get('/api/v1/audit/verify').set(bearer(auditor.accessToken)).expect(200);
    expect(verify.body).toMatchObject({ valid: true, firstInvalidSeq: null });
  });

  it('resumes after the last committed batch when a batch fails and the job is retried', async () => {
    const holder = await importHolder(t, admin);
    const rows = Array.from({ length: 50 }, () => importRow(holder));
    const failing = rows[33].serialNumber!.replace(/-/g, '');
    // The batch holding line 35 (the second of three) fails once; a sequence is not rolled back with it.
    await t.db.query('CREATE SEQUENCE import_fail_once');
    await t.db.query(`
      CREATE FUNCTION import_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.serial_normalized = '${failing}' AND nextval('import_fail_once') = 1 THEN
          RAISE EXCEPTION 'simulated failure while landing a batch';
        END IF;
        RETURN NEW;
      END $$`);
    await t.db.query('CREATE TRIGGER import_fail_once BEFORE INSERT ON weapons FOR EACH ROW EXECUTE FUNCTION import_fail_once()');
    try {
      const view = await importFile(t, admin, rows);
      expect(view).toMatchObject({ status: 'completed', total: 50, processed: 50, accepted: 50, rejected: 0 });
      const { rows: state } = await t.db.query<{ attempts: number }>('SELECT attempts FROM imports WHERE id = $1', [view.id]);
      expect(state[0].attempts).toBe(2);
      const { rows: landed } = await t.db.query<{ n: string; numbers: string }>(
        `SELECT count(*) AS n, count(DISTINCT w.registry_number) AS numbers FROM weapons w
          WHERE w.serial_normalized = ANY($1::text[])`,
        [rows.map((row) => row.serialNumber!.replace(/-/g, ''))],
      );
      expect(landed[0]).toEqual({ n: '50', numbers: '50' });
      const entries = await count(
        `SELECT count(*) AS n FROM audit_entries WHERE action = 'weapon.registered' AND after->>'importId' = $1`,
        [view.id],
      );
      expect(entries).toBe(50);
      expect((await recomputeChain(t)).valid).toBe(true);
    } finally {
      await t.db.query('DROP TRIGGER import_fail_once ON weapons');
      await t.db.query('DROP FUNCTION import_fail_once()');
      await t.db.query('DROP SEQUENCE import_fail_once');
    }
  });

  it('resumes a failed import when its file is posted again, landing no row twice', async () => {
    const holder = await importHolder(t, admin);
    // The first batch (lines 2–21) holds obliterated rows: they get national marks, so only
    // the resume point, not their serials, keeps them from landing twice.
    const rows = Array.from({ length: 50 }, (_, index) =>
      importRow(holder, index % 5 === 0 ? { serialNumber: '', serialStatus: 'obliterated' } : {}),
    );
    const failing = rows[33].serialNumber!.replace(/-/g, '');
    await t.db.query(`
      CREATE FUNCTION import_always_fails() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.serial_normalized = '${failing}' THEN RAISE EXCEPTION 'simulated failure while landing a batch'; END IF;
        RETURN NEW;
      END $$`);
    await t.db.query('CREATE TRIGGER import_always_fails BEFORE INSERT ON weapons FOR EACH ROW EXECUTE FUNCTION import_always_fails()');
    let failed: ImportView;
    const body = csv(rows);
    try {
      const posted = await postCsv(t, admin, body).expect(202);
      failed = await waitForImport(t, admin, posted.body.id, 90_000);
    } finally {
      await t.db.query('DROP TRIGGER import_always_fails ON weapons');
      await t.db.query('DROP FUNCTION import_always_fails()');
    }
    expect(failed).toMatchObject({ status: 'failed', processed: 20, accepted: 20, failureReason: expect.stringContaining('resumes') });
    const obliterated = `SELECT count(*) AS n FROM weapons w JOIN audit_entries a ON a.entity_id = w.id::text AND a.action = 'weapon.registered'
                          WHERE w.holder_id = $1 AND w.serial_status = 'obliterated'`;
    expect(await count(obliterated, [holder.id])).toBe(4);

    // Someone else may not resume another importer's file; the importer (here an admin) may.
    const other = await postCsv(t, supervisor, body).expect(409);
    expect(other.body).toMatchObject({ code: 'DUPLICATE_IMPORT', detail: expect.stringContaining(failed.id) });
    const again = await postCsv(t, admin, body).expect(202);
    expect(again.body).toEqual({ id: failed.id, status: 'queued' });
    const resumed = await waitForImport(t, admin, failed.id);
    expect(resumed).toMatchObject({ status: 'completed', total: 50, processed: 50, accepted: 50, rejected: 0, errors: [] });
    expect(resumed.failureReason).toBeUndefined();
    expect(await count(obliterated, [holder.id])).toBe(10);
    expect(await count('SELECT count(*) AS n FROM weapons WHERE holder_id = $1', [holder.id])).toBe(50);
    const actions = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_entries WHERE entity_type = 'import' AND entity_id = $1 ORDER BY seq`,
      [failed.id],
    );
    expect(actions.rows.map((row) => row.action)).toEqual(['import.created', 'import.failed', 'import.resumed', 'import.completed']);
    expect((await recomputeChain(t)).valid).toBe(true);
  }, 150_000);

  it('imports the example file of the README once its holders exist', async () => {
    const owner = (body: Record<string, unknown>) => t.http.post('/api/v1/owners').set(bearer(admin.accessToken)).send({
      address: { district: '8-05', line: 'Vía España' },
      ...body,
    });
    const person = await owner({ type: 'person', name: 'Ana Ríos', idDocument: { kind: 'cedula', number: '8-123-4567' }, birthDate: '1975-04-02', nationality: 'PA' }).expect(201);
    const visitor = await owner({ type: 'person', name: 'John Smith', idDocument: { kind: 'passport', number: 'PA0123456' }, birthDate: '1969-10-20', nationality: 'US' }).expect(201);
    await owner({ type: 'organization', name: 'Seguridad Istmeña S.A.', idDocument: { kind: 'ruc', number: '155612345-2-2015' } }).expect(201);
    for (const holder of [person.body, visitor.body]) {
      await t.http
        .post(`/api/v1/owners/${holder.id}/licences`)
        .set(bearer(admin.accessToken))
        .send({ kind: 'possession', number: `LIC-${uniqueSerial()}`, issuedAt: '2020-01-01', expiresAt: daysFromToday(365), weaponTypes: ['pistol', 'revolver'] })
        .expect(201);
    }
    const file = readFileSync(join(__dirname, '../../examples/weapons-import.csv'), 'utf8');
    const response = await postCsv(t, admin, file).expect(202);
    const view = await waitForImport(t, admin, response.body.id);
    expect(view).toMatchObject({ status: 'completed', total: 4, accepted: 4, rejected: 0, errors: [] });
  });

  it('describes the routes in OpenAPI', async () => {
    const docs = await t.http.get('/docs-json').expect(200);
    const post = docs.body.paths['/api/v1/imports'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['text/csv']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['202', '400', '409', '413', '415', '422']));
    expect(docs.body.paths['/api/v1/imports/{id}'].get.responses['200']).toBeDefined();
    expect(docs.body.components.schemas.ImportRowErrorDto.properties.row.description).toMatch(/header row being line 1/);
  });
});

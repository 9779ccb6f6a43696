import { createHash, randomInt, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import Redis from 'ioredis';
import { pdfText } from '../support/pdf-text';
import { daysFromToday, issueLicence, makeOwner, type Owner, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { TEST_REDIS_URL } from '../support/run';
import { bearer, TestApp, type TestUser } from '../support/test-app';

interface Report {
  id: string;
  status: string;
  kind: string;
  format: string;
  params: Record<string, unknown>;
  contentType: string;
  attempts: number;
  sha256?: string;
  auditHeadSeq?: number;
  sizeBytes?: number;
  rowCount?: number;
  fileName?: string;
  failureReason?: string;
  createdAt: string;
  completedAt?: string;
}

interface Download {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const api = '/api/v1/reports';
/** Districts this file alone puts owners and weapons in, so counts are exact. */
const DISTRICT = '4-04';
const BULK_DISTRICT = '9-01';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('reports', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let auditor: TestUser;
  let seller: Owner;
  let buyer: Owner;
  let unlicensed: Owner;
  let traced: Weapon;
  let lost: Weapon;
  let kept: Weapon;
  /** A report whose build cannot succeed, started first: its retries back off for about 30 s meanwhile. */
  let doomed: string;

  const requestReport = (as: TestUser, body: Record<string, unknown>) =>
    t.http.post(api).set(bearer(as.accessToken)).set('X-Access-Purpose', 'DIJ-2026-TEST').send(body);
  const reload = async (id: string): Promise<Weapon> =>
    (await t.http.get(`/api/v1/weapons/${id}`).set(bearer(officer.accessToken)).expect(200)).body as Weapon;
  const event = async (weapon: Weapon, kind: string, place: string): Promise<void> => {
    const current = await reload(weapon.id);
    await t.http
      .post(`/api/v1/weapons/${weapon.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind, occurredAt: new Date().toISOString(), place, reference: 'DIJ-2026-REP', version: current.version })
      .expect(201);
  };
  /** Polls GET /reports/:id until the report is completed or failed. */
  const settled = async (id: string, deadlineMs = 60_000): Promise<Report> => {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const response = await t.http.get(`${api}/${id}`).set(bearer(admin.accessToken)).expect(200);
      if (response.body.status === 'completed' || response.body.status === 'failed') return response.body as Report;
      if (Date.now() > deadline) throw new Error(`report ${id} still ${response.body.status} after ${deadlineMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const built = async (as: TestUser, body: Record<string, unknown>): Promise<Report> => {
    const response = await requestReport(as, body);
    if (response.status !== 202) throw new Error(`POST /reports: ${response.status} ${response.text}`);
    expect(response.body).toEqual({ id: expect.any(String), status: 'queued' });
    const report = await settled(response.body.id as string);
    expect(report).toMatchObject({ status: 'completed' });
    return report;
  };
  const download = async (as: TestUser, id: string): Promise<Download> => {
    const response = await t.http
      .get(`${api}/${id}/file`)
      .set(bearer(as.accessToken))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return { status: response.status, headers: response.headers as Record<string, string>, body: response.body as Buffer };
  };
  const csvRecords = (file: Buffer): Array<Record<string, string>> => parse(file.toString('utf8'), { columns: true }) as Array<Record<string, string>>;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: null });
    police = await t.user(admin, ['police']);
    auditor = await t.user(admin, ['auditor']);

    const person = (name: string) => ({ name, address: { district: DISTRICT, line: 'Calle Central, Bajo Boquete' } });
    seller = await makeOwner(t, officer, person('Ana Vendedora Ruiz'));
    await issueLicence(t, officer, seller.id);
    buyer = await makeOwner(t, officer, person('Bruno Comprador Díaz'));
    await issueLicence(t, officer, buyer.id);
    unlicensed = await makeOwner(t, officer, person('Carla Sinlicencia Mora'));

    traced = await registerWeapon(t, officer, weaponBody(seller.id));
    const sale = await t.http
      .post('/api/v1/transfers')
      .set(bearer(officer.accessToken))
      .send({
        weaponId: traced.id,
        fromOwnerId: seller.id,
        toOwnerId: buyer.id,
        kind: 'sale',
        date: daysFromToday(-1),
        documentRef: 'NOT-1',
        weaponVersion: traced.version,
      });
    if (sale.status !== 201) throw new Error(`sale failed: ${sale.status} ${sale.text}`);
    await event(traced, 'reported_stolen', 'Boquete, Chiriquí');
    lost = await registerWeapon(t, officer, weaponBody(seller.id, { make: 'Taurus', model: 'G2C' }));
    await event(lost, 'reported_lost', 'Volcán');
    kept = await registerWeapon(t, officer, weaponBody(buyer.id, { make: 'Smith & Wesson', model: '642', type: 'revolver', calibre: '.38 Special' }));

    // Written behind the API's back: no such weapon, so every run of its job fails.
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO reports (kind, format, params, status, requested_by, requested_by_username)
       VALUES ('weapon_trace', 'pdf', $1::jsonb, 'queued', $2, $3) RETURNING id`,
      [JSON.stringify({ weaponId: randomUUID(), registryNumber: 'PA-1900-0000000' }), police.id, police.username],
    );
    doomed = rows[0].id;
    await t.db.query(`INSERT INTO queue_outbox (job_name, payload) VALUES ('report.build', $1::jsonb)`, [JSON.stringify({ reportId: doomed })]);
    await t.db.query(`SELECT pg_notify('queue_outbox', '')`);
  });
  afterAll(() => t.close());

  it('describes its endpoints and params in the OpenAPI document', async () => {
    const docs = await t.http.get('/docs-json').expect(200);
    for (const path of [api, `${api}/{id}`, `${api}/{id}/file`]) expect(docs.body.paths).toHaveProperty([path]);
    expect(docs.body.paths[api].post.responses['202']).toBeDefined();
    expect(docs.body.paths[api].post.responses['400'].description).toContain('VALIDATION_FAILED');
    expect(docs.body.paths[`${api}/{id}/file`].get.responses['409'].description).toContain('REPORT_NOT_READY');
    expect(Object.keys(docs.body.paths[`${api}/{id}/file`].get.responses['200'].content).sort()).toEqual(['application/json', 'application/pdf', 'text/csv']);
    for (const model of ['WeaponTraceParamsDto', 'StolenWeaponsParamsDto', 'DistrictSummaryParamsDto', 'TraceRequestsParamsDto']) {
      expect(docs.body.components.schemas).toHaveProperty([model]);
    }
    expect(docs.body.components.schemas.StolenWeaponsParamsDto.properties).toHaveProperty('since');
    for (const operation of [docs.body.paths[api].post, docs.body.paths[api].get, docs.body.paths[`${api}/{id}/file`].get]) {
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(operation.responses['401']).toBeDefined();
    }
    const created = docs.body.components.schemas.CreateReportDto;
    expect(created.required.sort()).toEqual(['format', 'kind']);
    expect(created.properties.params.oneOf).toHaveLength(4);
  });

  describe('weapon_trace', () => {
    it('builds a PDF of the trace record: registry number, every holder, page numbers; served with its hash', async () => {
      const report = await built(police, { kind: 'weapon_trace', params: { weaponId: traced.id }, format: 'pdf' });
      expect(report).toMatchObject({
        kind: 'weapon_trace',
        format: 'pdf',
        contentType: 'application/pdf',
        params: { weaponId: traced.id, registryNumber: traced.registryNumber },
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        auditHeadSeq: expect.any(Number),
        rowCount: expect.any(Number),
      });
      expect(report.fileName).toBe(`weapon-trace-${traced.registryNumber}-${daysFromToday(0)}.pdf`);

      const file = await download(police, report.id);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="${report.fileName}"`);
      expect(file.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(file.body.length).toBe(report.sizeBytes);
      expect(sha256(file.body)).toBe(report.sha256);
      expect(file.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(report.sha256!, 'hex').toString('base64')}:`);
      expect(file.headers.etag).toBe(`"${report.sha256}"`);

      const { pages, text } = await pdfText(file.body);
      expect(text).toContain('República de Panamá — Ministerio de Seguridad Pública');
      expect(text).toContain('Registro Nacional de Armas de Fuego');
      expect(text).toContain(traced.registryNumber);
      expect(text).toContain(traced.serialNumber);
      expect(text).toContain('Ana Vendedora Ruiz');
      expect(text).toContain('Bruno Comprador Díaz');
      expect(text).toContain('denuncia de robo');
      expect(text).not.toContain('reported_stolen');
      expect(text).toContain(`asiento de auditoría ${report.auditHeadSeq}`);
      pages.forEach((page, index) => expect(page).toContain(`Página ${index + 1} de ${pages.length}`));
    });

    it('counts custody periods, events and flags as its rows, consistent with the audit head it names', async () => {
      const report = await built(officer, { kind: 'weapon_trace', params: { registryNumber: traced.registryNumber }, format: 'json' });
      const file = await download(officer, report.id);
      expect(file.headers['content-type']).toMatch(/^application\/json/);
      expect(sha256(file.body)).toBe(report.sha256);
      const document = JSON.parse(file.body.toString('utf8'));
      expect(document.report).toMatchObject({ id: report.id, kind: 'weapon_trace', auditHeadSeq: report.auditHeadSeq });
      const record = document.traceRecord;
      expect(record.weapon.id).toBe(traced.id);
      expect(record.status).toBe('stolen');
      expect(record.holder.name).toBe('Bruno Comprador Díaz');
      expect(record.custody.map((period: { owner: { name: string }; via: { kind: string } }) => [period.owner.name, period.via.kind])).toEqual([
        ['Ana Vendedora Ruiz', 'registration'],
        ['Bruno Comprador Díaz', 'sale'],
      ]);
      expect(report.rowCount).toBe(record.custody.length + record.events.length + record.flags.length);
      // Nothing after the head it names: the entry that requested this very report is the last one it could see.
      const { rows } = await t.db.query<{ seq: string }>(`SELECT seq FROM audit_entries WHERE action = 'report.requested' AND entity_id = $1`, [report.id]);
      expect(report.auditHeadSeq).toBeGreaterThanOrEqual(Number(rows[0].seq));
    });

    it('as CSV: one row per custody period, event and flag, each carrying the markings', async () => {
      const report = await built(police, { kind: 'weapon_trace', params: { weaponId: traced.id }, format: 'csv' });
      const file = await download(police, report.id);
      expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="weapon-trace-${traced.registryNumber}-${daysFromToday(0)}.csv"`);
      const records = csvRecords(file.body);
      expect(records).toHaveLength(report.rowCount!);
      expect(records.every((record) => record.registryNumber === traced.registryNumber && record.serialNumber === traced.serialNumber)).toBe(true);
      expect(records.filter((record) => record.section === 'custody').map((record) => record.ownerName)).toEqual(['Ana Vendedora Ruiz', 'Bruno Comprador Díaz']);
      expect(records.filter((record) => record.section === 'event').map((record) => record.kind)).toContain('reported_stolen');
    });

    it('refuses a weapon that does not exist, or both or neither of weaponId and registryNumber', async () => {
      const unknown = await requestReport(police, { kind: 'weapon_trace', params: { weaponId: randomUUID() }, format: 'pdf' }).expect(400);
      expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'params.weaponId' }] });
      const byNumber = await requestReport(police, { kind: 'weapon_trace', params: { registryNumber: 'PA-1900-0000000' }, format: 'pdf' }).expect(400);
      expect(byNumber.body.errors).toEqual([expect.objectContaining({ field: 'params.registryNumber' })]);
      await requestReport(police, { kind: 'weapon_trace', params: { weaponId: traced.id, registryNumber: traced.registryNumber }, format: 'pdf' }).expect(400);
      await requestReport(police, { kind: 'weapon_trace', format: 'pdf' }).expect(400);
    });
  });

  describe('stolen_weapons', () => {
    it('lists exactly the weapons now lost or stolen in the district, with holder and report', async () => {
      const report = await built(auditor, { kind: 'stolen_weapons', params: { district: DISTRICT }, format: 'csv' });
      expect(report.fileName).toBe(`stolen-weapons-${DISTRICT}-${daysFromToday(0)}.csv`);
      const file = await download(auditor, report.id);
      expect(sha256(file.body)).toBe(report.sha256);
      const lines = file.body.toString('utf8').trimEnd().split('\n');
      expect(lines[0]).toBe(
        'registryNumber,status,make,model,type,calibre,serialNumber,holderName,holderDocument,district,districtName,reportedAs,reportedAt,reportedPlace',
      );
      const records = csvRecords(file.body);
      expect(records.map((record) => record.registryNumber).sort()).toEqual([traced.registryNumber, lost.registryNumber].sort());
      expect(records.map((record) => record.registryNumber)).not.toContain(kept.registryNumber);
      const stolen = records.find((record) => record.registryNumber === traced.registryNumber)!;
      expect(stolen).toMatchObject({ status: 'stolen', holderName: 'Bruno Comprador Díaz', district: DISTRICT, reportedAs: 'reported_stolen', reportedPlace: 'Boquete, Chiriquí' });
      expect(Number.isNaN(Date.parse(stolen.reportedAt))).toBe(false);
      expect(records.find((record) => record.registryNumber === lost.registryNumber)).toMatchObject({ status: 'lost', reportedAs: 'reported_lost' });
      expect(report.rowCount).toBe(2);
    });

    it('narrows by the day of the report: none reported before yesterday', async () => {
      const report = await built(police, {
        kind: 'stolen_weapons',
        params: { district: DISTRICT, since: daysFromToday(-30), until: daysFromToday(-1) },
        format: 'json',
      });
      const document = JSON.parse((await download(police, report.id)).body.toString('utf8'));
      expect(document).toMatchObject({ rows: [], rowCount: 0 });
      const today = await built(police, { kind: 'stolen_weapons', params: { district: DISTRICT, since: daysFromToday(0) }, format: 'json' });
      const rows = JSON.parse((await download(police, today.id)).body.toString('utf8')).rows as Array<{ registryNumber: string }>;
      expect(rows.map((row) => row.registryNumber).sort()).toEqual([traced.registryNumber, lost.registryNumber].sort());
    });
  });

  describe('district_summary', () => {
    it('counts weapons by status, owners and licences in force in the district', async () => {
      const report = await built(officer, { kind: 'district_summary', params: { district: DISTRICT }, format: 'json' });
      const document = JSON.parse((await download(officer, report.id)).body.toString('utf8'));
      expect(document.rows).toEqual([
        {
          district: DISTRICT,
          districtName: 'Boquete',
          province: 'Chiriquí',
          weaponsTotal: 3,
          active: 1,
          lost: 1,
          stolen: 1,
          seized: 0,
          inStateCustody: 0,
          destroyed: 0,
          deactivated: 0,
          exported: 0,
          owners: 3,
          licencesInForce: 2,
        },
      ]);
      expect(unlicensed.id).toBeDefined();
    });

    it('covers every district when none is named, as a PDF', async () => {
      const report = await built(officer, { kind: 'district_summary', format: 'pdf' });
      const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM districts');
      expect(report.rowCount).toBe(rows[0].count);
      const { text } = await pdfText((await download(officer, report.id)).body);
      expect(text).toContain('Resumen por distrito');
      expect(text).toContain('Boquete');
      expect(text).toContain('Licencias vigentes');
      expect(text).toContain(`Fin del informe — ${rows[0].count} filas`);
    });
  });

  describe('trace_requests', () => {
    it('lists a filed request with its case number, agency and status', async () => {
      const caseNumber = `DIJ-REP-${randomInt(1, 1e9)}`;
      const filed = await t.http
        .post('/api/v1/trace-requests')
        .set(bearer(police.accessToken))
        .send({
          caseNumber,
          requestingAgency: 'Dirección de Investigación Judicial',
          reason: 'Recovered at a crime scene',
          recovery: { date: daysFromToday(-1), place: 'Vía España', district: '8-05' },
          marking: { serialNumber: traced.serialNumber },
        })
        .expect(202);
      const report = await built(police, { kind: 'trace_requests', params: { caseNumber, from: daysFromToday(-1) }, format: 'csv' });
      const records = csvRecords((await download(police, report.id)).body);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ caseNumber, requestingAgency: 'Dirección de Investigación Judicial', serialSearched: traced.serialNumber });
      expect(['queued', 'processing', 'completed']).toContain(records[0].status);
      expect(filed.body.id).toBeDefined();
      const none = await built(police, { kind: 'trace_requests', params: { caseNumber, to: daysFromToday(-1) }, format: 'csv' });
      expect(csvRecords((await download(police, none.id)).body)).toHaveLength(0);
    });
  });

  describe('the file before it exists', () => {
    const insertReport = async (status: string, extra: Record<string, string> = {}): Promise<string> => {
      const columns = ['kind', 'format', 'params', 'status', 'requested_by', 'requested_by_username', ...Object.keys(extra)];
      const values = ['stolen_weapons', 'csv', '{}', status, admin.id, admin.username, ...Object.values(extra)];
      const { rows } = await t.db.query<{ id: string }>(
        `INSERT INTO reports (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
        values,
      );
      return rows[0].id;
    };

    it('is 409 REPORT_NOT_READY while queued or running, and once failed', async () => {
      for (const [status, extra] of [
        ['queued', {}],
        ['running', {}],
        ['failed', { failure_reason: 'The report could not be built (5 attempts).', completed_at: new Date().toISOString() }],
      ] as const) {
        const id = await insertReport(status, extra);
        const response = await t.http.get(`${api}/${id}/file`).set(bearer(admin.accessToken)).expect(409);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ code: 'REPORT_NOT_READY', status: 409, reportStatus: status });
        // Worth polling again while it may still be built; a failed report never will be.
        expect(response.headers['retry-after']).toBe(status === 'failed' ? undefined : '5');
        expect((await t.http.get(`${api}/${id}`).set(bearer(admin.accessToken)).expect(200)).body.status).toBe(status);
      }
    });

    it('is 404 for a report that does not exist, 400 for an id that is not a UUID', async () => {
      expect((await t.http.get(`${api}/${randomUUID()}/file`).set(bearer(police.accessToken)).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await t.http.get(`${api}/nope/file`).set(bearer(police.accessToken)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('the build job', () => {
    let redis: Redis;
    beforeAll(() => {
      redis = new Redis(TEST_REDIS_URL);
    });
    afterAll(async () => {
      await redis.quit();
    });

    /** Enqueues report.build through the outbox, as a retry or a duplicate delivery would run it; resolves with its result. */
    const runJob = async (reportId: string): Promise<unknown> => {
      const { rows } = await t.db.query<{ id: string }>(
        `INSERT INTO queue_outbox (job_name, payload) VALUES ('report.build', $1::jsonb) RETURNING id`,
        [JSON.stringify({ reportId })],
      );
      await t.db.query(`SELECT pg_notify('queue_outbox', '')`);
      const key = `${t.env.QUEUE_PREFIX}:bulk:${rows[0].id}`;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [finished, value, failed] = await redis.hmget(key, 'finishedOn', 'returnvalue', 'failedReason');
        if (finished && value) return JSON.parse(value);
        if (failed) throw new Error(`job failed: ${failed}`);
        if (Date.now() > deadline) throw new Error(`job ${rows[0].id} did not finish`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    it('never builds a completed report again', async () => {
      const report = await built(police, { kind: 'district_summary', params: { district: DISTRICT }, format: 'csv' });
      expect(await runJob(report.id)).toEqual({ status: 'already built' });
      const again = (await t.http.get(`${api}/${report.id}`).set(bearer(police.accessToken)).expect(200)).body as Report;
      expect(again).toEqual(report);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'report.generated' AND entity_id = $1`, [report.id]);
      expect(rows[0].n).toBe(1);
    });

    it('a run retried after an interrupted one leaves one file, without the pieces left behind', async () => {
      const { rows } = await t.db.query<{ id: string }>(
        `INSERT INTO reports (kind, format, params, status, attempts, requested_by, requested_by_username, started_at)
         VALUES ('district_summary', 'csv', $1::jsonb, 'running', 1, $2, $3, now()) RETURNING id`,
        [JSON.stringify({ district: DISTRICT }), admin.id, admin.username],
      );
      const id = rows[0].id;
      await t.db.query(`INSERT INTO report_chunks (report_id, n, data) VALUES ($1, 0, 'left'::bytea), ($1, 7, 'over'::bytea)`, [id]);
      expect(await runJob(id)).toEqual({ status: 'completed' });
      const report = (await t.http.get(`${api}/${id}`).set(bearer(admin.accessToken)).expect(200)).body as Report;
      expect(report).toMatchObject({ status: 'completed', attempts: 2, rowCount: 1 });
      const file = await download(admin, id);
      expect(sha256(file.body)).toBe(report.sha256);
      expect(csvRecords(file.body)).toEqual([expect.objectContaining({ district: DISTRICT, weaponsTotal: '3' })]);
      const chunks = await t.db.query<{ n: number }>('SELECT n FROM report_chunks WHERE report_id = $1 ORDER BY n', [id]);
      expect(chunks.rows.map((row) => row.n)).toEqual([0]);
    });
  });

  describe('requests', () => {
    it('refuses bad kinds, formats and params with one error per field', async () => {
      const bad = async (body: Record<string, unknown>, fields: string[]): Promise<void> => {
        const response = await requestReport(police, body).expect(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect((response.body.errors as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(fields.sort());
      };
      await bad({ kind: 'everything', format: 'pdf' }, ['kind']);
      await bad({ kind: 'stolen_weapons', format: 'docx' }, ['format']);
      await bad({ kind: 'stolen_weapons', format: 'xls', extra: 1 }, ['format', 'extra']);
      await bad({ kind: 'stolen_weapons', params: 'all', format: 'csv' }, ['params']);
      await bad({ kind: 'stolen_weapons', params: { region: 'north' }, format: 'csv' }, ['params.region']);
      await bad({ kind: 'stolen_weapons', params: { district: 'Boquete', since: '2026-13-01', until: 'yesterday' }, format: 'csv' }, [
        'params.district',
        'params.since',
        'params.until',
      ]);
      await bad({ kind: 'stolen_weapons', params: { since: '2026-02-30' }, format: 'csv' }, ['params.since']);
      await bad({ kind: 'stolen_weapons', params: { since: '2026-11-02', until: '2026-11-01' }, format: 'csv' }, ['params.until']);
      await bad({ kind: 'district_summary', params: { district: '99-99' }, format: 'json' }, ['params.district']);
      await bad({ kind: 'trace_requests', params: { status: 'lost', weaponId: traced.id }, format: 'csv' }, ['params.status', 'params.weaponId']);
      await bad({ kind: 'district_summary', params: { weaponId: traced.id }, format: 'csv' }, ['params.weaponId']);
    });

    it('writes nothing for a refused request', async () => {
      const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
      const head = await t.db.query<{ seq: string }>('SELECT seq FROM audit_head');
      await requestReport(police, { kind: 'district_summary', params: { district: '99-99' }, format: 'json' }).expect(400);
      expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows[0].n).toBe(before.rows[0].n);
      expect((await t.db.query<{ seq: string }>('SELECT seq FROM audit_head')).rows[0].seq).toBe(head.rows[0].seq);
    });

    it('needs a token, and is open to every role', async () => {
      await t.http.post(api).send({ kind: 'district_summary', format: 'csv' }).expect(401);
      await t.http.get(api).expect(401);
      await t.http.get(`${api}/${randomUUID()}`).expect(401);
      const unauthenticated = await t.http.get(`${api}/${randomUUID()}/file`).expect(401);
      expect(unauthenticated.body.code).toBe('UNAUTHENTICATED');
      const supervisor = await t.user(admin, ['supervisor']);
      for (const user of [admin, officer, supervisor, police, auditor]) {
        await requestReport(user, { kind: 'district_summary', params: { district: DISTRICT }, format: 'json' }).expect(202);
      }
    });

    it('lists reports newest first, by kind and status, a page at a time', async () => {
      const first = (await requestReport(police, { kind: 'trace_requests', format: 'json' }).expect(202)).body.id as string;
      const second = (await requestReport(police, { kind: 'trace_requests', format: 'csv' }).expect(202)).body.id as string;
      const page = await t.http.get(api).query({ kind: 'trace_requests', limit: 1 }).set(bearer(police.accessToken)).expect(200);
      expect(page.body.items.map((item: Report) => item.id)).toEqual([second]);
      const next = await t.http
        .get(api)
        .query({ kind: 'trace_requests', limit: 1, cursor: page.body.nextCursor })
        .set(bearer(police.accessToken))
        .expect(200);
      expect(next.body.items.map((item: Report) => item.id)).toEqual([first]);
      await settled(second);
      const completed = await t.http.get(api).query({ status: 'completed', limit: 200 }).set(bearer(police.accessToken)).expect(200);
      expect(completed.body.items.every((item: Report) => item.status === 'completed')).toBe(true);
      expect(completed.body.items.map((item: Report) => item.id)).toContain(second);
      await t.http.get(api).query({ kind: 'all' }).set(bearer(police.accessToken)).expect(400);
    });
  });

  describe('audit', () => {
    it('records the request, the build (with its hash and head) and each download, and the chain still verifies', async () => {
      const report = await built(police, { kind: 'stolen_weapons', params: { district: DISTRICT }, format: 'pdf' });
      await download(police, report.id);
      const events = await t.http
        .get('/api/v1/audit/events')
        .query({ entityType: 'report', entityId: report.id })
        .set(bearer(auditor.accessToken))
        .expect(200);
      const entries = (events.body.items as Array<{ action: string; actor: { username: string }; after: Record<string, unknown> }>).filter(
        (entry) => entry.action !== 'report.purpose_given',
      );
      expect(entries.map((entry) => entry.action)).toEqual(['report.requested', 'report.generated', 'report.downloaded']);
      expect(entries[0]).toMatchObject({ actor: { username: police.username }, after: { kind: 'stolen_weapons', format: 'pdf', params: { district: DISTRICT } } });
      expect(entries[1]).toMatchObject({
        actor: { username: 'queue' },
        after: { sha256: report.sha256, auditHeadSeq: report.auditHeadSeq, sizeBytes: report.sizeBytes, rows: 2 },
      });
      expect(entries[2]).toMatchObject({ actor: { username: police.username }, after: { sha256: report.sha256 } });
      const verify = await t.http.get('/api/v1/audit/verify').set(bearer(auditor.accessToken)).expect(200);
      expect(verify.body).toMatchObject({ valid: true, firstInvalidSeq: null });
    });
  });

  describe('a large report', () => {
    const BULK = 3000;

    beforeAll(async () => {
      // Set-based, as an import would: thousands of stolen weapons held by one owner.
      await t.db.query(
        `INSERT INTO weapons (registry_number, make, make_key, model, type, calibre, serial_number, serial_normalized,
                              country_of_manufacture, acquisition, status, holder_id, district)
         SELECT 'BULK-' || lpad(n::text, 7, '0'), 'Glock', 'glock', '17', 'pistol', '9mm', 'BK-' || n, 'BK' || n,
                'AT', '{"kind":"legacy_record","date":"2020-01-01","documentRef":null}'::jsonb, 'stolen', $1, $2
           FROM generate_series(1, $3::int) AS n`,
        [unlicensed.id, BULK_DISTRICT, BULK],
      );
    });

    it('streams a CSV of thousands of weapons into several stored pieces', async () => {
      const report = await built(auditor, { kind: 'stolen_weapons', params: { district: BULK_DISTRICT }, format: 'csv' });
      expect(report.rowCount).toBe(BULK);
      const file = await download(auditor, report.id);
      expect(file.body.length).toBe(report.sizeBytes);
      expect(sha256(file.body)).toBe(report.sha256);
      expect(file.body.toString('utf8').trimEnd().split('\n')).toHaveLength(BULK + 1);
      const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_chunks WHERE report_id = $1', [report.id]);
      expect(rows[0].n).toBe(Math.ceil(report.sizeBytes! / (256 * 1024)));
      expect(rows[0].n).toBeGreaterThan(1);
    });

    it('as a PDF of many pages, column headings and page number on each', async () => {
      const report = await built(auditor, { kind: 'stolen_weapons', params: { district: BULK_DISTRICT }, format: 'pdf' });
      const file = await download(auditor, report.id);
      expect(sha256(file.body)).toBe(report.sha256);
      const { pages } = await pdfText(file.body);
      expect(pages.length).toBeGreaterThan(20);
      pages.forEach((page, index) => {
        expect(page).toContain(`Página ${index + 1} de ${pages.length}`);
        expect(page).toContain('N.º de registro');
      });
      expect(pages[pages.length - 1]).toContain(`Fin del informe — ${BULK} filas`);
    });
  });

  describe('a build that keeps failing', () => {
    it('ends failed after its last attempt, with a reason for the requester, audited, and no file', async () => {
      const report = await settled(doomed, 120_000);
      expect(report).toMatchObject({ status: 'failed', attempts: 5, failureReason: expect.stringContaining('could not be built') });
      expect(report.completedAt).toBeDefined();
      expect(report.sha256).toBeUndefined();
      const file = await t.http.get(`${api}/${doomed}/file`).set(bearer(police.accessToken)).expect(409);
      expect(file.body).toMatchObject({ code: 'REPORT_NOT_READY', reportStatus: 'failed' });
      const { rows } = await t.db.query(`SELECT action, after FROM audit_entries WHERE entity_id = $1 ORDER BY seq`, [doomed]);
      expect(rows).toEqual([{ action: 'report.failed', after: expect.objectContaining({ status: 'failed', attempts: 5 }) }]);
      const chunks = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_chunks WHERE report_id = $1', [doomed]);
      expect(chunks.rows[0].n).toBe(0);
    });
  });
});

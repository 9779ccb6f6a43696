import { builtReport, ownSerial, recordRecovery, recoveryBody } from '../support/recoveries';
import { daysFromToday, makeHolder, registerWeapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

const item = (make = 'Glock'): Record<string, unknown> => ({ make, type: 'pistol', calibre: '9mm', serialNumber: ownSerial('SD'), serialStatus: 'marked' });

describe('statistics', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let supervisor: TestUser;
  let police: TestUser;
  let auditor: TestUser;
  const today = daysFromToday(0);

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: null });
    supervisor = await t.user(admin, ['supervisor'], { jurisdiction: ['3-01'] });
    police = await t.user(admin, ['police']);
    auditor = await t.user(admin, ['auditor']);

    // La Chorrera (13-04): 2 seized, 1 found, 1 surrendered, 3 handed in under an amnesty; San Miguelito: 1 found.
    const seized = await recordRecovery(t, police, recoveryBody({ kind: 'seized', district: '13-04', items: [item(), item('Taurus')] }));
    await recordRecovery(t, police, recoveryBody({ kind: 'found', district: '13-04', items: [item()] }));
    await recordRecovery(t, officer, recoveryBody({ kind: 'surrendered', district: '13-04', items: [item()] }));
    const amnesty = await recordRecovery(
      t,
      officer,
      recoveryBody({
        kind: 'amnesty',
        anonymous: true,
        district: '13-04',
        items: [item(), { type: 'revolver', calibre: '.38 Special', serialStatus: 'unmarked' }, item('Beretta')],
        ammunition: [
          { calibre: '9mm', rounds: 120 },
          { calibre: '.38 Special', rounds: 3 },
        ],
      }),
    );
    await recordRecovery(t, police, recoveryBody({ kind: 'found', district: '8-05', items: [item()] }));
    // The competent authority establishes the origin of two, and finds none for a third.
    const origin = (traceRequestId: string, established: boolean) =>
      t.http
        .post(`/api/v1/trace-requests/${traceRequestId}/origin`)
        .set(bearer(police.accessToken))
        .send({ established, method: established ? 'tracing' : 'other', diversionPoint: established ? 'theft' : 'unknown' })
        .expect(200);
    await origin(seized.items[0].traceRequestId, true);
    await origin(amnesty.items[1].traceRequestId, true);
    await origin(amnesty.items[2].traceRequestId, false);
  });
  afterAll(() => t.close());

  const get = (as: TestUser, path: string, query: Record<string, string>) =>
    t.http.get(`/api/v1/statistics/${path}`).query(query).set(bearer(as.accessToken));

  it('computes SDG 16.4.2 exactly for a district, stamped with the audit head', async () => {
    const response = await get(supervisor, 'sdg-16-4-2', { from: daysFromToday(-30), to: today, district: '13-04' }).expect(200);
    // The head it was computed at is an entry of the chain (the queue may have appended since).
    const head = await t.db.query<{ hash: string }>('SELECT hash FROM audit_entries WHERE seq = $1', [response.body.auditHeadSeq]);
    expect(head.rows).toEqual([{ hash: response.body.auditHeadHash }]);
    expect(response.body).toMatchObject({
      from: daysFromToday(-30),
      to: today,
      district: '13-04',
      seizedFoundSurrendered: 7,
      originEstablished: 2,
      byKind: { seized: 2, found: 1, surrendered: 1, amnesty: 3 },
      byDistrict: [{ district: '13-04', seizedFoundSurrendered: 7, originEstablished: 2 }],
    });
    expect(response.body.proportion).toBeCloseTo(2 / 7, 10);
    expect(response.body.suppressed).toBeUndefined();
    expect(Number.isNaN(Date.parse(response.body.computedAt))).toBe(false);

    const national = await get(auditor, 'sdg-16-4-2', { from: today, to: today }).expect(200);
    expect(national.body).toMatchObject({ seizedFoundSurrendered: 8, originEstablished: 2 });
    expect(national.body.byDistrict).toEqual([
      { district: '13-04', seizedFoundSurrendered: 7, originEstablished: 2 },
      { district: '8-05', seizedFoundSurrendered: 1, originEstablished: 0 },
    ]);
    const before = await get(admin, 'sdg-16-4-2', { from: daysFromToday(-30), to: daysFromToday(-1) }).expect(200);
    expect(before.body).toMatchObject({ seizedFoundSurrendered: 0, originEstablished: 0, proportion: null });
  });

  it('hides counts from 1 to 4 when publishable', async () => {
    const response = await get(supervisor, 'sdg-16-4-2', { from: today, to: today, district: '13-04', publishable: 'true' }).expect(200);
    expect(response.body).toMatchObject({
      seizedFoundSurrendered: 7,
      originEstablished: null,
      proportion: null,
      suppressed: true,
      byKind: { seized: null, found: null, surrendered: null, amnesty: null, suppressed: true },
      byDistrict: [{ district: '13-04', seizedFoundSurrendered: 7, originEstablished: null, suppressed: true }],
    });
    const recoveries = await get(auditor, 'recoveries', { from: today, to: today, groupBy: 'kind', publishable: 'true' }).expect(200);
    expect(recoveries.body.ammunition).toEqual([
      { calibre: '.38 Special', rounds: null, suppressed: true },
      { calibre: '9mm', rounds: 120 },
    ]);
  });

  it('counts recovery items per group and ammunition per calibre', async () => {
    const byKind = await get(admin, 'recoveries', { from: today, to: today, groupBy: 'kind' }).expect(200);
    expect(byKind.body.groups).toEqual([
      { key: 'amnesty', items: 3 },
      { key: 'found', items: 2 },
      { key: 'seized', items: 2 },
      { key: 'surrendered', items: 1 },
    ]);
    expect(byKind.body.totalItems).toBe(8);
    const byType = await get(admin, 'recoveries', { from: today, to: today, groupBy: 'type' }).expect(200);
    expect(byType.body.groups).toEqual([
      { key: 'pistol', items: 7 },
      { key: 'revolver', items: 1 },
    ]);
    const byMonth = await get(admin, 'recoveries', { from: today, to: today }).expect(200);
    expect(byMonth.body.groups).toEqual([{ key: today.slice(0, 7), items: 8 }]);
  });

  it('counts the registry as of the end of a day', async () => {
    const holder = await makeHolder(t, officer, '13-04');
    await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: ownSerial('RG') }));
    const byStatus = await get(admin, 'registry', { groupBy: 'status' }).expect(200);
    const { rows } = await t.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM weapons GROUP BY status ORDER BY status');
    expect(byStatus.body.groups.map((group: { key: string; weapons: number }) => [group.key, group.weapons])).toEqual(
      rows.map((row) => [row.status, row.n]),
    );
    const byDistrict = await get(admin, 'registry', { groupBy: 'district', at: today }).expect(200);
    expect(byDistrict.body.groups.find((group: { key: string }) => group.key === '13-04')).toMatchObject({
      name: 'La Chorrera',
      weapons: 8,
      licensedHolders: 1,
    });
    // Yesterday none of today's weapons was on record.
    const yesterday = await get(admin, 'registry', { groupBy: 'type', at: daysFromToday(-1) }).expect(200);
    expect(yesterday.body.totals).toMatchObject({ key: 'total', weapons: 0 });
  });

  it('keeps the registry counts exact for today and past days through events, transfers and moves', async () => {
    type Cells = Array<[string, number]>;
    const groupings = ['district', 'province', 'type', 'status'] as const;
    // The straightforward recount over the tables, with ended weapons counted only by status.
    const recount = async (): Promise<Record<(typeof groupings)[number], Cells>> => {
      const count = async (key: string, where: string): Promise<Cells> => {
        const { rows } = await t.db.query<{ key: string; n: number }>(
          `SELECT ${key} AS key, count(*)::int AS n FROM weapons w JOIN districts d ON d.code = w.district ${where} GROUP BY 1 ORDER BY 1`,
        );
        return rows.map((row) => [row.key, row.n]);
      };
      const live = `WHERE w.status NOT IN ('destroyed', 'deactivated', 'exported')`;
      return {
        district: await count('w.district', live),
        province: await count('coalesce(d.province_code, w.district)', live),
        type: await count('w.type', live),
        status: await count('w.status', ''),
      };
    };
    const figures = async (at: string): Promise<Record<(typeof groupings)[number], Cells>> => {
      const result = {} as Record<(typeof groupings)[number], Cells>;
      for (const groupBy of groupings) {
        const response = await get(auditor, 'registry', { groupBy, at }).expect(200);
        result[groupBy] = (response.body.groups as Array<{ key: string; weapons: number | null }>)
          .filter((group) => group.weapons !== null && group.weapons !== 0)
          .map((group) => [group.key, group.weapons as number]);
      }
      return result;
    };
    const weaponVersion = async (id: string): Promise<number> => (await t.http.get(`/api/v1/weapons/${id}`).set(bearer(admin.accessToken)).expect(200)).body.version;
    const event = async (id: string, kind: string): Promise<void> => {
      await t.http
        .post(`/api/v1/weapons/${id}/events`)
        .set(bearer(admin.accessToken))
        .send({ kind, occurredAt: new Date().toISOString(), version: await weaponVersion(id) })
        .expect(201);
    };
    const sell = async (id: string, from: string, to: string): Promise<void> => {
      await t.http
        .post('/api/v1/transfers')
        .set(bearer(officer.accessToken))
        .send({ weaponId: id, fromOwnerId: from, toOwnerId: to, kind: 'sale', date: today, documentRef: 'NOT-1', weaponVersion: await weaponVersion(id) })
        .expect(201);
    };

    const chorrera = await makeHolder(t, officer, '13-04');
    const capital = await makeHolder(t, officer, '8-05');
    const held = [];
    for (const type of ['pistol', 'pistol', 'revolver', 'rifle']) held.push(await registerWeapon(t, officer, weaponBody(chorrera.id, { type, serialNumber: ownSerial('EX') })));
    await registerWeapon(t, officer, weaponBody(capital.id, { serialNumber: ownSerial('EX') }));
    await event(held[0].id, 'reported_stolen');
    await sell(held[1].id, chorrera.id, capital.id);
    // Everything so far happened three days ago.
    await t.db.query(`UPDATE weapons SET registered_at = registered_at - interval '3 days'`);
    const threeDaysAgo = await recount();
    expect(await figures(today)).toEqual(threeDaysAgo);

    // Today: more status moves, a sale, the Chorrera holder moving to the capital and a new weapon.
    await sell(held[2].id, chorrera.id, capital.id);
    await event(held[2].id, 'reported_lost');
    await event(held[0].id, 'recovered');
    await event(held[3].id, 'deactivated');
    const owner = (await t.http.get(`/api/v1/owners/${chorrera.id}`).set(bearer(admin.accessToken)).expect(200)).body as { version: number };
    await t.http
      .patch(`/api/v1/owners/${chorrera.id}`)
      .set(bearer(admin.accessToken))
      .send({ address: { district: '8-06', line: 'Calle 50' }, version: owner.version })
      .expect(200);
    await registerWeapon(t, officer, weaponBody(capital.id, { type: 'shotgun', serialNumber: ownSerial('EX') }));
    const now = await recount();
    expect(now).not.toEqual(threeDaysAgo);

    expect(await figures(today)).toEqual(now);
    expect(await figures(daysFromToday(-1))).toEqual(threeDaysAgo);
    expect(await figures(daysFromToday(-3))).toEqual(threeDaysAgo);
    expect((await get(auditor, 'registry', { groupBy: 'status', at: daysFromToday(-4) }).expect(200)).body.totals).toMatchObject({ weapons: 0 });
  });

  it('files the SDG figure and the UNODC questionnaire as reports', async () => {
    const sdg = JSON.parse((await builtReport(t, auditor, { kind: 'sdg_16_4_2', params: { from: today, to: today }, format: 'json' })).toString('utf8'));
    const rows = (Array.isArray(sdg) ? sdg : sdg.rows) as Array<Record<string, unknown>>;
    const chorrera = rows.filter((row) => row.district === '13-04');
    expect(chorrera.reduce((sum, row) => sum + Number(row.seizedFoundSurrendered), 0)).toBe(7);
    expect(chorrera.reduce((sum, row) => sum + Number(row.originEstablished), 0)).toBe(2);
    const iafq = await builtReport(t, auditor, { kind: 'iafq', params: { year: Number(today.slice(0, 4)) }, format: 'csv' });
    const lines = iafq.toString('utf8').trim().split('\n');
    expect(lines[0]).toContain('countryOfLastImport');
    expect(lines.filter((line) => line.startsWith('item,'))).toHaveLength(8);
    expect(lines.filter((line) => line.startsWith('ammunition,'))).toHaveLength(2);
  });

  it('answers supervisors, auditors and admins only, and refuses bad input naming the field', async () => {
    await get(police, 'sdg-16-4-2', { from: today, to: today }).expect(403);
    await get(officer, 'registry', {}).expect(403);
    const bad = await get(admin, 'recoveries', { from: today, to: 'soon', groupBy: 'colour' }).expect(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['groupBy', 'to']);
    const backwards = await get(admin, 'sdg-16-4-2', { from: today, to: daysFromToday(-1) }).expect(400);
    expect(backwards.body.errors[0].field).toBe('to');
  });
});

import { ownSerial } from '../support/recoveries';
import { daysFromToday, makeHolder, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

const HEADER = 'recordId,status,changedAt,make,model,type,calibre,serialNumber,countryOfManufacture,importMarking,reportingAgency,caseReference';

describe('INTERPOL lost-and-stolen export', () => {
  let t: TestApp;
  let admin: TestUser;
  let police: TestUser;
  let supervisor: TestUser;
  let officer: TestUser;
  let auditor: TestUser;
  let scopedPolice: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    police = await t.user(admin, ['police']);
    supervisor = await t.user(admin, ['supervisor']);
    officer = await t.user(admin, ['officer']);
    auditor = await t.user(admin, ['auditor']);
    scopedPolice = await t.user(admin, ['police'], { jurisdiction: ['8-05'] });
  });
  afterAll(() => t.close());

  const exported = (as: TestUser, since: string) =>
    t.http.get('/api/v1/exports/interpol-stolen').query({ since }).set(bearer(as.accessToken)).buffer(true);

  async function event(weapon: Weapon, version: number, kind: string, occurredAt: string, reference?: string): Promise<number> {
    const response = await t.http
      .post(`/api/v1/weapons/${weapon.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind, occurredAt, version, ...(reference ? { reference } : {}) })
      .expect(201);
    expect(response.body.kind).toBe(kind);
    return version + 1;
  }

  it('lists losses, thefts and recoveries since the day, in the exact columns, escaped', async () => {
    const holder = await makeHolder(t, admin);
    const stolen = await registerWeapon(
      t,
      admin,
      weaponBody(holder.id, {
        serialNumber: ownSerial('ST'),
        model: '=HYPERLINK("x"), 19',
        acquisition: { kind: 'import', date: daysFromToday(-20) },
        importMarking: { country: 'PA', year: 2024 },
      }),
    );
    const lost = await registerWeapon(t, admin, weaponBody(holder.id, { serialNumber: ownSerial('LO') }));
    const active = await registerWeapon(t, admin, weaponBody(holder.id, { serialNumber: ownSerial('AC') }));
    const old = await registerWeapon(t, admin, weaponBody(holder.id, { serialNumber: ownSerial('OL') }));

    const hour = 3_600_000;
    const at = (hoursAgo: number): string => new Date(Date.now() - hoursAgo * hour).toISOString();
    await event(old, old.version, 'reported_lost', new Date(Date.now() - 10 * 24 * hour).toISOString(), 'DEN-OLD');
    await event(stolen, stolen.version, 'reported_stolen', at(3), 'DEN-2026-001');
    const version = await event(lost, lost.version, 'reported_lost', at(2), '+5071234');
    await event(lost, version, 'recovered', at(1), 'DIJ-88');

    const since = daysFromToday(-1);
    const response = await exported(police, since).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.at(-1)).toBe('');
    const row = (weapon: Weapon, status: string, changedAt: string, model: string, importMarking: string, reference: string): string =>
      [weapon.registryNumber, status, changedAt, 'Glock', model, 'pistol', '9×19mm Parabellum', weapon.serialNumber, 'AT', importMarking, 'DIASP Panama', reference].join(',');
    const stolenAt = (await t.http.get(`/api/v1/trace/weapons/${stolen.id}`).set(bearer(admin.accessToken)).expect(200)).body.events[0].occurredAt;
    const lostEvents = (await t.http.get(`/api/v1/trace/weapons/${lost.id}`).set(bearer(admin.accessToken)).expect(200)).body.events;
    expect(lines.slice(1, -1)).toEqual([
      // The model starts like a formula and holds a comma: prefixed with ' and quoted (its quotes doubled).
      row(stolen, 'stolen', stolenAt, `"'=HYPERLINK(""x""), 19"`, 'PA 2024', 'DEN-2026-001'),
      row(lost, 'lost', lostEvents[0].occurredAt, '19 Gen5', '', "'+5071234"),
      row(lost, 'recovered', lostEvents[1].occurredAt, '19 Gen5', '', 'DIJ-88'),
    ]);
    expect(response.text).not.toContain(active.registryNumber);
    expect(response.text).not.toContain(old.registryNumber);
    expect(Number(response.headers['x-row-count'])).toBe(3);

    const audited = await t.http
      .get('/api/v1/audit/events')
      .query({ action: 'interpol.exported', limit: '200' })
      .set(bearer(admin.accessToken))
      .expect(200);
    const entry = (audited.body.items as Array<{ actor: { id: string }; after: Record<string, unknown> }>).at(-1)!;
    expect(entry.actor.id).toBe(police.id);
    expect(entry.after).toMatchObject({ since, rows: 3 });

    // From the day before the old loss on, it is there too, first.
    const wider = await exported(supervisor, daysFromToday(-11)).expect(200);
    expect(wider.text.split('\r\n')[1]).toContain(`${old.registryNumber},lost,`);

    // Nothing has happened tomorrow: the header alone.
    const none = await exported(admin, daysFromToday(1)).expect(200);
    expect(none.text).toBe(`${HEADER}\r\n`);
  });

  it('refuses a bad date, and anyone but admins, supervisors and national police', async () => {
    for (const since of ['2026-02-30', '20261101', '']) {
      const response = await exported(police, since);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    for (const who of [officer, auditor, scopedPolice]) {
      const response = await exported(who, daysFromToday(-1));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
    }
  });
});

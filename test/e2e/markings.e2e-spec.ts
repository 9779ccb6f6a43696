import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MarkingsFolding1795878600000 } from '../../src/database/migrations/1795878600000-markings-folding';
import { foldConfusables } from '../../src/registry/serial';
import { importFile, importHolder, importRow } from '../support/imports';
import { allFindings, reconcile } from '../support/reconciliation';
import { makeHolder, registerWeapon, type Weapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';

/** Look-alike writings of the marking KX-52731 (API.md "Weapons", serialNormalized). */
const LOOK_ALIKES: Array<[string, string]> = [
  ['a zero-width space', 'KX\u200B-52731'],
  ['a soft hyphen', 'KX\u00AD52731'],
  ['an en dash', 'KX\u201352731'],
  ['full-width characters', '\uFF2B\uFF38\uFF0D\uFF15\uFF12\uFF17\uFF13\uFF11'],
  ['Cyrillic look-alikes', '\u041A\u0425-52731'],
  ['Greek look-alikes', '\u039A\u03A7-52731'],
  ['mathematical bold digits', 'KX-\u{1D7D3}\u{1D7D0}\u{1D7D5}\u{1D7D1}\u{1D7CF}'],
];

const UNFOLDABLE = ['AB#123', '\u2605123', 'KX\u{1F52B}52731', '\u200B-\u00AD'];

describe('markings: look-alike writings fold onto one marking', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let supervisor: TestUser;
  let police: TestUser;
  let stolen: Weapon;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
    supervisor = await t.user(admin, ['supervisor'], { jurisdiction: null });
    police = await t.user(admin, ['police']);
    const holder = await makeHolder(t, officer);
    stolen = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: 'KX-52731' }));
    await t.http
      .post(`/api/v1/weapons/${stolen.id}/events`)
      .set(bearer(police.accessToken))
      .send({ kind: 'reported_stolen', occurredAt: new Date().toISOString(), version: stolen.version })
      .expect(201);
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>) => t.http.post('/api/v1/weapons').set(bearer(officer.accessToken)).send(body);
  const search = (serial: string) => t.http.get('/api/v1/trace/search').query({ serial }).set(bearer(police.accessToken));
  const attemptAlerts = async (): Promise<Array<{ details: { attempt: { serialNumber: string } } }>> => {
    const response = await t.http
      .get('/api/v1/alerts')
      .query({ weaponId: stolen.id, limit: 100 })
      .set(bearer(police.accessToken))
      .expect(200);
    return (response.body.items as Array<{ source: string; details: { attempt: { serialNumber: string } } }>).filter(
      (alert) => alert.source === 'registration_attempt',
    );
  };

  it('stores the serial as written and its folded form as serialNormalized', async () => {
    expect(stolen).toMatchObject({ serialNumber: 'KX-52731', serialNormalized: 'KX52731' });
    const holder = await makeHolder(t, officer);
    const written = '\uFF2C\uFF2D\uFF0D\u041E\u0399\u00AD77\u2024' + randomInt(1000, 9999);
    const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: written }));
    expect(weapon).toMatchObject({ serialNumber: written, serialNormalized: `LMOI77${written.slice(-4)}` });
    const { rows } = await t.db.query(`SELECT serial_confusable FROM weapons WHERE id = $1`, [weapon.id]);
    expect(rows[0].serial_confusable).toBe(foldConfusables(weapon.serialNormalized));
  });

  describe.each(LOOK_ALIKES)('the stolen marking written with %s', (_, written) => {
    it('is refused with MARKING_REPORTED_STOLEN and raises an alert', async () => {
      const other = await makeHolder(t, officer);
      const alertsBefore = (await attemptAlerts()).length;
      const attempt = await post(weaponBody(other.id, { serialNumber: written }));
      expect(attempt.status).toBe(409);
      expect(attempt.body.code).toBe('MARKING_REPORTED_STOLEN');
      expect(attempt.body.detail).toContain(stolen.id);
      const alerts = await attemptAlerts();
      expect(alerts).toHaveLength(alertsBefore + 1);
      expect(alerts[0].details.attempt.serialNumber).toBe(written);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM weapons WHERE serial_normalized = 'KX52731'`);
      expect(rows[0].n).toBe(1);
    });

    it('finds the stolen weapon in a trace search and in GET /weapons?serial=', async () => {
      const found = await search(written).expect(200);
      expect(found.body.items[0]).toMatchObject({ weapon: { id: stolen.id, status: 'stolen' }, match: 'normalized', score: 0.95 });
      const listed = await t.http.get('/api/v1/weapons').query({ serial: written }).set(bearer(police.accessToken)).expect(200);
      expect(listed.body.items.map((weapon: Weapon) => weapon.id)).toEqual([stolen.id]);
    });
  });

  it('keeps the trace search confusable class on top of the folding (Cyrillic letters and I for 1)', async () => {
    const found = await search('\u041A\u0425-5273I').expect(200);
    expect(found.body.items[0]).toMatchObject({ weapon: { id: stolen.id }, match: 'confusable' });
  });

  it('refuses a serial that holds a symbol that cannot fold, naming serialNumber', async () => {
    const holder = await makeHolder(t, officer);
    for (const serialNumber of UNFOLDABLE) {
      const response = await post(weaponBody(holder.id, { serialNumber }));
      expect({ serialNumber, status: response.status, code: response.body.code }).toEqual({ serialNumber, status: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.errors).toEqual([{ field: 'serialNumber', message: expect.any(String) }]);
    }
    const searched = await search('AB#1234').expect(400);
    expect(searched.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'serial' }] });
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM weapons WHERE holder_id = $1`, [holder.id]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses the same in an import, row by row, and lands the good rows', async () => {
    const holder = await importHolder(t, officer);
    const good = importRow(holder, { serialNumber: `\u041C\u0422-${randomInt(1e5, 1e6)}` });
    const view = await importFile(t, admin, [good, importRow(holder, { serialNumber: 'AB#123' }), importRow(holder, { serialNumber: '\u039A\u03A7 52731' })]);
    expect(view).toMatchObject({ status: 'completed', accepted: 1, rejected: 2 });
    expect(view.errors).toEqual([
      { row: 3, code: 'VALIDATION_FAILED', message: expect.stringContaining('serialNumber') },
      { row: 4, code: 'MARKING_REPORTED_STOLEN', message: expect.stringContaining(stolen.id) },
    ]);
    const landed = await t.http.get('/api/v1/weapons').query({ serial: good.serialNumber!.replace(/^\u041C\u0422/, 'MT') }).set(bearer(police.accessToken)).expect(200);
    expect(landed.body.items).toHaveLength(1);
  });

  it('refuses a correction to a look-alike of another weapon marking with DUPLICATE_MARKING', async () => {
    const holder = await makeHolder(t, officer);
    const base = randomInt(1e5, 1e6);
    const taken = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Beretta', serialNumber: `PB-${base}` }));
    const weapon = await registerWeapon(t, officer, weaponBody(holder.id, { make: 'Beretta', serialNumber: `PB-${base + 1}` }));
    const refused = await t.http
      .post(`/api/v1/weapons/${weapon.id}/corrections`)
      .set(bearer(officer.accessToken))
      .send({ changes: { serialNumber: 'PB#1' }, reason: 'misread' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'changes.serialNumber', message: expect.any(String) }]);
    const proposed = await t.http
      .post(`/api/v1/weapons/${weapon.id}/corrections`)
      .set(bearer(officer.accessToken))
      .send({ changes: { serialNumber: `\u0420\u0412\u2013${base}` }, reason: 'misread' })
      .expect(201);
    const approval = await t.http.post(`/api/v1/corrections/${proposed.body.id}/approve`).set(bearer(supervisor.accessToken));
    expect(approval.status).toBe(409);
    expect(approval.body.code).toBe('DUPLICATE_MARKING');
    expect(approval.body.detail).toContain(taken.id);
    const unchanged = await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken)).expect(200);
    expect(unchanged.body).toMatchObject({ serialNumber: `PB-${base + 1}`, version: weapon.version });
  });
});

describe('markings: the migration refolds registered weapons', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let auditor: TestUser;
  let owner: DataSource;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
    auditor = await t.user(admin, ['auditor']);
    owner = await new DataSource({ type: 'postgres', url: t.env.DATABASE_URL, poolSize: 1 }).initialize();
  });
  afterAll(async () => {
    await owner?.destroy();
    await t.close();
  });

  async function migrate(direction: 'up' | 'down'): Promise<void> {
    const runner = owner.createQueryRunner();
    await runner.startTransaction();
    try {
      await new MarkingsFolding1795878600000()[direction](runner);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** A copy of `from` bearing `serialNumber`, folded as the registry folded it before (upper case, ASCII separators removed). */
  async function legacyWeapon(from: Weapon, serialNumber: string): Promise<string> {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO weapons (registry_number, make, make_key, model, type, calibre, serial_number, serial_normalized,
                            country_of_manufacture, acquisition, status, holder_id, district, registered_at)
       SELECT 'PA-1999-' || lpad($2::text, 7, '0'), make, make_key, model, type, calibre, $3, $4, country_of_manufacture,
              acquisition, 'active', holder_id, district, now() + $5::interval
         FROM weapons WHERE id = $1
       RETURNING id`,
      [from.id, randomInt(1, 9_999_999), serialNumber, serialNumber.toUpperCase().replace(/[\s\-./\\]/g, ''), `${randomInt(1, 1000)} ms`],
    );
    return rows[0].id;
  }

  it('gives every weapon the new folding; weapons that now share a marking stay, flagged, and reconciliation reports them', async () => {
    const holder = await makeHolder(t, officer);
    const original = await registerWeapon(t, officer, weaponBody(holder.id, { serialNumber: 'KX-52731' }));
    await migrate('down');

    const cyrillic = await legacyWeapon(original, '\u041A\u0425-52731');
    const greek = await legacyWeapon(original, '\u039A\u03A7\u201352731');
    const fullWidth = await legacyWeapon(original, '\uFF2C\uFF2D\uFF0D\uFF11\uFF12\uFF13\uFF14');
    const star = await legacyWeapon(original, 'AB\u2605123');
    const before = await t.db.query(`SELECT id, serial_normalized FROM weapons WHERE id = ANY($1) ORDER BY serial_number`, [[cyrillic, greek]]);
    expect(before.rows.map((row) => row.serial_normalized).sort()).toEqual(['\u039A\u03A7\u201352731', '\u041A\u042552731']);

    await migrate('up');

    const { rows } = await t.db.query<{ id: string; serial_normalized: string; serial_confusable: string; marking_duplicate: number }>(
      `SELECT id, serial_normalized, serial_confusable, marking_duplicate FROM weapons WHERE id = ANY($1)`,
      [[original.id, cyrillic, greek, fullWidth, star]],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(original.id)).toMatchObject({ serial_normalized: 'KX52731', serial_confusable: foldConfusables('KX52731'), marking_duplicate: 0 });
    for (const id of [cyrillic, greek]) {
      expect(byId.get(id)).toMatchObject({ serial_normalized: 'KX52731', serial_confusable: foldConfusables('KX52731') });
    }
    expect([byId.get(cyrillic)!.marking_duplicate, byId.get(greek)!.marking_duplicate].sort()).toEqual([1, 2]);
    expect(byId.get(fullWidth)).toMatchObject({ serial_normalized: 'LM1234', marking_duplicate: 0 });
    expect(byId.get(star)).toMatchObject({ serial_normalized: 'AB\u2605123', marking_duplicate: 0 });
    const constraint = await t.db.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'uq_weapons_marking'`);
    expect(constraint.rows).toEqual([{ def: 'UNIQUE (make_key, serial_normalized, marking_duplicate)' }]);

    // The marking is still taken: a new registration of any of its writings is refused.
    const again = await t.http.post('/api/v1/weapons').set(bearer(officer.accessToken)).send(weaponBody(holder.id, { serialNumber: 'kx 52731' }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE_MARKING');
    const listed = await t.http.get('/api/v1/weapons').query({ serial: 'KX-52731' }).set(bearer(officer.accessToken)).expect(200);
    expect(listed.body.items.map((weapon: Weapon) => weapon.id).sort()).toEqual([original.id, cyrillic, greek].sort());

    const run = await reconcile(t, auditor);
    expect(run.status).toBe('completed');
    const duplicates = await allFindings(t, auditor, run.id, 'POSSIBLE_DUPLICATE');
    expect(duplicates.map((finding) => finding.weaponId).sort()).toEqual([original.id, cyrillic, greek].sort());
    for (const finding of duplicates) {
      expect((finding.evidence.otherWeaponIds as string[]).sort()).toEqual([original.id, cyrillic, greek].filter((id) => id !== finding.weaponId).sort());
    }
  });
});

import { randomInt } from 'node:crypto';
import { makeHolder, registerWeapon, weaponBody } from '../support/registry';
import { bearer, TestApp, type TestUser } from '../support/test-app';
import { reportFigures, scaled } from './support/figures';

const ROUNDS = scaled('FAULTS_ROUNDS', 5);
const PARALLEL = scaled('FAULTS_PARALLEL', 20);

describe('races (faults)', () => {
  let t: TestApp;
  let officer: TestUser;

  beforeAll(async () => {
    t = await TestApp.start({ DATABASE_POOL_SIZE: '20' });
    const admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
  });
  afterAll(() => t.close());

  it(`${ROUNDS} rounds of ${PARALLEL} simultaneous transfers of one weapon: exactly one succeeds each round`, async () => {
    const holders = [await makeHolder(t, officer), await makeHolder(t, officer)];
    const weapon = await registerWeapon(t, officer, weaponBody(holders[0].id));
    let version = weapon.version;
    const statuses: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      const [from, to] = round % 2 === 0 ? holders : [holders[1], holders[0]];
      const responses = await Promise.all(
        Array.from({ length: PARALLEL }, () =>
          t.http
            .post('/api/v1/transfers')
            .set(bearer(officer.accessToken))
            .send({ weaponId: weapon.id, fromOwnerId: from.id, toOwnerId: to.id, kind: 'sale', date: '2026-01-10', weaponVersion: version }),
        ),
      );
      for (const response of responses) statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      expect(responses.filter((response) => response.status >= 500)).toEqual([]);
      for (const refused of responses.filter((response) => response.status !== 201)) {
        expect({ status: refused.status, type: refused.headers['content-type'] }).toEqual({
          status: 409,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
      }
      const now = await t.http.get(`/api/v1/weapons/${weapon.id}`).set(bearer(officer.accessToken)).expect(200);
      expect(now.body.holderId).toBe(to.id);
      version = now.body.version;
    }
    const { rows } = await t.db.query<{ count: string }>('SELECT count(*) FROM transfers WHERE weapon_id = $1', [weapon.id]);
    expect(Number(rows[0].count)).toBe(ROUNDS);
    reportFigures('transfer race', { rounds: ROUNDS, parallel: PARALLEL, requests: ROUNDS * PARALLEL, statuses: JSON.stringify(statuses) });
  });

  it(`${PARALLEL} simultaneous registrations of one marking make exactly one weapon`, async () => {
    const holder = await makeHolder(t, officer);
    const serialNumber = `RACE-${randomInt(1, 2 ** 40).toString(36).toUpperCase()}`;
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        t.http.post('/api/v1/weapons').set(bearer(officer.accessToken)).send(weaponBody(holder.id, { serialNumber })),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    const refused = responses.filter((response) => response.status !== 201);
    expect(refused.map((response) => `${response.status} ${response.body.code}`)).toEqual(refused.map(() => '409 DUPLICATE_MARKING'));
    const { rows } = await t.db.query<{ count: string }>('SELECT count(*) FROM weapons WHERE serial_number = $1', [serialNumber]);
    expect(Number(rows[0].count)).toBe(1);
  });
});

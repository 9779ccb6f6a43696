import { Client } from 'pg';
import { daysFromToday, makeHolder, registerWeapon, weaponBody } from '../support/registry';
import { databaseUrl, withAdminClient } from '../support/run';
import { bearer, TestApp, type TestUser } from '../support/test-app';

/** The lease of IdempotencyService (15 s) with room to spare: a bound on waiting, not a timing claim. */
const LEASE_BOUND_MS = 60_000;

async function until<T>(what: string, probe: () => Promise<T | undefined>, boundMs = LEASE_BOUND_MS): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('idempotency leases', () => {
  let t: TestApp;
  let officer: TestUser;
  /** A connection of the test's own to the service's database, outside the service's pool. */
  let owner: Client;

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer']);
    owner = new Client({ connectionString: databaseUrl(t.databaseName) });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const transfer = (body: Record<string, unknown>, key: string) =>
    t.http.post('/api/v1/transfers').set(bearer(officer.accessToken)).set('Idempotency-Key', key).send(body);

  async function saleBody(): Promise<Record<string, unknown>> {
    const seller = await makeHolder(t, officer);
    const buyer = await makeHolder(t, officer);
    const weapon = await registerWeapon(t, officer, weaponBody(seller.id));
    return { weaponId: weapon.id, fromOwnerId: seller.id, toOwnerId: buyer.id, kind: 'sale', date: daysFromToday(-1), weaponVersion: weapon.version };
  }

  /** Holds the weapon's row lock on the test's connection, so a transfer of it waits inside its transaction. */
  async function holdWeapon(weaponId: unknown): Promise<void> {
    await owner.query('BEGIN');
    await owner.query('SELECT id FROM weapons WHERE id = $1 FOR UPDATE', [weaponId]);
  }

  /** Waits until one of the service's connections waits for a lock (the transfer, blocked on the weapon). */
  function blockedOnLock(): Promise<true> {
    return until('the transfer to wait for the weapon lock', async () => {
      const { rows } = await owner.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'firearms-registry' AND wait_event_type = 'Lock'`,
      );
      return rows[0].n > 0 ? true : undefined;
    });
  }

  async function keyState(key: string): Promise<string | undefined> {
    const { rows } = await owner.query('SELECT state FROM idempotency_keys WHERE key = $1', [key]);
    return rows[0]?.state;
  }

  it('frees a key whose request lost its database connection and could not release it, without the two-minute wait', async () => {
    const body = await saleBody();
    await holdWeapon(body.weaponId);
    const cut = transfer(body, 'cut-off-key').then((response) => response);
    await blockedOnLock();
    expect(await keyState('cut-off-key')).toBe('in_progress');
    // The scope is the route, as it was before the edge built it: keys stored then still replay.
    const { rows: scopes } = await owner.query('SELECT scope FROM idempotency_keys WHERE key = $1', ['cut-off-key']);
    expect(scopes).toEqual([{ scope: 'POST /transfers' }]);

    // The database goes out of the service's reach: its connections are killed and new ones refused,
    // so the request fails and so does its clean-up.
    await withAdminClient(async (admin) => {
      await admin.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS false`);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'firearms-registry'`,
        [t.databaseName],
      );
    });
    let failed;
    try {
      failed = await cut;
    } finally {
      await withAdminClient((admin) => admin.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS true`));
      await owner.query('ROLLBACK');
    }
    expect(failed.status).toBeGreaterThanOrEqual(500);
    // The release was cut off too: the key is still claimed.
    expect(await keyState('cut-off-key')).toBe('in_progress');

    const retried = await until('the key to be free again', async () => {
      const response = await transfer(body, 'cut-off-key');
      if (response.status === 409 && response.body.code === 'IDEMPOTENCY_IN_PROGRESS') return undefined;
      return response;
    });
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const replay = await transfer(body, 'cut-off-key');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(retried.body);
    const { rows } = await owner.query('SELECT count(*)::int AS n FROM transfers WHERE weapon_id = $1', [body.weaponId]);
    expect(rows[0].n).toBe(1);
  }, 120_000);

  it('keeps the key of a request that runs longer than one lease: a duplicate meanwhile is 409 IN_PROGRESS', async () => {
    const body = await saleBody();
    await holdWeapon(body.weaponId);
    let first;
    try {
      const pending = transfer(body, 'long-key').then((response) => response);
      await blockedOnLock();
      // Past one lease (15 s): only its renewals keep the key.
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      const duplicate = await transfer(body, 'long-key');
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      await owner.query('ROLLBACK');
      first = await pending;
    } finally {
      await owner.query('ROLLBACK');
    }
    expect(first.status).toBe(201);
    const replay = await transfer(body, 'long-key');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
  }, 120_000);
});

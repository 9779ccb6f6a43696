import { GENESIS_HASH } from '../../src/audit/chain/audit-chain';
import { recomputeChain } from '../support/audit';
import { bearer, DEFAULT_PASSWORD, TestApp, type TestUser } from '../support/test-app';

interface Row {
  seq: string;
  prev_hash: string;
  action: string;
}

describe('audit core', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
  });
  afterAll(() => t.close());

  const recompute = (): ReturnType<typeof recomputeChain> => recomputeChain(t);

  it('starts the chain at seq 1 from the genesis hash', async () => {
    const [first] = (await t.db.query<Row>('SELECT * FROM audit_entries WHERE seq = 1')).rows;
    expect(first.prev_hash).toBe(GENESIS_HASH);
    expect(first.action).toBe('user.created');
  });

  it('gives 50 concurrent audited writes consecutive seq numbers and a chain that recomputes', async () => {
    const before = await recompute();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http
          .post('/api/v1/users')
          .set(bearer(admin.accessToken))
          .send({ username: `concurrent-${i}`, password: DEFAULT_PASSWORD, fullName: `Concurrent ${i}`, roles: ['police'] }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    const created = (
      await t.db.query<{ seq: string }>(
        `SELECT seq FROM audit_entries WHERE action = 'user.created' AND entity_id = ANY($1::text[]) ORDER BY seq`,
        [responses.map((response) => response.body.id)],
      )
    ).rows.map((row) => Number(row.seq));
    expect(created).toEqual(Array.from({ length: 50 }, (_, i) => before.headSeq + 1 + i));
    const after = await recompute();
    expect(after.valid).toBe(true);
    expect(after.seqs).toEqual(Array.from({ length: after.headSeq }, (_, i) => i + 1));
    const requestIds = (
      await t.db.query<{ request_id: string }>(`SELECT request_id FROM audit_entries WHERE seq > $1`, [before.headSeq])
    ).rows.map((row) => row.request_id);
    expect(new Set(requestIds)).toEqual(new Set(responses.map((response) => response.headers['x-request-id'])));
  });

  it('writes nothing when the request fails: 10 racing creations of one username give one user and one entry', async () => {
    const before = await recompute();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http
          .post('/api/v1/users')
          .set(bearer(admin.accessToken))
          .send({ username: 'only-once', password: DEFAULT_PASSWORD, fullName: 'Only Once', roles: ['auditor'] }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const response of responses.filter((r) => r.status === 409)) expect(response.body.code).toBe('USERNAME_TAKEN');
    const after = await recompute();
    expect(after.headSeq).toBe(before.headSeq + 1);
    expect(after.valid).toBe(true);
  });

  describe('the database refuses to rewrite history', () => {
    it('refuses UPDATE on audit_entries', async () => {
      await expect(t.db.query(`UPDATE audit_entries SET action = 'forged' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    });

    it('refuses DELETE on audit_entries', async () => {
      await expect(t.db.query('DELETE FROM audit_entries WHERE seq = 1')).rejects.toThrow(/append-only/);
    });

    it('refuses TRUNCATE on audit_entries', async () => {
      await expect(t.db.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
    });

    it('refuses moving the chain head backwards or deleting it', async () => {
      await expect(t.db.query('UPDATE audit_head SET seq = 1')).rejects.toThrow(/only advances/);
      await expect(t.db.query('DELETE FROM audit_head')).rejects.toThrow(/only advances/);
    });

    it('leaves the chain intact after the refused attempts', async () => {
      const result = await recompute();
      expect(result.valid).toBe(true);
      const [first] = (await t.db.query<Row>('SELECT action FROM audit_entries WHERE seq = 1')).rows;
      expect(first.action).toBe('user.created');
    });
  });
});

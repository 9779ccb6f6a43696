import Redis from 'ioredis';
import { randomInt } from 'node:crypto';
import type { Pool } from 'pg';
import { daysFromToday, issueLicence, makeHolder, makeOwner, registerWeapon, weaponBody } from '../support/registry';
import { allFindings, pairs, reconcile, type Run, until } from '../support/reconciliation';
import { TEST_REDIS_URL } from '../support/run';
import { bearer, runCli, TestApp, type TestUser } from '../support/test-app';

const KINDS = [
  'HOLDER_MISMATCH',
  'HOLDER_UNLICENSED',
  'HOLDER_INACTIVE',
  'POSSIBLE_DUPLICATE',
  'AUDIT_CHAIN_INVALID',
  'MISSING_AUDIT',
  'MISSING_BALLISTICS',
  'SURRENDERED_BY_THIRD_PARTY',
  'TRACE_OVERDUE',
  'SURRENDER_OVERDUE',
  'CERTIFICATE_EXPIRED',
];

const counts = (found: Record<string, number>): Record<string, number> =>
  Object.fromEntries(KINDS.map((kind) => [kind, found[kind] ?? 0]));

/** A serial of its own, in letters with no look-alikes, so no other weapon folds onto it. */
const ownSerial = (prefix: string): string => `${prefix}-${randomInt(1, 2 ** 40).toString(36).toUpperCase().replace(/[OQDILSBZG0-9]/g, 'X')}${randomInt(1e5, 1e6)}`;

async function auditedActions(db: Pool, runId: string): Promise<Array<{ action: string; actor_username: string; request_id: string | null; after: Record<string, unknown> }>> {
  return (
    await db.query(
      `SELECT action, actor_username, request_id, after FROM audit_entries
        WHERE entity_type = 'reconciliation_run' AND entity_id = $1 ORDER BY seq`,
      [runId],
    )
  ).rows;
}

describe('reconciliation', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let police: TestUser;
  let auditor: TestUser;
  /** The weapon id each seeded case is expected to be found on. */
  const expected: Record<string, string[]> = {};
  let first: Run;

  const transfer = (body: Record<string, unknown>) =>
    t.http.post('/api/v1/transfers').set(bearer(officer.accessToken)).send({ date: daysFromToday(-1), documentRef: 'REC-1', ...body }).expect(201);

  beforeAll(async () => {
    t = await TestApp.start({ RECONCILE_CRON: '15 3 * * 1-5' });
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer'], { jurisdiction: null });
    police = await t.user(admin, ['police']);
    auditor = await t.user(admin, ['auditor']);

    // A registry in order: a transferred weapon with its ballistic test, and an exported one
    // (whose transfer has no recipient and whose holder stays the exporter).
    const seller = await makeHolder(t, officer);
    const buyer = await makeHolder(t, officer);
    const sold = await registerWeapon(t, officer, {
      ...weaponBody(seller.id, { serialNumber: ownSerial('OK') }),
      ballistics: { testedAt: daysFromToday(-5), laboratory: 'IMELCF', reference: 'BAL-1' },
    });
    await transfer({ weaponId: sold.id, fromOwnerId: seller.id, toOwnerId: buyer.id, kind: 'sale', weaponVersion: sold.version });
    const exported = await registerWeapon(t, officer, weaponBody(seller.id, { serialNumber: ownSerial('EX') }));
    await transfer({ weaponId: exported.id, fromOwnerId: seller.id, kind: 'export', destinationCountry: 'US', weaponVersion: exported.version });

    // HOLDER_MISMATCH: sold to a licensed buyer, then handed back to the seller behind the registry's back.
    const mismatched = await registerWeapon(t, officer, weaponBody(seller.id, { serialNumber: ownSerial('MM') }));
    await transfer({ weaponId: mismatched.id, fromOwnerId: seller.id, toOwnerId: buyer.id, kind: 'sale', weaponVersion: mismatched.version });
    await t.db.query('UPDATE weapons SET holder_id = $1 WHERE id = $2', [seller.id, mismatched.id]);
    expected.HOLDER_MISMATCH = [mismatched.id];

    // HOLDER_UNLICENSED: the holder's only licence is revoked while the weapon is active.
    const revokedHolder = await makeOwner(t, officer);
    const licence = await issueLicence(t, officer, revokedHolder.id);
    const unlicensed = await registerWeapon(t, officer, weaponBody(revokedHolder.id, { serialNumber: ownSerial('UL') }));
    await t.http.post(`/api/v1/licences/${licence.id}/revoke`).set(bearer(officer.accessToken)).send({ reason: 'Court order' }).expect(200);
    expected.HOLDER_UNLICENSED = [unlicensed.id];

    // HOLDER_INACTIVE: the holder is suspended while the weapon is lost (not held, not final).
    const suspended = await makeHolder(t, officer);
    const lost = await registerWeapon(t, officer, weaponBody(suspended.id, { serialNumber: ownSerial('IN') }));
    await t.http
      .post(`/api/v1/weapons/${lost.id}/events`)
      .set(bearer(officer.accessToken))
      .send({ kind: 'reported_lost', occurredAt: new Date().toISOString(), version: lost.version })
      .expect(201);
    await t.http
      .post(`/api/v1/owners/${suspended.id}/status`)
      .set(bearer(officer.accessToken))
      .send({ status: 'suspended', reason: 'Under investigation', version: suspended.version })
      .expect(200);
    expected.HOLDER_INACTIVE = [lost.id];

    // POSSIBLE_DUPLICATE: one make, serials equal once O/0 and S/5 are folded; found on both.
    const base = `${randomInt(1e5, 1e6)}`;
    const one = await registerWeapon(t, officer, weaponBody(seller.id, { make: 'Beretta', model: '92FS', serialNumber: `PO-S${base}` }));
    const two = await registerWeapon(t, officer, weaponBody(buyer.id, { make: 'beretta', model: '92FS', serialNumber: `P0-5${base}` }));
    expected.POSSIBLE_DUPLICATE = [one.id, two.id];

    // MISSING_AUDIT: a weapon row written straight into the table, with no registration entry.
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO weapons (registry_number, make, make_key, model, type, calibre, serial_number, serial_normalized,
                            country_of_manufacture, acquisition, status, holder_id, district)
       SELECT 'PA-1999-' || lpad($2::text, 7, '0'), make, make_key, model, type, calibre, $3, $3, country_of_manufacture,
              acquisition, 'active', holder_id, district
         FROM weapons WHERE id = $1
       RETURNING id`,
      [sold.id, randomInt(1, 9_999_999), ownSerial('NA').replace('-', '')],
    );
    expected.MISSING_AUDIT = [rows[0].id];

    // MISSING_BALLISTICS: registered 40 days ago and never tested.
    const untested = await registerWeapon(t, officer, weaponBody(buyer.id, { serialNumber: ownSerial('NB') }));
    await t.db.query(`UPDATE weapons SET registered_at = now() - interval '40 days' WHERE id = $1`, [untested.id]);
    expected.MISSING_BALLISTICS = [untested.id];

    // CERTIFICATE_EXPIRED: the two weapons changed behind the registry's back hold no certificate
    // for their holder: the mismatched one's names the buyer, the unaudited one has none.
    expected.CERTIFICATE_EXPIRED = [mismatched.id, rows[0].id];

    first = await reconcile(t, auditor);
  }, 120_000);
  afterAll(() => t.close());

  it('finds exactly the seeded cases, one set-based pass per kind, and counts them', async () => {
    expect(first).toMatchObject({ status: 'completed', trigger: 'manual', attempts: 1 });
    expect(first.startedAt).not.toBeNull();
    expect(first.finishedAt! >= first.startedAt!).toBe(true);
    const weapons = Number((await t.db.query('SELECT count(*) FROM weapons')).rows[0].count);
    expect(first.checked).toBe(weapons);
    expect(first.findingsByKind).toEqual(
      counts({
        HOLDER_MISMATCH: 1,
        HOLDER_UNLICENSED: 1,
        HOLDER_INACTIVE: 1,
        POSSIBLE_DUPLICATE: 2,
        MISSING_AUDIT: 1,
        MISSING_BALLISTICS: 1,
        CERTIFICATE_EXPIRED: 2,
      }),
    );
    expect(first.auditChain).toMatchObject({ valid: true, firstInvalidSeq: null });
    const findings = await allFindings(t, auditor, first.id);
    expect(pairs(findings)).toEqual(
      Object.entries(expected)
        .flatMap(([kind, ids]) => ids.map((id) => `${kind} ${id}`))
        .sort(),
    );
    const duplicates = findings.filter((finding) => finding.kind === 'POSSIBLE_DUPLICATE');
    for (const finding of duplicates) {
      const other = expected.POSSIBLE_DUPLICATE.find((id) => id !== finding.weaponId);
      expect(finding.evidence.otherWeaponIds).toEqual([other]);
    }
    const mismatch = findings.find((finding) => finding.kind === 'HOLDER_MISMATCH')!;
    expect(mismatch.evidence).toMatchObject({ lastTransferKind: 'sale' });
    expect(mismatch.evidence.expectedHolderId).not.toBe(mismatch.holderId);
    expect(findings.find((finding) => finding.kind === 'MISSING_AUDIT')!.evidence).toEqual({
      record: 'weapon',
      id: expected.MISSING_AUDIT[0],
      expectedAction: 'weapon.registered',
    });
    expect(findings.find((finding) => finding.kind === 'HOLDER_INACTIVE')!.evidence).toEqual({ holderStatus: 'suspended', weaponStatus: 'lost' });
  });

  it('audits the request with the asking request and the completion with its counts', async () => {
    const entries = await auditedActions(t.db, first.id);
    expect(entries.map((entry) => entry.action)).toEqual(['reconciliation_run.requested', 'reconciliation_run.completed']);
    expect(entries[0].actor_username).toBe(auditor.username);
    expect(entries[0].request_id).toEqual(expect.any(String));
    expect(entries[1].request_id).toBe(entries[0].request_id);
    expect(entries[1].after).toMatchObject({ status: 'completed', findingsByKind: first.findingsByKind, checked: first.checked });
  });

  it('finds the same again over unchanged data, in a run of its own', async () => {
    const second = await reconcile(t, admin);
    expect(second.id).not.toBe(first.id);
    expect(second.findingsByKind).toEqual(first.findingsByKind);
    expect(second.checked).toBe(first.checked);
    expect(pairs(await allFindings(t, admin, second.id))).toEqual(pairs(await allFindings(t, admin, first.id)));
  });

  it('does nothing when the job of a completed run is delivered again', async () => {
    const before = await allFindings(t, auditor, first.id);
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO queue_outbox (job_name, payload) VALUES ('reconciliation.run', $1::jsonb) RETURNING id`,
      [JSON.stringify({ runId: first.id })],
    );
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const job = `${t.env.QUEUE_PREFIX}:bulk:${rows[0].id}`;
      const done = await until('the redelivered job to finish', async () => {
        const fields = await redis.hgetall(job);
        return fields.finishedOn ? fields : null;
      });
      expect(JSON.parse(done.returnvalue)).toEqual({ runId: first.id, status: 'already finished' });
    } finally {
      redis.disconnect();
    }
    expect(await allFindings(t, auditor, first.id)).toEqual(before);
    const run = (await t.http.get(`/api/v1/reconciliation/runs/${first.id}`).set(bearer(auditor.accessToken)).expect(200)).body as Run;
    expect(run).toEqual(first);
    expect((await auditedActions(t.db, first.id)).map((entry) => entry.action)).toEqual([
      'reconciliation_run.requested',
      'reconciliation_run.completed',
    ]);
  });

  it('filters findings by kind and pages through them', async () => {
    const page1 = await t.http
      .get(`/api/v1/reconciliation/runs/${first.id}/findings`)
      .query({ kind: 'POSSIBLE_DUPLICATE', limit: 1 })
      .set(bearer(auditor.accessToken))
      .expect(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http
      .get(`/api/v1/reconciliation/runs/${first.id}/findings`)
      .query({ kind: 'POSSIBLE_DUPLICATE', limit: 1, cursor: page1.body.nextCursor })
      .set(bearer(auditor.accessToken))
      .expect(200);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    expect([page1.body.items[0].weaponId, page2.body.items[0].weaponId].sort()).toEqual([...expected.POSSIBLE_DUPLICATE].sort());
    expect(Object.keys(page1.body.items[0]).sort()).toEqual(['evidence', 'holderId', 'id', 'kind', 'weaponId']);

    const paged = await allFindings(t, auditor, first.id, undefined, 2);
    expect(paged).toHaveLength(9);
    expect(new Set(paged.map((finding) => finding.id)).size).toBe(9);
    expect(pairs(paged)).toEqual(pairs(await allFindings(t, auditor, first.id)));
    expect(await allFindings(t, auditor, first.id, 'AUDIT_CHAIN_INVALID')).toEqual([]);

    const unknownKind = await t.http.get(`/api/v1/reconciliation/runs/${first.id}/findings`).query({ kind: 'NOT_A_KIND' }).set(bearer(auditor.accessToken));
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.code).toBe('VALIDATION_FAILED');
    const forged = await t.http.get(`/api/v1/reconciliation/runs/${first.id}/findings`).query({ cursor: 'bm9wZQ' }).set(bearer(auditor.accessToken));
    expect(forged.status).toBe(400);
  });

  it('lists runs newest first', async () => {
    const latest = await reconcile(t, auditor);
    const page = await t.http.get('/api/v1/reconciliation/runs').query({ limit: 2 }).set(bearer(auditor.accessToken)).expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0].id).toBe(latest.id);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const rest = await t.http.get('/api/v1/reconciliation/runs').query({ cursor: page.body.nextCursor }).set(bearer(auditor.accessToken)).expect(200);
    expect(rest.body.items.map((run: Run) => run.id)).toContain(first.id);
  });

  it('keeps findings as written', async () => {
    await expect(t.db.query(`UPDATE reconciliation_findings SET evidence = '{}' WHERE run_id = $1`, [first.id])).rejects.toThrow(/kept as written/);
    await expect(t.db.query('DELETE FROM reconciliation_findings WHERE run_id = $1', [first.id])).rejects.toThrow(/kept as written/);
  });

  it('is for admins and auditors only', async () => {
    for (const user of [police, officer]) {
      const post = await t.http.post('/api/v1/reconciliation/runs').set(bearer(user.accessToken));
      expect(post.status).toBe(403);
      expect(post.body.code).toBe('FORBIDDEN');
      expect((await t.http.get(`/api/v1/reconciliation/runs/${first.id}`).set(bearer(user.accessToken))).status).toBe(403);
      expect((await t.http.get(`/api/v1/reconciliation/runs/${first.id}/findings`).set(bearer(user.accessToken))).status).toBe(403);
      expect((await t.http.get('/api/v1/reconciliation/runs').set(bearer(user.accessToken))).status).toBe(403);
    }
    expect((await t.http.post('/api/v1/reconciliation/runs')).status).toBe(401);
  });

  it('answers 404 for an unknown run and 400 for a malformed id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await t.http.get(`/api/v1/reconciliation/runs/${unknown}`).set(bearer(auditor.accessToken));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect((await t.http.get(`/api/v1/reconciliation/runs/${unknown}/findings`).set(bearer(auditor.accessToken))).status).toBe(404);
    const malformed = await t.http.get('/api/v1/reconciliation/runs/not-a-uuid').set(bearer(auditor.accessToken));
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
  });

  it('describes what it serves in the OpenAPI document', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body;
    expect(Object.keys(document.paths['/api/v1/reconciliation/runs']).sort()).toEqual(['get', 'post']);
    expect(document.paths['/api/v1/reconciliation/runs'].post.responses['202']).toBeDefined();
    expect(document.paths['/api/v1/reconciliation/runs/{id}'].get.responses['404']).toBeDefined();
    const findings = document.paths['/api/v1/reconciliation/runs/{id}/findings'].get;
    expect(findings.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(['cursor', 'id', 'kind', 'limit']);
    const { schemas } = document.components;
    expect(Object.keys(schemas.FindingCountsDto.properties).sort()).toEqual([...KINDS].sort());
    expect(Object.keys(schemas.FindingDto.properties).sort()).toEqual(['evidence', 'holderId', 'id', 'kind', 'weaponId']);
    expect(schemas.ReconciliationRunDto.properties.trigger.enum).toEqual(['manual', 'schedule']);
  });

  it('declares the schedule with RECONCILE_CRON in Panama time', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const scheduler = `${t.env.QUEUE_PREFIX}:bulk:repeat:reconciliation.run`;
      const declared = await until('the reconciliation schedule', async () => {
        const fields = await redis.hgetall(scheduler);
        return fields.pattern ? fields : null;
      });
      expect(declared).toMatchObject({ pattern: '15 3 * * 1-5', tz: 'America/Panama' });
    } finally {
      redis.disconnect();
    }
  });

  it('refuses to start with a bad RECONCILE_CRON, naming it', async () => {
    for (const cron of ['61 2 * * *', '0 2 * *', 'nightly']) {
      const result = await runCli('main.js', [], { RECONCILE_CRON: cron });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('RECONCILE_CRON');
    }
  });
});

describe('reconciliation on its schedule, and of a broken audit chain', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    // Every three seconds, so the test sees firings happen.
    t = await TestApp.start({ RECONCILE_CRON: '*/3 * * * * *' });
    admin = await t.bootstrapAdmin();
  });
  afterAll(() => t.close());

  it('makes one run per firing, with trigger "schedule"', async () => {
    const runs = await until(
      'two scheduled runs to complete',
      async () => {
        const { rows } = await t.db.query<{ id: string; firing: string }>(
          `SELECT id, firing FROM reconciliation_runs WHERE trigger = 'schedule' AND status = 'completed' ORDER BY created_at`,
        );
        return rows.length >= 2 ? rows : null;
      },
      30_000,
    );
    expect(new Set(runs.map((run) => run.firing)).size).toBe(runs.length);
    for (const run of runs) expect(run.firing).toMatch(/^repeat:reconciliation\.run:\d+$/);
    const shown = (await t.http.get(`/api/v1/reconciliation/runs/${runs[0].id}`).set(bearer(admin.accessToken)).expect(200)).body as Run;
    expect(shown).toMatchObject({ trigger: 'schedule', status: 'completed', findingsByKind: counts({}) });
    const entries = await auditedActions(t.db, runs[0].id);
    expect(entries.map((entry) => [entry.action, entry.actor_username])).toEqual([
      ['reconciliation_run.requested', 'schedule'],
      ['reconciliation_run.completed', 'queue'],
    ]);
    // Every run row of the schedule is a distinct firing: no firing made two.
    const { rows: doubled } = await t.db.query(`SELECT firing FROM reconciliation_runs WHERE trigger = 'schedule' GROUP BY firing HAVING count(*) > 1`);
    expect(doubled).toEqual([]);
  });

  it('reports an edited audit entry as one AUDIT_CHAIN_INVALID finding', async () => {
    const { rows } = await t.db.query<{ seq: string }>(`SELECT seq FROM audit_entries WHERE action = 'auth.login' ORDER BY seq LIMIT 1`);
    const seq = Number(rows[0].seq);
    await t.db.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
    try {
      await t.db.query(`UPDATE audit_entries SET actor_username = 'someone-else' WHERE seq = $1`, [seq]);
    } finally {
      await t.db.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
    }
    const run = await reconcile(t, admin);
    expect(run.status).toBe('completed');
    expect(run.findingsByKind).toEqual(counts({ AUDIT_CHAIN_INVALID: 1 }));
    expect(run.auditChain).toMatchObject({ valid: false, firstInvalidSeq: seq });
    const [finding] = await allFindings(t, admin, run.id, 'AUDIT_CHAIN_INVALID');
    expect(finding).toMatchObject({ weaponId: null, holderId: null, evidence: { firstInvalidSeq: seq, problem: expect.stringContaining(String(seq)) } });
  });
});

describe('a reconciliation that cannot complete', () => {
  let t: TestApp;
  let auditor: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.bootstrapAdmin();
    auditor = await t.user(admin, ['auditor']);
    // A holder changed behind the registry's back: the first kind checked finds it.
    const seller = await makeHolder(t, admin);
    const buyer = await makeHolder(t, admin);
    const weapon = await registerWeapon(t, admin, weaponBody(seller.id, { serialNumber: ownSerial('FA') }));
    await t.http
      .post('/api/v1/transfers')
      .set(bearer(admin.accessToken))
      .send({ weaponId: weapon.id, fromOwnerId: seller.id, toOwnerId: buyer.id, kind: 'sale', date: daysFromToday(-1), weaponVersion: weapon.version })
      .expect(201);
    await t.db.query('UPDATE weapons SET holder_id = $1 WHERE id = $2', [seller.id, weapon.id]);
  }, 120_000);
  afterAll(() => t.close());

  it('leaves no findings from its failed attempts and is marked failed after the last one', async () => {
    // Every attempt fails at the second kind (licences), after the first has inserted its finding.
    await t.db.query('ALTER TABLE licences RENAME TO licences_away');
    let run: Run;
    try {
      const accepted = await t.http.post('/api/v1/reconciliation/runs').set(bearer(auditor.accessToken)).expect(202);
      run = await until(
        'the run to fail',
        async () => {
          const shown = (await t.http.get(`/api/v1/reconciliation/runs/${accepted.body.id}`).set(bearer(auditor.accessToken)).expect(200)).body as Run;
          return shown.status === 'failed' ? shown : null;
        },
        100_000,
      );
    } finally {
      await t.db.query('ALTER TABLE licences_away RENAME TO licences');
    }
    expect(run).toMatchObject({ status: 'failed', attempts: 5, checked: null, findingsByKind: null });
    expect(run.failureReason).toMatch(/could not be reconciled \(5 attempts\)/);
    expect(run.failureReason).not.toMatch(/licences|relation|SQL/i);
    expect((await t.db.query('SELECT count(*)::int AS n FROM reconciliation_findings WHERE run_id = $1', [run.id])).rows[0].n).toBe(0);
    expect(await allFindings(t, auditor, run.id)).toEqual([]);
    expect((await auditedActions(t.db, run.id)).map((entry) => entry.action)).toEqual(['reconciliation_run.requested', 'reconciliation_run.failed']);

    const retried = await reconcile(t, auditor);
    // The holder changed behind the registry's back also holds no certificate of their own.
    expect(retried).toMatchObject({ status: 'completed', findingsByKind: counts({ HOLDER_MISMATCH: 1, CERTIFICATE_EXPIRED: 1 }) });
  }, 150_000);
});

import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Pool } from 'pg';
import { type ChainedEntry, type ChainedFields, entryHash } from '../../src/audit/chain/audit-chain';
import { type AuditRow, INSERT_ENTRY_SQL, insertEntryValues, toChainedEntry } from '../../src/audit/chain/audit-row';
import { checkpointMessage } from '../../src/audit/checkpoints/audit-checkpoint.signing';
import { backfillTree } from '../../src/audit/tree/audit-tree.sql';
import { makeOwner } from '../support/registry';
import { bearer, DEFAULT_PASSWORD, runCli, startPrepared, TestApp, type TestUser } from '../support/test-app';

const api = '/api/v1/audit';

/** An entry as stored, in the exact form that is hashed. */
async function storedEntry(db: Pool, seq: number): Promise<ChainedEntry> {
  const { rows } = await db.query<AuditRow>('SELECT * FROM audit_entries WHERE seq = $1', [seq]);
  return toChainedEntry(rows[0]);
}

/** Writes an entry straight into the table, as someone with the database in hand could. */
async function insertEntry(db: Pool, entry: ChainedEntry): Promise<void> {
  await db.query(INSERT_ENTRY_SQL, insertEntryValues(entry));
}

/** What only the database's owner can do: rewrite history with the append-only triggers off. */
async function asTableOwner(db: Pool, work: () => Promise<void>): Promise<void> {
  await db.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
  await db.query('ALTER TABLE audit_head DISABLE TRIGGER USER');
  try {
    await work();
  } finally {
    await db.query('ALTER TABLE audit_head ENABLE TRIGGER USER');
    await db.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
  }
}

async function headSeq(db: Pool): Promise<number> {
  return Number((await db.query<{ seq: string }>('SELECT seq FROM audit_head')).rows[0].seq);
}

async function verifyChain(t: TestApp, as: TestUser, query = ''): Promise<Record<string, unknown>> {
  const response = await t.http.get(`${api}/verify${query}`).set(bearer(as.accessToken));
  expect(response.status).toBe(200);
  return response.body as Record<string, unknown>;
}

/** Grows the chain by `count` valid entries set-based, as the table owner, like bench/seed-audit.ts, and its tree. */
async function seedEntries(db: Pool, count: number): Promise<number> {
  const [head] = (await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head')).rows;
  let seq = Number(head.seq);
  let prevHash = head.hash;
  const columns: unknown[][] = Array.from({ length: 13 }, () => []);
  const start = Date.now();
  for (let index = 0; index < count; index += 1) {
    seq += 1;
    const fields: ChainedFields = {
      seq,
      occurredAt: new Date(start + index).toISOString(),
      actorId: null,
      actorUsername: 'cli:seed',
      action: 'owner.updated',
      entityType: 'owner',
      entityId: randomUUID(),
      before: { status: 'active', n: index, address: { district: '8-05' } },
      after: { status: 'suspended', n: index, tags: ['a', 'b'], note: 'Línea "1"\nLínea 2' },
      requestId: null,
      clientIp: null,
    };
    const hash = entryHash(prevHash, fields);
    const row = [seq, fields.occurredAt, null, fields.actorUsername, fields.action, fields.entityType, fields.entityId,
      JSON.stringify(fields.before), JSON.stringify(fields.after), null, null, prevHash, hash];
    row.forEach((value, column) => columns[column].push(value));
    prevHash = hash;
  }
  await asTableOwner(db, async () => {
    await db.query(
      `INSERT INTO audit_entries (seq, occurred_at, actor_id, actor_username, action, entity_type, entity_id, before, after,
         request_id, client_ip, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::jsonb[], $9::jsonb[], $10::text[], $11::text[], $12::text[], $13::text[])`,
      columns,
    );
    await db.query('UPDATE audit_head SET seq = $1, hash = $2', [seq, prevHash]);
  });
  // The Merkle tree over the entries grows with them, as the service's appends keep it.
  await backfillTree({ query: async (sql, parameters) => (await db.query(sql, parameters)).rows });
  return seq;
}

/** A service of its own with a little history: users made, logged in and changed. */
async function appWithHistory(): Promise<{ t: TestApp; admin: TestUser; auditor: TestUser }> {
  return startPrepared(async (t) => {
    const admin = await t.bootstrapAdmin();
    const auditor = await t.user(admin, ['auditor']);
    for (let index = 0; index < 3; index += 1) await t.user(admin, ['police']);
    return { admin, auditor };
  });
}

describe('audit for auditors', () => {
  let t: TestApp;
  let admin: TestUser;
  let auditor: TestUser;
  let police: TestUser;
  let officer: TestUser;
  let workDir: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    auditor = await t.user(admin, ['auditor']);
    police = await t.user(admin, ['police']);
    officer = await t.user(admin, ['officer']);
    workDir = mkdtempSync(join(tmpdir(), 'audit-api-'));
  });
  afterAll(async () => {
    rmSync(workDir, { recursive: true, force: true });
    await t.close();
  });

  describe('roles', () => {
    const reads = ['/events', '/history/user/x', '/verify', '/export', '/checkpoints', '/public-key'];

    it('refuses police and officers with 403 on every audit endpoint, and anyone without a token with 401', async () => {
      for (const path of reads) {
        for (const user of [police, officer]) {
          const response = await t.http.get(`${api}${path}`).set(bearer(user.accessToken));
          expect([path, response.status, response.body.code]).toEqual([path, 403, 'FORBIDDEN']);
        }
        expect((await t.http.get(`${api}${path}`)).status).toBe(401);
      }
      for (const user of [police, officer]) {
        expect((await t.http.post(`${api}/checkpoints`).set(bearer(user.accessToken))).status).toBe(403);
      }
    });

    it('serves auditors and admins', async () => {
      for (const user of [auditor, admin]) {
        expect((await t.http.get(`${api}/events?limit=1`).set(bearer(user.accessToken))).status).toBe(200);
        expect((await t.http.get(`${api}/public-key`).set(bearer(user.accessToken))).status).toBe(200);
      }
    });

    it('documents every audit endpoint in the OpenAPI document', async () => {
      const document = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
      for (const path of ['/events', '/history/{entityType}/{entityId}', '/verify', '/export', '/checkpoints', '/public-key']) {
        expect(document.paths[`/api/v1/audit${path}`]).toBeDefined();
      }
      expect(document.paths['/api/v1/audit/checkpoints'].post).toBeDefined();
    });
  });

  describe('GET /audit/events', () => {
    it('lists entries oldest first with actor, hashes and request id, page by page', async () => {
      const first = await t.http.get(`${api}/events?limit=3`).set(bearer(auditor.accessToken));
      expect(first.status).toBe(200);
      expect(first.body.items.map((item: { seq: number }) => item.seq)).toEqual([1, 2, 3]);
      expect(first.body.items[0]).toMatchObject({
        seq: 1,
        action: 'user.created',
        actor: { id: null, username: expect.stringMatching(/^cli:/) },
        entityType: 'user',
        before: null,
        prevHash: '0'.repeat(64),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const second = await t.http.get(`${api}/events?limit=3&cursor=${first.body.nextCursor}`).set(bearer(auditor.accessToken));
      expect(second.body.items.map((item: { seq: number }) => item.seq)).toEqual([4, 5, 6]);
      expect(second.body.items[0].prevHash).toBe(first.body.items[2].hash);
    });

    it('filters by record, actor, action and time', async () => {
      const created = await t.http
        .post('/api/v1/users')
        .set(bearer(admin.accessToken))
        .send({ username: `filtered-${randomUUID().slice(0, 8)}`, password: DEFAULT_PASSWORD, fullName: 'Filtered', roles: ['police'] });
      const byEntity = await t.http.get(`${api}/events?entityType=user&entityId=${created.body.id}`).set(bearer(auditor.accessToken));
      expect(byEntity.body.items).toHaveLength(1);
      expect(byEntity.body.items[0]).toMatchObject({
        action: 'user.created',
        entityId: created.body.id,
        actor: { id: admin.id, username: admin.username },
        requestId: created.headers['x-request-id'],
      });
      const byActor = await t.http.get(`${api}/events?actorId=${admin.id}&action=user.created&limit=200`).set(bearer(auditor.accessToken));
      expect(byActor.body.items.length).toBeGreaterThanOrEqual(4);
      for (const item of byActor.body.items) expect(item).toMatchObject({ action: 'user.created', actor: { id: admin.id } });

      const at = new Date(byEntity.body.items[0].occurredAt).getTime();
      const window = `from=${new Date(at).toISOString()}&to=${new Date(at + 1).toISOString()}`;
      const byTime = await t.http.get(`${api}/events?${window}`).set(bearer(auditor.accessToken));
      expect(byTime.body.items.map((item: { seq: number }) => item.seq)).toContain(byEntity.body.items[0].seq);
      for (const item of byTime.body.items) expect(new Date(item.occurredAt).getTime()).toBe(at);
      const before = await t.http.get(`${api}/events?to=${new Date(at).toISOString()}&limit=200`).set(bearer(auditor.accessToken));
      for (const item of before.body.items) expect(new Date(item.occurredAt).getTime()).toBeLessThan(at);
    });

    it('refuses bad filters with 400 naming the field', async () => {
      const cases: Array<[string, string]> = [
        ['entityId=abc', 'entityId'],
        ['actorId=not-a-uuid', 'actorId'],
        ['from=yesterday', 'from'],
        ['from=2026-01-01T00:00:00', 'from'],
        ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
        ['cursor=bm90LWEtc2Vx', 'cursor'],
        ['limit=0', 'limit'],
        ['unknown=1', 'unknown'],
      ];
      for (const [query, field] of cases) {
        const response = await t.http.get(`${api}/events?${query}`).set(bearer(auditor.accessToken));
        expect([query, response.status, response.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      }
    });
  });

  describe('GET /audit/history/:entityType/:entityId', () => {
    it("gives an owner's creation, update and status change in order, each with its field-level diff", async () => {
      const owner = await makeOwner(t, admin, { name: 'Ana Castillo' });
      const updated = await t.http.patch(`/api/v1/owners/${owner.id}`).set(bearer(admin.accessToken)).send({ name: 'Ana Castillo de León', version: 1 });
      expect(updated.status).toBe(200);
      const suspended = await t.http
        .post(`/api/v1/owners/${owner.id}/status`)
        .set(bearer(admin.accessToken))
        .send({ status: 'suspended', reason: 'Pending investigation 42', version: 2 });
      expect(suspended.status).toBe(200);

      const history = await t.http.get(`${api}/history/owner/${owner.id}`).set(bearer(auditor.accessToken));
      expect(history.status).toBe(200);
      const [created, renamed, statusChanged] = history.body.items;
      expect(history.body.items.map((item: { action: string }) => item.action)).toEqual(['owner.created', 'owner.updated', 'owner.status_changed']);
      expect(created.seq).toBeLessThan(renamed.seq);
      expect(renamed.seq).toBeLessThan(statusChanged.seq);
      expect(created.actor).toEqual({ id: admin.id, username: admin.username });
      expect(created.diff.removed).toEqual([]);
      expect(created.diff.changed).toEqual([]);
      expect(created.diff.added).toEqual(
        expect.arrayContaining([
          { path: '/name', value: 'Ana Castillo' },
          { path: '/status', value: 'active' },
          { path: '/address', value: { district: '8-05', line: 'Calle 5, Los Andes' } },
        ]),
      );
      expect(renamed.diff).toMatchObject({ added: [], removed: [] });
      expect(renamed.diff.changed).toEqual(
        expect.arrayContaining([
          { path: '/name', old: 'Ana Castillo', new: 'Ana Castillo de León' },
          { path: '/version', old: 1, new: 2 },
        ]),
      );
      expect(renamed.diff.changed.map((change: { path: string }) => change.path)).not.toContain('/status');
      expect(statusChanged.diff.changed).toEqual(
        expect.arrayContaining([
          { path: '/status', old: 'active', new: 'suspended' },
          { path: '/statusReason', old: null, new: 'Pending investigation 42' },
          { path: '/version', old: 2, new: 3 },
        ]),
      );
      expect(statusChanged.requestId).toBe(suspended.headers['x-request-id']);
    });

    it("gives a user's creation, role change and disabling", async () => {
      const created = await t.http
        .post('/api/v1/users')
        .set(bearer(admin.accessToken))
        .send({ username: `history-${randomUUID().slice(0, 8)}`, password: DEFAULT_PASSWORD, fullName: 'History', roles: ['police'] });
      const id = created.body.id as string;
      await t.http.patch(`/api/v1/users/${id}`).set(bearer(admin.accessToken)).send({ roles: ['police', 'auditor'], version: 1 }).expect(200);
      await t.http.patch(`/api/v1/users/${id}`).set(bearer(admin.accessToken)).send({ disabled: true, version: 2 }).expect(200);
      const history = await t.http.get(`${api}/history/user/${id}`).set(bearer(auditor.accessToken));
      const items = history.body.items as Array<{ action: string; diff: { added: unknown[]; removed: unknown[]; changed: unknown[] } }>;
      expect(items.map((item) => item.action)).toEqual(['user.created', 'user.updated', 'user.disabled']);
      expect(items[1].diff.added).toEqual([{ path: '/roles/1', value: 'auditor' }]);
      expect(items[2].diff.changed).toEqual(expect.arrayContaining([{ path: '/disabled', old: false, new: true }]));
    });

    it('pages a long history and gives an empty one for a record without entries', async () => {
      const page = await t.http.get(`${api}/history/user/${admin.id}?limit=1`).set(bearer(auditor.accessToken));
      expect(page.body.items).toHaveLength(1);
      expect(page.body.nextCursor).toEqual(expect.any(String));
      const none = await t.http.get(`${api}/history/owner/${randomUUID()}`).set(bearer(auditor.accessToken));
      expect(none.body).toEqual({ items: [], nextCursor: null });
      expect((await t.http.get(`${api}/history/Not-A-Type/x`).set(bearer(auditor.accessToken))).status).toBe(400);
    });

    it('refuses an unknown or plural entity type with 400 naming entityType, in history and events alike', async () => {
      const owner = await makeOwner(t, admin, { name: 'Entity Type Check' });
      for (const path of [`${api}/history/owners/${owner.id}`, `${api}/history/weapons/${randomUUID()}`, `${api}/events?entityType=weapons`]) {
        const response = await t.http.get(path).set(bearer(auditor.accessToken));
        expect([path, response.status, response.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['entityType']);
      }
      const singular = await t.http.get(`${api}/history/owner/${owner.id}`).set(bearer(auditor.accessToken)).expect(200);
      expect(singular.body.items.map((item: { action: string }) => item.action)).toEqual(['owner.created']);
      await t.http.get(`${api}/events?entityType=owner&entityId=${owner.id}`).set(bearer(auditor.accessToken)).expect(200);
    });

    it('lists the entity types as an enum in the OpenAPI document', async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body;
      const typeOf = (path: string): { enum?: string[] } => {
        const parameter = doc.paths[path].get.parameters.find((p: { name: string }) => p.name === 'entityType');
        return parameter.schema;
      };
      for (const path of ['/api/v1/audit/history/{entityType}/{entityId}', '/api/v1/audit/events']) {
        expect(typeOf(path).enum).toEqual(expect.arrayContaining(['weapon', 'owner', 'licence', 'trace_request', 'destruction_batch', 'witness']));
        expect(typeOf(path).enum).not.toContain('weapons');
      }
    });
  });

  describe('GET /audit/verify', () => {
    it('finds the chain valid after normal use, whole or by range', async () => {
      const head = await headSeq(t.db);
      const whole = await verifyChain(t, auditor);
      expect(whole).toMatchObject({ valid: true, firstInvalidSeq: null, problem: null });
      expect(whole.headSeq).toBeGreaterThanOrEqual(head);
      expect(whole.checked).toBe(whole.headSeq);
      expect(whole.headHash).toBe((await storedEntry(t.db, whole.headSeq as number)).hash);
      const part = await verifyChain(t, admin, '?from=3&to=7');
      expect(part).toMatchObject({ valid: true, checked: 5, headSeq: 7, headHash: (await storedEntry(t.db, 7)).hash });
      expect((await t.http.get(`${api}/verify?from=7&to=3`).set(bearer(auditor.accessToken))).status).toBe(400);
    });
  });

  describe('signed checkpoints', () => {
    it('signs the head on request, after recording who asked, with a signature the public key verifies', async () => {
      const before = await headSeq(t.db);
      const response = await t.http.post(`${api}/checkpoints`).set(bearer(auditor.accessToken));
      expect(response.status).toBe(201);
      const checkpoint = response.body as { seq: number; hash: string; signedAt: string; keyId: string; signature: string };
      const entry = await storedEntry(t.db, checkpoint.seq);
      expect(checkpoint.seq).toBe(before + 1);
      expect(entry).toMatchObject({ action: 'audit.checkpoint_requested', actorId: auditor.id, hash: checkpoint.hash });

      const key = (await t.http.get(`${api}/public-key`).set(bearer(auditor.accessToken))).body as { keyId: string; algorithm: string; publicKey: string };
      expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: checkpoint.keyId });
      expect(key.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      const message = Buffer.from(`{"hash":"${checkpoint.hash}","seq":${checkpoint.seq},"signedAt":"${checkpoint.signedAt}"}`);
      expect(checkpointMessage(checkpoint).equals(message)).toBe(true);
      expect(verify(null, message, createPublicKey(key.publicKey), Buffer.from(checkpoint.signature, 'base64'))).toBe(true);

      const listed = await t.http.get(`${api}/checkpoints`).set(bearer(admin.accessToken));
      expect(listed.body).toContainEqual(checkpoint);
      const ranged = await t.http.get(`${api}/checkpoints?from=${checkpoint.seq}&to=${checkpoint.seq}`).set(bearer(admin.accessToken));
      expect(ranged.body).toEqual([checkpoint]);
      expect(await verifyChain(t, auditor)).toMatchObject({ valid: true, checkpointsChecked: expect.any(Number) });
    });

    it('is never rewritten: the database refuses UPDATE, DELETE and TRUNCATE of checkpoints', async () => {
      await t.http.post(`${api}/checkpoints`).set(bearer(auditor.accessToken)).expect(201);
      await expect(t.db.query(`UPDATE audit_checkpoints SET signature = 'x'`)).rejects.toThrow(/append-only/);
      await expect(t.db.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
      await expect(t.db.query('TRUNCATE audit_checkpoints')).rejects.toThrow(/append-only/);
    });
  });

  describe('GET /audit/export', () => {
    async function exportTo(file: string, query: string, as: TestUser = auditor): Promise<{ status: number; headers: Record<string, string> }> {
      const response = await t.http
        .get(`${api}/export${query}`)
        .set(bearer(as.accessToken))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      writeFileSync(file, response.body as Buffer);
      return { status: response.status, headers: response.headers as Record<string, string> };
    }

    async function saveCheckpointsAndKey(): Promise<{ checkpoints: string; key: string }> {
      const checkpoints = join(workDir, 'checkpoints.json');
      const key = join(workDir, 'public-key.json');
      writeFileSync(checkpoints, JSON.stringify((await t.http.get(`${api}/checkpoints`).set(bearer(auditor.accessToken))).body));
      writeFileSync(key, JSON.stringify((await t.http.get(`${api}/public-key`).set(bearer(auditor.accessToken))).body));
      return { checkpoints, key };
    }

    it('streams NDJSON that verifies on its own, and records the export before streaming it', async () => {
      const signed = (await t.http.post(`${api}/checkpoints`).set(bearer(auditor.accessToken))).body as { seq: number };
      const head = await headSeq(t.db);
      const file = join(workDir, 'export.ndjson');
      const response = await exportTo(file, '');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="audit-1-${head}.ndjson"`);
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line.seq)).toEqual(Array.from({ length: head }, (_, index) => index + 1));
      expect(Object.keys(lines[0]).sort()).toEqual(
        ['action', 'actorId', 'actorUsername', 'after', 'before', 'clientIp', 'entityId', 'entityType', 'hash', 'occurredAt', 'prevHash', 'requestId', 'seq'].sort(),
      );
      for (const line of lines.slice(0, 20)) {
        const { prevHash, hash, ...fields } = line as unknown as ChainedEntry;
        expect(entryHash(prevHash, fields)).toBe(hash);
      }

      const exported = await storedEntry(t.db, head + 1);
      expect(exported).toMatchObject({
        action: 'audit.exported',
        entityType: 'audit_export',
        actorId: auditor.id,
        after: { fromSeq: 1, toSeq: head, format: 'ndjson', requested: { from: null, to: null } },
      });

      const { checkpoints, key } = await saveCheckpointsAndKey();
      const result = await runCli('cli/audit-verify.js', ['--export', file, '--checkpoints', checkpoints, '--public-key', key, '--require-checkpoint'], {});
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`entries 1 to ${head} (${head}) recompute and link`);
      expect(result.stdout).toMatch(new RegExp(`checkpoint\\(s\\) inside the export match the chain .*seq [0-9, ]*\\b${signed.seq}\\b`));
      expect(result.stdout).toMatch(/OK$/m);
    });

    it('streams a CSV part of the chain that verifies on its own from its first link', async () => {
      await t.http.post(`${api}/checkpoints`).set(bearer(auditor.accessToken)).expect(201);
      const head = await headSeq(t.db);
      const file = join(workDir, 'part.csv');
      const response = await exportTo(file, `?from=4&to=${head}&format=csv`, admin);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="audit-4-${head}.csv"`);
      const text = readFileSync(file, 'utf8');
      expect(text.split('\r\n')[0]).toBe('seq,occurredAt,actorId,actorUsername,action,entityType,entityId,before,after,requestId,clientIp,prevHash,hash');
      expect(await storedEntry(t.db, head + 1)).toMatchObject({
        action: 'audit.exported',
        actorId: admin.id,
        after: { fromSeq: 4, toSeq: head, format: 'csv', requested: { from: 4, to: head } },
      });
      const { checkpoints, key } = await saveCheckpointsAndKey();
      const result = await runCli('cli/audit-verify.js', ['--export', file, '--checkpoints', checkpoints, '--public-key', key], {});
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`entries 4 to ${head}`);
      expect(result.stdout).toContain('the link of entry 4 to entry 3 is taken as given');
    });

    it('makes the offline verifier fail, naming the problem, when one byte of the file or of a signature changes', async () => {
      await t.http.post(`${api}/checkpoints`).set(bearer(auditor.accessToken)).expect(201);
      const file = join(workDir, 'tamper.ndjson');
      await exportTo(file, '');
      const { checkpoints, key } = await saveCheckpointsAndKey();
      const original = readFileSync(file);
      const lines = original.toString('utf8').split('\n');

      const target = lines.findIndex((line) => line.includes('"action":"auth.login"'));
      const seq = (JSON.parse(lines[target]) as { seq: number }).seq;
      const flipped = Buffer.from(original);
      const at = original.indexOf('"action":"auth.login"', 0) + '"action":"auth.'.length;
      flipped[at] = 'L'.charCodeAt(0);
      writeFileSync(file, flipped);
      const edited = await runCli('cli/audit-verify.js', ['--export', file, '--checkpoints', checkpoints, '--public-key', key], {});
      expect(edited.code).toBe(1);
      expect(edited.stderr).toContain(`FAILED: seq ${seq} (${file} line ${target + 1}): entry ${seq} does not match its hash`);

      const broken = Buffer.from(original);
      broken[0] = '['.charCodeAt(0);
      writeFileSync(file, broken);
      const unreadable = await runCli('cli/audit-verify.js', ['--export', file], {});
      expect(unreadable.code).toBe(1);
      expect(unreadable.stderr).toContain(`${file} line 1: the line is not valid JSON`);

      writeFileSync(file, original);
      const signed = JSON.parse(readFileSync(checkpoints, 'utf8')) as Array<{ seq: number; signature: string }>;
      const last = signed[signed.length - 1];
      last.signature = `${last.signature[0] === 'A' ? 'B' : 'A'}${last.signature.slice(1)}`;
      writeFileSync(checkpoints, JSON.stringify(signed));
      const forged = await runCli('cli/audit-verify.js', ['--export', file, '--checkpoints', checkpoints, '--public-key', key], {});
      expect(forged.code).toBe(1);
      expect(forged.stderr).toContain(`the checkpoint at seq ${last.seq} does not carry a valid signature`);

      const usage = await runCli('cli/audit-verify.js', [], {});
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('--export is required');
    });

    it('appends one audit.exported entry per export and refuses a backwards range', async () => {
      const before = await headSeq(t.db);
      await exportTo(join(workDir, 'one.ndjson'), '?from=1&to=2');
      await exportTo(join(workDir, 'two.ndjson'), '?from=2&to=3&format=csv');
      const actions = (await t.db.query<{ action: string }>('SELECT action FROM audit_entries WHERE seq > $1 ORDER BY seq', [before])).rows;
      expect(actions.map((row) => row.action)).toEqual(['audit.exported', 'audit.exported']);
      expect(readFileSync(join(workDir, 'one.ndjson'), 'utf8').trimEnd().split('\n')).toHaveLength(2);
      const backwards = await t.http.get(`${api}/export?from=5&to=2`).set(bearer(auditor.accessToken));
      expect(backwards.status).toBe(400);
      expect(await headSeq(t.db)).toBe(before + 2);
      expect((await t.http.get(`${api}/export?format=xml`).set(bearer(auditor.accessToken))).status).toBe(400);
    });
  });

  describe('the scheduled checkpoint job', () => {
    it('signs the head once it has moved, every AUDIT_CHECKPOINT_INTERVAL seconds', async () => {
      const app = await TestApp.start({ AUDIT_CHECKPOINT_INTERVAL: '10' });
      try {
        const first = await app.bootstrapAdmin();
        const head = await headSeq(app.db);
        let latest: { seq: number; hash: string } | undefined;
        for (let waited = 0; waited < 30_000 && (latest?.seq ?? 0) < head; waited += 500) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          const listed = (await app.http.get(`${api}/checkpoints?from=${head}`).set(bearer(first.accessToken))).body as Array<{ seq: number; hash: string }>;
          latest = listed[listed.length - 1];
        }
        expect(latest).toMatchObject({ seq: head, hash: (await storedEntry(app.db, head)).hash });
        expect(await headSeq(app.db)).toBe(head);
      } finally {
        await app.close();
      }
    });
  });

  describe('verify names the first bad seq when the table owner rewrites history', () => {
    it('an entry whose after was edited', async () => {
      const { t: app, auditor: reader } = await appWithHistory();
      try {
        const target = 3;
        await asTableOwner(app.db, async () => {
          await app.db.query(`UPDATE audit_entries SET after = jsonb_set(after, '{roles}', '["admin"]') WHERE seq = $1`, [target]);
        });
        expect(await verifyChain(app, reader)).toMatchObject({
          valid: false,
          firstInvalidSeq: target,
          problem: `entry ${target} does not match its hash: its contents were changed after it was written`,
        });
      } finally {
        await app.close();
      }
    });

    it('a deleted entry', async () => {
      const { t: app, auditor: reader } = await appWithHistory();
      try {
        await asTableOwner(app.db, async () => {
          await app.db.query('DELETE FROM audit_entries WHERE seq = 4');
        });
        expect(await verifyChain(app, reader)).toMatchObject({ valid: false, firstInvalidSeq: 4, headSeq: 3, problem: expect.stringMatching(/entry 4 is missing/) });
      } finally {
        await app.close();
      }
    });

    it('a forged entry put in place of a deleted one, with a recomputed hash but the wrong link', async () => {
      const { t: app, auditor: reader } = await appWithHistory();
      try {
        const original = await storedEntry(app.db, 5);
        const { prevHash: _prevHash, hash: _hash, ...fields } = original;
        const forgedFields = { ...fields, after: { roles: ['admin'] } };
        const wrongLink = (await storedEntry(app.db, 3)).hash;
        await asTableOwner(app.db, async () => {
          await app.db.query('DELETE FROM audit_entries WHERE seq = 5');
          await insertEntry(app.db, { ...forgedFields, prevHash: wrongLink, hash: entryHash(wrongLink, forgedFields) });
        });
        expect(await verifyChain(app, reader)).toMatchObject({ valid: false, firstInvalidSeq: 5, problem: expect.stringMatching(/entry 5 does not link/) });
      } finally {
        await app.close();
      }
    });

    it('a forged entry appended beyond the recorded head', async () => {
      const { t: app, auditor: reader } = await appWithHistory();
      try {
        const head = await headSeq(app.db);
        const last = await storedEntry(app.db, head);
        const fields = { ...last, seq: head + 1, action: 'user.forged', occurredAt: new Date().toISOString() };
        const { prevHash: _p, hash: _h, ...forged } = fields;
        await insertEntry(app.db, { ...forged, prevHash: last.hash, hash: entryHash(last.hash, forged) });
        expect(await verifyChain(app, reader)).toMatchObject({
          valid: false,
          firstInvalidSeq: head + 1,
          problem: expect.stringMatching(/beyond the recorded chain head/),
        });
      } finally {
        await app.close();
      }
    });

    it('an edited entry deep in a chain long enough to be checked on worker threads', async () => {
      const { t: app, auditor: reader } = await appWithHistory();
      try {
        const head = await seedEntries(app.db, 25_000);
        const checkpoint = await app.http.post(`${api}/checkpoints`).set(bearer(reader.accessToken));
        expect(checkpoint.status).toBe(201);
        expect(await verifyChain(app, reader)).toMatchObject({ valid: true, checked: head + 1, headSeq: head + 1, checkpointsChecked: expect.any(Number) });
        expect(await verifyChain(app, reader, '?from=10001&to=24000')).toMatchObject({ valid: true, checked: 14_000, headSeq: 24_000 });
        const target = head - 4321;
        await asTableOwner(app.db, async () => {
          await app.db.query(`UPDATE audit_entries SET after = jsonb_set(after, '{status}', '"active"') WHERE seq = $1`, [target]);
        });
        expect(await verifyChain(app, reader)).toMatchObject({ valid: false, firstInvalidSeq: target, headSeq: target - 1 });
        await asTableOwner(app.db, async () => {
          await app.db.query('DELETE FROM audit_entries WHERE seq = $1', [12_345]);
        });
        expect(await verifyChain(app, reader)).toMatchObject({ valid: false, firstInvalidSeq: 12_345, problem: expect.stringMatching(/entry 12345 is missing/) });
      } finally {
        await app.close();
      }
    });

    it('a consistent rewrite (every later hash recomputed, the head moved too) caught by a signed checkpoint', async () => {
      const { t: app, admin: first, auditor: reader } = await appWithHistory();
      try {
        const signed = (await app.http.post(`${api}/checkpoints`).set(bearer(reader.accessToken))).body as { seq: number };
        await app.user(first, ['police']);
        const head = await headSeq(app.db);
        await asTableOwner(app.db, async () => {
          let prevHash = (await storedEntry(app.db, 2)).hash;
          for (let seq = 3; seq <= head; seq += 1) {
            const { prevHash: _p, hash: _h, ...fields } = await storedEntry(app.db, seq);
            const rewritten = seq === 3 ? { ...fields, after: { roles: ['admin'] } } : fields;
            const hash = entryHash(prevHash, rewritten);
            await app.db.query('DELETE FROM audit_entries WHERE seq = $1', [seq]);
            await insertEntry(app.db, { ...rewritten, prevHash, hash });
            prevHash = hash;
          }
          await app.db.query('UPDATE audit_head SET hash = $1', [prevHash]);
        });
        expect(await verifyChain(app, reader, `?to=${signed.seq - 1}`)).toMatchObject({ valid: true });
        expect(await verifyChain(app, reader)).toMatchObject({
          valid: false,
          firstInvalidSeq: signed.seq,
          problem: expect.stringMatching(/the checkpoint signed .* the entries up to it were rewritten/),
        });
        const refused = await app.http.post(`${api}/checkpoints`).set(bearer(reader.accessToken));
        expect(refused.status).toBe(409);
        expect(refused.body.code).toBe('AUDIT_CHAIN_INVALID');
        expect(refused.body.detail).toContain(`no se verifica en seq ${signed.seq}`);
      } finally {
        await app.close();
      }
    });
  });
});

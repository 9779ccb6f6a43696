import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reconcile } from '../support/reconciliation';
import { bearer, DEFAULT_PASSWORD, runCli, TestApp, type TestUser } from '../support/test-app';

const api = '/api/v1/audit';

/*
 * An RFC 9162 client written here from the RFC's text (§2.1.1, §2.1.3.2, §2.1.4.2), independent
 * of the service's code: it recomputes roots from the stored entries and checks the proofs the
 * service returns.
 */
const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafOf = (entryHash: string): Buffer => sha256(Buffer.from([0x00]), Buffer.from(entryHash, 'hex'));
const interior = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([0x01]), left, right);

/** MTH(D[n]) over leaf hashes. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return interior(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function rfcInclusionValid(leafIndex: number, treeSize: number, hash: Buffer, path: Buffer[], root: Buffer): boolean {
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = hash;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = interior(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = interior(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

function rfcConsistencyValid(first: number, second: number, firstHash: Buffer, secondHash: Buffer, proof: Buffer[]): boolean {
  if (first === second) return proof.length === 0 && firstHash.equals(secondHash);
  const path = Number.isInteger(Math.log2(first)) ? [firstHash, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = interior(c, fr);
      sr = interior(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = interior(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstHash) && sr.equals(secondHash) && sn === 0;
}

const hexes = (list: string[]): Buffer[] => list.map((hash) => Buffer.from(hash, 'hex'));

/** C2SP signed-note key hash of an Ed25519 key. */
function keyHash(name: string, key: KeyObject): Buffer {
  const raw = Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');
  return sha256(Buffer.from(name, 'utf8'), Buffer.from([0x0a, 0x01]), raw).subarray(0, 4);
}

/** Whether the note carries a line by `name` whose key hash and Ed25519 signature over the text are `key`'s. */
function noteSigned(note: string, name: string, key: KeyObject): boolean {
  const [text, lines] = [note.slice(0, note.indexOf('\n\n') + 1), note.slice(note.indexOf('\n\n') + 2).split('\n').filter(Boolean)];
  return lines.some((line) => {
    const [dash, who, signature] = line.split(' ');
    const bytes = Buffer.from(signature, 'base64');
    return dash === '\u2014' && who === name && bytes.subarray(0, 4).equals(keyHash(name, key)) && verify(null, Buffer.from(text), key, bytes.subarray(4));
  });
}

describe('the audit log as a transparency log', () => {
  let t: TestApp;
  let admin: TestUser;
  let auditor: TestUser;
  let witnessUser: TestUser;
  let workDir: string;
  const witnessKeys = generateKeyPairSync('ed25519');

  const get = (path: string, as: TestUser = auditor) => t.http.get(`${api}${path}`).set(bearer(as.accessToken));
  const storedLeaves = async (): Promise<Buffer[]> =>
    (await t.db.query<{ hash: string }>('SELECT hash FROM audit_entries ORDER BY seq')).rows.map((row) => leafOf(row.hash));
  const sign201 = async (): Promise<Record<string, unknown>> => {
    const response = await t.http.post(`${api}/checkpoints`).set(bearer(auditor.accessToken));
    expect(response.status).toBe(201);
    return response.body as Record<string, unknown>;
  };
  const runWitness = (state: string): ReturnType<typeof runCli> =>
    runCli(
      'cli/audit-witness.js',
      ['--url', `${t.baseUrl}/api/v1`, '--state', state, '--key', join(workDir, 'witness.pem'), '--username', witnessUser.username],
      { AUDIT_WITNESS_PASSWORD: DEFAULT_PASSWORD },
    );

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.bootstrapAdmin();
    auditor = await t.user(admin, ['auditor']);
    witnessUser = await t.user(admin, ['witness']);
    for (let index = 0; index < 4; index += 1) await t.user(admin, ['police']);
    workDir = mkdtempSync(join(tmpdir(), 'audit-tlog-'));
    writeFileSync(join(workDir, 'witness.pem'), witnessKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  });

  afterAll(async () => {
    rmSync(workDir, { recursive: true, force: true });
    await t.close();
  });

  it('keeps the RFC 9162 tree of the entries: its head, and inclusion and consistency proofs an independent client accepts', async () => {
    const head = (await get('/tree-head').expect(200)).body as { treeSize: number; rootHash: string; headSeq: number; headHash: string };
    const leaves = await storedLeaves();
    expect(head.treeSize).toBe(leaves.length);
    expect(head.headSeq).toBe(leaves.length);
    expect(head.rootHash).toBe(mth(leaves).toString('hex'));
    const n = head.treeSize;
    for (const size of [n, n - 1, 7, 1]) {
      const root = mth(leaves.slice(0, size));
      for (let seq = 1; seq <= size; seq += 1) {
        const body = (await get(`/proofs/inclusion?seq=${seq}&treeSize=${size}`).expect(200)).body as Record<string, unknown>;
        expect(body).toMatchObject({ seq, treeSize: size, leafIndex: seq - 1, leafHash: leaves[seq - 1].toString('hex'), rootHash: root.toString('hex') });
        expect(rfcInclusionValid(seq - 1, size, leaves[seq - 1], hexes(body.proof as string[]), root)).toBe(true);
      }
    }
    for (let from = 1; from <= n; from += 1) {
      const body = (await get(`/proofs/consistency?from=${from}&to=${n}`).expect(200)).body as Record<string, unknown>;
      const fromRoot = mth(leaves.slice(0, from));
      expect(body).toMatchObject({ from, to: n, fromRoot: fromRoot.toString('hex'), toRoot: mth(leaves).toString('hex') });
      expect(rfcConsistencyValid(from, n, fromRoot, mth(leaves), hexes(body.proof as string[]))).toBe(true);
    }
    const defaulted = (await get('/proofs/inclusion?seq=2').expect(200)).body as { treeSize: number };
    expect(defaulted.treeSize).toBeGreaterThanOrEqual(n);
  });

  it('refuses proofs beyond the tree, or from after to, with 400 VALIDATION_FAILED', async () => {
    const size = ((await get('/tree-head').expect(200)).body as { treeSize: number }).treeSize;
    for (const query of [
      `/proofs/inclusion?seq=1&treeSize=${size + 5}`,
      '/proofs/inclusion?seq=4&treeSize=3',
      '/proofs/inclusion?seq=0',
      `/proofs/consistency?from=1&to=${size + 5}`,
      '/proofs/consistency?from=3&to=2',
      '/proofs/consistency?from=x&to=2',
    ]) {
      const response = await get(query);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('signs each checkpoint as a C2SP signed note over origin, size and root, served as text/plain', async () => {
    const checkpoint = await sign201();
    const size = checkpoint.seq as number;
    const leaves = await storedLeaves();
    const root = mth(leaves.slice(0, size));
    expect(checkpoint).toMatchObject({ treeSize: size, rootHash: root.toString('hex'), cosignatures: [] });
    const text = `pa-firearms-registry/audit\n${size}\n${root.toString('base64')}\n`;
    const note = checkpoint.note as string;
    expect(note.startsWith(`${text}\n\u2014 pa-firearms-registry/audit `)).toBe(true);
    const publicKey = createPublicKey(((await get('/public-key').expect(200)).body as { publicKey: string }).publicKey);
    expect(noteSigned(note, 'pa-firearms-registry/audit', publicKey)).toBe(true);
    const latest = await get('/checkpoints/latest').expect(200);
    expect(latest.headers['content-type']).toMatch(/^text\/plain/);
    expect(latest.text).toBe(note);
    const listed = (await get(`/checkpoints?from=${size}&to=${size}`).expect(200)).body as Array<Record<string, unknown>>;
    expect(listed[0]).toMatchObject({ seq: size, treeSize: size, rootHash: root.toString('hex'), note });
  });

  it('registers a witness whose user reads only the log, and takes each of its cosignatures once, checked', async () => {
    const rawKey = Buffer.from(witnessKeys.publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('base64');
    const body = { name: 'defensoria.example/witness', publicKey: rawKey, userId: witnessUser.id };
    expect((await t.http.post(`${api}/witnesses`).set(bearer(auditor.accessToken)).send(body)).status).toBe(403);
    const badKey = await t.http.post(`${api}/witnesses`).set(bearer(admin.accessToken)).send({ ...body, publicKey: 'bm90IGEga2V5' });
    expect(badKey.status).toBe(400);
    const created = await t.http.post(`${api}/witnesses`).set(bearer(admin.accessToken)).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: body.name, userId: witnessUser.id, keyId: keyHash(body.name, witnessKeys.publicKey).toString('hex') });
    const audited = await t.db.query('SELECT actor_id FROM audit_entries WHERE action = $1 AND entity_id = $2', ['witness.registered', created.body.id]);
    expect(audited.rows).toEqual([{ actor_id: admin.id }]);

    for (const path of ['/checkpoints', '/checkpoints/latest', '/public-key', '/tree-head', '/proofs/inclusion?seq=1', '/proofs/consistency?from=1&to=2']) {
      expect([path, (await get(path, witnessUser)).status]).toEqual([path, 200]);
    }
    const read = await get(`/witnesses/${String(created.body.id)}`).expect(200);
    expect(read.body).toEqual(created.body);
    const all = await get('/witnesses').expect(200);
    expect(all.body).toEqual(expect.arrayContaining([created.body]));
    for (const path of ['/events', '/verify', '/export', '/history/user/' + admin.id, '/witnesses']) {
      expect([path, (await get(path, witnessUser)).status]).toEqual([path, 403]);
    }
    expect((await t.http.get('/api/v1/reports').set(bearer(witnessUser.accessToken))).status).toBe(403);
    expect((await t.http.get('/api/v1/weapons').set(bearer(witnessUser.accessToken))).status).toBe(403);

    const checkpoint = await sign201();
    const size = checkpoint.seq as number;
    const text = (checkpoint.note as string).slice(0, (checkpoint.note as string).indexOf('\n\n') + 1);
    const cosign = (signature: string, as: TestUser = witnessUser) =>
      t.http.post(`${api}/checkpoints/${size}/cosignatures`).set(bearer(as.accessToken)).send({ signature });
    expect((await cosign(sign(null, Buffer.from(text), witnessKeys.privateKey).toString('base64'), auditor)).status).toBe(403);
    const wrong = await cosign(sign(null, Buffer.from(`${text}x`), witnessKeys.privateKey).toString('base64'));
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('INVALID_SIGNATURE');
    const good = sign(null, Buffer.from(text), witnessKeys.privateKey).toString('base64');
    expect((await cosign(good)).status).toBe(201);
    const again = await cosign(good);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_COSIGNED');

    const note = (await get('/checkpoints/latest', witnessUser).expect(200)).text;
    expect(note.startsWith(`${text}\n`)).toBe(true);
    const lines = note.slice(text.length + 1).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1].startsWith('\u2014 defensoria.example/witness ')).toBe(true);
    expect(noteSigned(note, 'defensoria.example/witness', witnessKeys.publicKey)).toBe(true);
    const listed = (await get(`/checkpoints?from=${size}&to=${size}`).expect(200)).body as Array<{ cosignatures: unknown[] }>;
    expect(listed[0].cosignatures).toEqual([{ witness: body.name, keyId: created.body.keyId, signature: good, signedAt: expect.any(String) }]);
  });

  it("gives a record's history with inclusion proofs against the latest signed checkpoint", async () => {
    const checkpoint = await sign201();
    await t.http.patch(`/api/v1/users/${witnessUser.id}`).set(bearer(admin.accessToken)).send({ roles: ['witness'], version: 1 });
    const history = (await get(`/history/user/${witnessUser.id}?proof=true`).expect(200)).body as {
      items: Array<{ seq: number; hash: string; proof: { treeSize: number; leafIndex: number; leafHash: string; rootHash: string; proof: string[] } | null }>;
    };
    expect(history.items.length).toBeGreaterThanOrEqual(1);
    let proven = 0;
    for (const item of history.items) {
      if (item.seq > (checkpoint.seq as number)) {
        expect(item.proof).toBeNull();
        continue;
      }
      proven += 1;
      expect(item.proof).toMatchObject({ treeSize: checkpoint.seq, leafIndex: item.seq - 1, leafHash: leafOf(item.hash).toString('hex'), rootHash: checkpoint.rootHash });
      const proof = item.proof as { proof: string[] };
      expect(rfcInclusionValid(item.seq - 1, checkpoint.seq as number, leafOf(item.hash), hexes(proof.proof), Buffer.from(checkpoint.rootHash as string, 'hex'))).toBe(true);
    }
    expect(proven).toBeGreaterThanOrEqual(1);
    const plain = (await get(`/history/user/${witnessUser.id}`).expect(200)).body as { items: Array<Record<string, unknown>> };
    expect(plain.items[0]).not.toHaveProperty('proof');
  });

  it('runs the witness program: it pins the key, cosigns, then cosigns only an extension it has checked', async () => {
    const state = join(workDir, 'witness-state.json');
    await sign201();
    const first = await runWitness(state);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('first run');
    const pinned = JSON.parse(readFileSync(state, 'utf8')) as { treeSize: number };
    const older = (await get('/checkpoints/latest').expect(200)).text;

    await t.user(admin, ['police']);
    const newer = await sign201();
    const second = await runWitness(state);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`consistent with the tree of ${pinned.treeSize} entries`);
    expect(second.stdout).toContain(`cosigned checkpoint ${newer.seq}`);
    const cosigned = await t.db.query('SELECT tree_size FROM audit_cosignatures ORDER BY tree_size');
    expect(cosigned.rows.map((row: { tree_size: string }) => Number(row.tree_size))).toEqual(expect.arrayContaining([pinned.treeSize, newer.seq]));

    // The offline verifier checks the same extension from two saved notes and a proof.
    const newerNote = (await get('/checkpoints/latest').expect(200)).text;
    writeFileSync(join(workDir, 'older.note'), older);
    writeFileSync(join(workDir, 'newer.note'), newerNote);
    writeFileSync(join(workDir, 'proof.json'), JSON.stringify((await get(`/proofs/consistency?from=${pinned.treeSize}&to=${newer.seq}`).expect(200)).body));
    writeFileSync(join(workDir, 'key.json'), JSON.stringify((await get('/public-key').expect(200)).body));
    const files = ['older.note', 'newer.note', 'proof.json'].map((file) => join(workDir, file));
    const extends_ = await runCli('cli/audit-verify.js', ['--public-key', join(workDir, 'key.json'), '--consistency', ...files], {});
    expect(extends_.stderr).toBe('');
    expect(extends_.code).toBe(0);
    const swapped = await runCli('cli/audit-verify.js', ['--public-key', join(workDir, 'key.json'), '--consistency', files[1], files[0], files[2]], {});
    expect(swapped.code).toBe(1);
    writeFileSync(join(workDir, 'forged.json'), JSON.stringify({ ...(JSON.parse(readFileSync(files[2], 'utf8')) as object), proof: [createHash('sha256').digest('hex')] }));
    const forged = await runCli('cli/audit-verify.js', ['--public-key', join(workDir, 'key.json'), '--consistency', files[0], files[1], join(workDir, 'forged.json')], {});
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('FORK');
  });

  it('catches a log cut back behind a signed checkpoint: verify names the first missing seq, the offline verifier and the witness refuse', async () => {
    await sign201();
    for (let index = 0; index < 3; index += 1) await t.user(admin, ['police']);
    const checkpoint = await sign201();
    const signedSize = checkpoint.seq as number;
    const keep = signedSize - 4;
    const keptHash = (await t.db.query<{ hash: string }>('SELECT hash FROM audit_entries WHERE seq = $1', [keep])).rows[0].hash;
    expect((await get('/verify').expect(200)).body).toMatchObject({ valid: true, firstInvalidSeq: null, checkpoints: { latestTreeSize: signedSize } });

    // The owner of the tables, triggers off: the newest entries and their tree nodes go, the head moves back.
    const tables = ['audit_entries', 'audit_head', 'audit_tree_nodes'];
    for (const table of tables) await t.db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    try {
      await t.db.query('DELETE FROM audit_entries WHERE seq > $1', [keep]);
      await t.db.query('DELETE FROM audit_tree_nodes WHERE (idx + 1) * (1::bigint << level) > $1', [keep]);
      await t.db.query('UPDATE audit_head SET seq = $1, hash = $2', [keep, keptHash]);
    } finally {
      for (const table of tables) await t.db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }

    const verified = (await get('/verify').expect(200)).body as Record<string, unknown>;
    expect(verified).toMatchObject({ valid: false, firstInvalidSeq: keep + 1, headSeq: keep, checkpoints: { latestTreeSize: signedSize } });
    expect(verified.problem).toContain('cut back');
    // The reconciliation's chain check fails the same way (its request and start are appended after the cut).
    const run = await reconcile(t, auditor);
    expect(run.auditChain?.valid).toBe(false);
    expect(run.auditChain?.firstInvalidSeq).toBeGreaterThan(keep);
    expect(run.auditChain?.firstInvalidSeq).toBeLessThanOrEqual(signedSize);
    expect(run.findingsByKind).toMatchObject({ AUDIT_CHAIN_INVALID: 1 });

    const cosignaturesBefore = (await t.db.query('SELECT count(*)::int AS n FROM audit_cosignatures')).rows[0].n as number;
    const refused = await runWitness(join(workDir, 'witness-state.json'));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('REFUSED, nothing cosigned');
    expect(refused.stderr).toContain('ROLLBACK');
    expect((await t.db.query('SELECT count(*)::int AS n FROM audit_cosignatures')).rows[0].n).toBe(cosignaturesBefore);

    const file = join(workDir, 'cut.ndjson');
    const exported = await t.http.get(`${api}/export?to=${keep}`).set(bearer(auditor.accessToken));
    expect(exported.status).toBe(200);
    writeFileSync(file, exported.text);
    writeFileSync(join(workDir, 'checkpoints.json'), JSON.stringify((await get('/checkpoints').expect(200)).body));
    writeFileSync(join(workDir, 'key.json'), JSON.stringify((await get('/public-key').expect(200)).body));
    const args = ['--export', file, '--checkpoints', join(workDir, 'checkpoints.json'), '--public-key', join(workDir, 'key.json')];
    const offline = await runCli('cli/audit-verify.js', args, {});
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain(`the checkpoint at seq ${signedSize} lies beyond the export's last entry (${keep})`);
    const partial = await runCli('cli/audit-verify.js', [...args, '--partial'], {});
    expect(partial.stderr).toBe('');
    expect(partial.code).toBe(0);
    expect(partial.stdout).toMatch(/signed tree root\(s\) match the Merkle tree of the export's entries/);
  });
});

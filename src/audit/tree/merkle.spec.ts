import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { verifyConsistency, verifyInclusion } from './merkle-verify';
import { appendLeaves, consistencyPlan, foldPlan, inclusionPlan, leafHash, mergingEdge, type NewNode, type NodeRef, nodeKey, rootPlan } from './merkle';

/* The reference: RFC 9162 §2.1 written as the text defines it, over the whole list of leaves. */
const sha = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const largestPowerBelow = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
function mth(data: Buffer[]): Buffer {
  if (data.length === 0) return sha();
  if (data.length === 1) return sha(Buffer.from([0]), data[0]);
  const k = largestPowerBelow(data.length);
  return sha(Buffer.from([1]), mth(data.slice(0, k)), mth(data.slice(k)));
}
function path(m: number, data: Buffer[]): Buffer[] {
  if (data.length <= 1) return [];
  const k = largestPowerBelow(data.length);
  return m < k ? [...path(m, data.slice(0, k)), mth(data.slice(k))] : [...path(m - k, data.slice(k)), mth(data.slice(0, k))];
}
function subproof(m: number, data: Buffer[], complete: boolean): Buffer[] {
  if (m === data.length) return complete ? [] : [mth(data)];
  const k = largestPowerBelow(data.length);
  return m <= k
    ? [...subproof(m, data.slice(0, k), complete), mth(data.slice(k))]
    : [...subproof(m - k, data.slice(k), false), mth(data.slice(0, k))];
}

/** Entry hashes (the leaf data) of a log of `size` entries. */
const entryHashes = (size: number, seed = 0): Buffer[] =>
  Array.from({ length: size }, (_, index) => sha(Buffer.from(`entry ${seed}:${index}`)));

/** The store the service keeps: leaves, plus the nodes appendLeaves completes, appended in the given batches. */
function buildStore(data: Buffer[], batches: number[]): Map<string, Buffer> {
  const store = new Map<string, Buffer>();
  let size = 0;
  let edge: NewNode[] = [];
  let at = 0;
  for (const batch of [...batches, data.length]) {
    const slice = data.slice(at, Math.min(data.length, at + Math.max(batch, 1)));
    if (slice.length === 0) break;
    slice.forEach((leaf, offset) => store.set(nodeKey({ level: 0, index: size + offset }), leafHash(leaf)));
    const merging = new Set(mergingEdge(size, slice.length).map(nodeKey));
    const result = appendLeaves(size, edge.filter((node) => merging.has(nodeKey(node))), slice.map(leafHash));
    for (const node of result.nodes) {
      expect(store.has(nodeKey(node))).toBe(false);
      store.set(nodeKey(node), node.hash);
    }
    edge = [...edge.filter((node) => !merging.has(nodeKey(node))), ...result.edge];
    size += slice.length;
    at += slice.length;
  }
  return store;
}

const lookup =
  (store: Map<string, Buffer>) =>
  (ref: NodeRef): Buffer => {
    const hash = store.get(nodeKey(ref));
    if (!hash) throw new Error(`node ${nodeKey(ref)} not stored`);
    return hash;
  };

describe('the audit Merkle tree (RFC 9162 §2.1)', () => {
  const MAX = 300;
  const data = entryHashes(MAX);
  const store = buildStore(data, [1, 2, 3, 7, 64, 1, 100]);

  it('gives the reference root for every size up to a few hundred', () => {
    for (let size = 1; size <= MAX; size += 1) {
      expect(foldPlan(rootPlan(size), lookup(store)).toString('hex')).toBe(mth(data.slice(0, size)).toString('hex'));
    }
  });

  it('gives the reference inclusion proof for every leaf of every size up to 64, and for random ones up to a few hundred', () => {
    const check = (m: number, n: number): void => {
      const proof = inclusionPlan(m, n).map((plan) => foldPlan(plan, lookup(store)).toString('hex'));
      expect(proof).toEqual(path(m, data.slice(0, n)).map((hash) => hash.toString('hex')));
    };
    for (let n = 1; n <= 64; n += 1) for (let m = 0; m < n; m += 1) check(m, n);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.constant(n))),
        ([m, n]) => check(m, n),
      ),
      { numRuns: 300 },
    );
  });

  it('gives the reference consistency proof for every pair of sizes up to 64, and for random ones up to a few hundred', () => {
    const check = (m: number, n: number): void => {
      const proof = consistencyPlan(m, n).map((plan) => foldPlan(plan, lookup(store)).toString('hex'));
      expect(proof).toEqual(subproof(m, data.slice(0, n), true).map((hash) => hash.toString('hex')));
    };
    for (let n = 1; n <= 64; n += 1) for (let m = 1; m <= n; m += 1) check(m, n);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        ([m, n]) => check(m, n),
      ),
      { numRuns: 300 },
    );
  });

  it('stores the same complete nodes however the appends are batched, and only complete ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), (size, batches) => {
        const leaves = entryHashes(size, size);
        const batched = buildStore(leaves, batches);
        const single = buildStore(leaves, Array.from({ length: size }, () => 1));
        expect([...batched.keys()].sort()).toEqual([...single.keys()].sort());
        for (const [key, hash] of batched) {
          const [level, index] = key.split(':').map(Number);
          const width = 2 ** level;
          expect((index + 1) * width).toBeLessThanOrEqual(size);
          expect(hash.equals(level === 0 ? leafHash(leaves[index]) : mth(leaves.slice(index * width, (index + 1) * width)))).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives proofs that the RFC 9162 client checks accept, and that fail once a hash is off or a step is missing', () => {
    const node = lookup(store);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        ([m, n]) => {
          const root = (size: number): Buffer => foldPlan(rootPlan(size), node);
          const inclusion = inclusionPlan(m - 1, n).map((plan) => foldPlan(plan, node));
          const leaf = leafHash(data[m - 1]);
          expect(verifyInclusion(m - 1, n, leaf, inclusion, root(n))).toBe(true);
          expect(verifyInclusion(m - 1, n, leafHash(data[m % n === m - 1 ? 0 : m % n]), inclusion, root(n))).toBe(n === 1 && m === 1);
          if (n > 1) expect(verifyInclusion(m - 1, n, leaf, inclusion, root(n - 1))).toBe(false);
          if (inclusion.length > 0) expect(verifyInclusion(m - 1, n, leaf, inclusion.slice(1), root(n))).toBe(false);
          const consistency = consistencyPlan(m, n).map((plan) => foldPlan(plan, node));
          expect(verifyConsistency(m, n, root(m), root(n), consistency)).toBe(true);
          if (m < n) {
            expect(verifyConsistency(m, n, root(m), root(n - 1), consistency)).toBe(false);
            expect(verifyConsistency(m, n, sha(root(m)), root(n), consistency)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a handful of nodes for a proof at a million entries', () => {
    const nodes = (plans: ReadonlyArray<readonly NodeRef[]>): number => new Set(plans.flat().map(nodeKey)).size;
    expect(nodes([...inclusionPlan(123_456, 1_000_000), rootPlan(1_000_000)])).toBeLessThanOrEqual(64);
    expect(nodes([...consistencyPlan(654_321, 1_000_000), rootPlan(654_321), rootPlan(1_000_000)])).toBeLessThanOrEqual(96);
  });
});

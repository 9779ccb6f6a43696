import { insertNodes, loadNodes, type Queryable } from './audit-tree.sql';
import {
  appendLeaves,
  consistencyPlan,
  foldPlan,
  inclusionPlan,
  leafHash,
  type NewNode,
  type NodeRef,
  nodeKey,
  mergingEdge,
  rootPlan,
  type SubtreePlan,
} from './merkle';

/** The stored tree disagrees with itself or with the log: a node a proof needs is not there. */
export class TreeNodeMissingError extends Error {
  constructor(readonly ref: NodeRef) {
    super(`audit tree node ${ref.level}:${ref.index} is missing`);
  }
}

/**
 * Adds the leaves of entries appended after a tree of `size` leaves, inside the caller's
 * transaction and under the head lock: `headHash` is the hash of entry `size` (the last leaf).
 * Reads the part of the right edge the leaves merge with (at most one indexed query; none for
 * a single leaf on an even size, whose only neighbour is the head), computes the completed
 * nodes in one pass and stores them with one insert.
 */
export async function appendToTree(runner: Queryable, size: number, headHash: string, entryHashes: readonly string[]): Promise<void> {
  const count = entryHashes.length;
  // Only the edge nodes the new leaves merge with are read: the one at level l merges once the
  // tree reaches the next multiple of 2^(l+1). They are the lowest ones of the edge.
  const edgeRefs = mergingEdge(size, count);
  if (count === 0 || (count === 1 && edgeRefs.length === 0)) return;
  const stored = await loadNodes(
    runner,
    edgeRefs.filter((ref) => ref.level > 0),
  );
  const edge: NewNode[] = edgeRefs.map((ref) => {
    // The edge's leaf, when there is one, is the last entry: the head.
    const hash = ref.level === 0 ? leafHash(Buffer.from(headHash, 'hex')) : stored.get(nodeKey(ref));
    if (!hash) throw new TreeNodeMissingError(ref);
    return { ...ref, hash };
  });
  const leaves = entryHashes.map((hash) => leafHash(Buffer.from(hash, 'hex')));
  const { nodes } = appendLeaves(size, edge, leaves);
  await insertNodes(runner, nodes);
}

/** Loads every node of `plans` in one query and folds each plan. */
async function foldAll(runner: Queryable, plans: readonly SubtreePlan[]): Promise<Buffer[]> {
  const refs = new Map<string, NodeRef>();
  for (const plan of plans) for (const ref of plan) refs.set(nodeKey(ref), ref);
  const nodes = await loadNodes(runner, [...refs.values()]);
  return plans.map((plan) =>
    foldPlan(plan, (ref) => {
      const hash = nodes.get(nodeKey(ref));
      if (!hash) throw new TreeNodeMissingError(ref);
      return hash;
    }),
  );
}

/** MTH of the first `size` entries. */
export async function treeRoot(runner: Queryable, size: number): Promise<Buffer> {
  const [root] = await foldAll(runner, [rootPlan(size)]);
  return root;
}

/** The roots of the trees of each of `sizes` leaves, read in one query. */
export function treeRoots(runner: Queryable, sizes: readonly number[]): Promise<Buffer[]> {
  return foldAll(runner, sizes.map(rootPlan));
}

export interface InclusionProof {
  leafHash: Buffer;
  rootHash: Buffer;
  proof: Buffer[];
}

/** RFC 9162 §2.1.3 for leaf `leafIndex` of the tree of `size` leaves (leafIndex < size ≤ stored size). */
export async function inclusionProof(runner: Queryable, leafIndex: number, size: number): Promise<InclusionProof> {
  const path = inclusionPlan(leafIndex, size);
  const [leaf, root, ...proof] = await foldAll(runner, [[{ level: 0, index: leafIndex }], rootPlan(size), ...path]);
  return { leafHash: leaf, rootHash: root, proof };
}

/** Inclusion proofs of several leaves in one tree, read in one query. */
export async function inclusionProofs(runner: Queryable, leafIndexes: readonly number[], size: number): Promise<InclusionProof[]> {
  const paths = leafIndexes.map((leafIndex) => inclusionPlan(leafIndex, size));
  const hashes = await foldAll(runner, [rootPlan(size), ...leafIndexes.map((index) => [{ level: 0, index }]), ...paths.flat()]);
  const rootHash = hashes[0];
  let at = 1 + leafIndexes.length;
  return paths.map((path, position) => {
    const proof = hashes.slice(at, at + path.length);
    at += path.length;
    return { leafHash: hashes[1 + position], rootHash, proof };
  });
}

export interface ConsistencyProof {
  fromRoot: Buffer;
  toRoot: Buffer;
  proof: Buffer[];
}

/** RFC 9162 §2.1.4 between the trees of `from` and `to` leaves (0 < from ≤ to ≤ stored size). */
export async function consistencyProof(runner: Queryable, from: number, to: number): Promise<ConsistencyProof> {
  const [fromRoot, toRoot, ...proof] = await foldAll(runner, [rootPlan(from), rootPlan(to), ...consistencyPlan(from, to)]);
  return { fromRoot, toRoot, proof };
}

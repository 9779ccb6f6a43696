import { createHash } from 'node:crypto';

/*
 * The Merkle tree of RFC 9162 §2.1 over the audit entries, as plans of stored nodes. Leaf n
 * (0-based) is the entry with seq n + 1; its leaf data is the entry's 32-byte hash. A node
 * (level, index) is the complete subtree over leaves [index·2^level, (index+1)·2^level): level 0
 * is a leaf hash, derived from audit_entries, and levels 1 and up are stored in
 * audit_tree_nodes once complete (never changed afterwards). Every subtree hash a proof needs
 * is a right fold of such complete nodes, so a proof is a handful of indexed lookups.
 */

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

/** SHA-256(0x00 ‖ leaf data). */
export function leafHash(entryHash: Buffer): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(entryHash).digest();
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = createHash('sha256').digest();

export interface NodeRef {
  level: number;
  index: number;
}

/** A subtree hash: the right fold of complete nodes, left to right (one node when the subtree is complete). */
export type SubtreePlan = readonly NodeRef[];

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The complete nodes whose right fold is MTH(D[start:end]), for the ranges RFC 9162's recursions
 * visit (start a multiple of the largest power of two not above end - start, or of one above).
 */
export function subtreePlan(start: number, end: number): SubtreePlan {
  const nodes: NodeRef[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    while (at % (size * 2) === 0 && at + size * 2 <= end) size *= 2;
    const level = Math.log2(size);
    nodes.push({ level, index: at / size });
    at += size;
  }
  return nodes;
}

/** The right edge of a tree of `size` leaves: the complete nodes whose fold is its root. */
export function rootPlan(size: number): SubtreePlan {
  return subtreePlan(0, size);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), each element as a subtree plan, leaf side first. */
export function inclusionPlan(leafIndex: number, treeSize: number): SubtreePlan[] {
  const path: SubtreePlan[] = [];
  let start = 0;
  let end = treeSize;
  let m = leafIndex;
  const stack: SubtreePlan[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      stack.push(subtreePlan(start + k, end));
      end = start + k;
    } else {
      stack.push(subtreePlan(start, start + k));
      start += k;
      m -= k;
    }
  }
  // The recursion appends on the way back up: the deepest sibling comes first.
  while (stack.length > 0) path.push(stack.pop() as SubtreePlan);
  return path;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) for 0 < m ≤ n, each element as a subtree plan. */
export function consistencyPlan(from: number, to: number): SubtreePlan[] {
  if (from === to) return [];
  const stack: SubtreePlan[] = [];
  let start = 0;
  let end = to;
  let m = from;
  let complete = true;
  for (;;) {
    if (m === end - start) {
      if (!complete) stack.push(subtreePlan(start, end));
      break;
    }
    const k = splitPoint(end - start);
    if (m <= k) {
      stack.push(subtreePlan(start + k, end));
      end = start + k;
    } else {
      stack.push(subtreePlan(start, start + k));
      start += k;
      m -= k;
      complete = false;
    }
  }
  return stack.reverse();
}

/** Folds a plan from the right: H(n0, H(n1, … H(n_{k-2}, n_{k-1}))). */
export function foldPlan(plan: SubtreePlan, node: (ref: NodeRef) => Buffer): Buffer {
  if (plan.length === 0) return EMPTY_ROOT;
  let hash = node(plan[plan.length - 1]);
  for (let at = plan.length - 2; at >= 0; at -= 1) hash = nodeHash(node(plan[at]), hash);
  return hash;
}

/**
 * The nodes of the right edge of a tree of `size` leaves that appending `count` leaves merges
 * with: the one at level l once the tree reaches the next multiple of 2^(l+1). They are the
 * lowest of the edge, and all appendLeaves needs.
 */
export function mergingEdge(size: number, count: number): NodeRef[] {
  return rootPlan(size).filter((ref) => {
    const block = 2 ** (ref.level + 1);
    return size + count >= (Math.floor(size / block) + 1) * block;
  });
}

/** Stored nodes are levels 1 and up; a key for maps of them. */
export const nodeKey = (ref: NodeRef): string => `${ref.level}:${ref.index}`;

/** A complete node that an append made, to be stored. */
export interface NewNode extends NodeRef {
  hash: Buffer;
}

/**
 * The nodes of levels ≥ 1 completed by appending `leaves` (leaf hashes) to a tree of `size`
 * leaves whose right edge is `edge` (rootPlan(size), or only its mergingEdge part, with each
 * node's hash), in one pass. Returns them with the new right edge (as far as it was given).
 */
export function appendLeaves(
  size: number,
  edge: ReadonlyArray<NewNode>,
  leaves: readonly Buffer[],
): { nodes: NewNode[]; edge: NewNode[] } {
  const stack: NewNode[] = edge.slice();
  const nodes: NewNode[] = [];
  let count = size;
  for (const leaf of leaves) {
    let top: NewNode = { level: 0, index: count, hash: leaf };
    count += 1;
    while (stack.length > 0 && stack[stack.length - 1].level === top.level) {
      const left = stack.pop() as NewNode;
      top = { level: top.level + 1, index: left.index / 2, hash: nodeHash(left.hash, top.hash) };
      nodes.push(top);
    }
    stack.push(top);
  }
  return { nodes, edge: stack };
}

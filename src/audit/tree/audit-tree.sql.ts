import { type NewNode, type NodeRef, leafHash, nodeKey } from './merkle';

/** Anything that runs a query: an EntityManager, a DataSource, a pg Client wrapped by the caller. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Complete nodes by (level, index), in one indexed query: levels ≥ 1 from audit_tree_nodes
 * (pk_audit_tree_nodes), leaves from audit_entries (pk_audit_entries, seq = index + 1).
 */
const NODES_SQL = `
  SELECT n.level, n.idx::text AS idx, n.hash
    FROM audit_tree_nodes n
    JOIN unnest($1::smallint[], $2::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx
  UNION ALL
  SELECT 0, (e.seq - 1)::text, decode(e.hash, 'hex')
    FROM audit_entries e
   WHERE e.seq = ANY($3::bigint[])`;

/** The stored hashes of `refs`; a leaf comes back as its leaf hash. A ref with no stored node is absent. */
export async function loadNodes(runner: Queryable, refs: readonly NodeRef[]): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  if (refs.length === 0) return found;
  const inner = refs.filter((ref) => ref.level > 0);
  const leaves = refs.filter((ref) => ref.level === 0).map((ref) => ref.index + 1);
  const rows = (await runner.query(NODES_SQL, [inner.map((ref) => ref.level), inner.map((ref) => ref.index), leaves])) as Array<{
    level: number;
    idx: string;
    hash: Buffer;
  }>;
  for (const row of rows) {
    const ref = { level: Number(row.level), index: Number(row.idx) };
    found.set(nodeKey(ref), ref.level === 0 ? leafHash(row.hash) : row.hash);
  }
  return found;
}

/** One set-based insert of the nodes an append completed. */
export async function insertNodes(runner: Queryable, nodes: readonly NewNode[]): Promise<void> {
  if (nodes.length === 0) return;
  await runner.query(
    `INSERT INTO audit_tree_nodes (level, idx, hash)
     SELECT level, idx, decode(hash, 'hex') FROM unnest($1::smallint[], $2::bigint[], $3::text[]) AS n(level, idx, hash)`,
    [nodes.map((node) => node.level), nodes.map((node) => node.index), nodes.map((node) => node.hash.toString('hex'))],
  );
}

/**
 * Builds the tree for every entry up to the recorded head that has no node yet, level by
 * level, set-based: each level's nodes from the pairs of the level below. For the migration
 * that adds the tree to an existing log and for seeded benchmark databases; the service keeps
 * the tree itself as it appends.
 */
export async function backfillTree(runner: Queryable): Promise<void> {
  await runner.query(`
    INSERT INTO audit_tree_nodes (level, idx, hash)
    SELECT 1, (l.seq - 1) / 2,
           sha256('\\x01'::bytea || sha256('\\x00'::bytea || decode(l.hash, 'hex')) || sha256('\\x00'::bytea || decode(r.hash, 'hex')))
      FROM audit_entries l
      JOIN audit_entries r ON r.seq = l.seq + 1
     WHERE l.seq % 2 = 1
       AND r.seq <= (SELECT seq FROM audit_head WHERE id = 1)
    ON CONFLICT ON CONSTRAINT pk_audit_tree_nodes DO NOTHING`);
  for (let level = 2; level < 63; level += 1) {
    const inserted = (await runner.query(
      `WITH made AS (
         INSERT INTO audit_tree_nodes (level, idx, hash)
         SELECT $1::smallint, l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash)
           FROM audit_tree_nodes l
           JOIN audit_tree_nodes r ON r.level = l.level AND r.idx = l.idx + 1
          WHERE l.level = $1::smallint - 1 AND l.idx % 2 = 0
         ON CONFLICT ON CONSTRAINT pk_audit_tree_nodes DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM made`,
      [level],
    )) as Array<{ n: number }>;
    if (inserted[0].n === 0) {
      const [more] = (await runner.query('SELECT EXISTS (SELECT 1 FROM audit_tree_nodes WHERE level = $1::smallint) AS e', [level])) as Array<{ e: boolean }>;
      if (!more.e) break;
    }
  }
}

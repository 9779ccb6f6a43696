import { GENESIS_HASH } from '../../src/audit/chain/audit-chain';
import { ChainCheck } from '../../src/audit/verification/audit-chain-check';
import { type AuditRow, toChainedEntry } from '../../src/audit/chain/audit-row';
import type { TestApp } from './test-app';

/** Recomputes the whole stored chain from seq 1, independently of the service, and checks the head. */
export async function recomputeChain(t: TestApp): Promise<{ valid: boolean; seqs: number[]; headSeq: number }> {
  const rows = (await t.db.query<AuditRow>('SELECT * FROM audit_entries ORDER BY seq')).rows;
  const verifier = new ChainCheck({ seq: 1, prevHash: GENESIS_HASH }, { otherKeys: 'hash-only' });
  for (const row of rows) verifier.feed(toChainedEntry(row));
  const [head] = (await t.db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head')).rows;
  const result = verifier.result();
  return {
    valid: result.valid && Number(head.seq) === result.headSeq && head.hash === result.headHash,
    seqs: rows.map((row) => Number(row.seq)),
    headSeq: Number(head.seq),
  };
}

/** The entries appended after `afterSeq`, oldest first. */
export async function entriesAfter(t: TestApp, afterSeq: number): Promise<Array<{ action: string; entity_id: string; before: unknown; after: unknown; request_id: string | null }>> {
  return (await t.db.query('SELECT action, entity_id, before, after, request_id FROM audit_entries WHERE seq > $1 ORDER BY seq', [afterSeq])).rows;
}

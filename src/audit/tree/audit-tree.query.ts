import { msg } from '../../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../../common/domain-error';
import { consistencyProof, inclusionProof, treeRoot } from './audit-tree';
import { type ConsistencyProofDto, type InclusionProofDto, type TreeHeadDto } from './audit-tree.dto';

const hex = (hash: Buffer): string => hash.toString('hex');

/** The transparency log's reads: each a handful of indexed lookups (pk_audit_tree_nodes, pk_audit_entries). */
@Injectable()
export class AuditTreeQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The recorded head; the tree has exactly its seq leaves (both move in the same transaction). */
  async head(): Promise<TreeHeadDto> {
    const [head] = (await this.dataSource.query('SELECT seq, hash FROM audit_head WHERE id = 1')) as Array<{ seq: string; hash: string }>;
    const treeSize = Number(head.seq);
    // Nodes of a tree no larger than the head never change, so reading them after the head is consistent.
    return { treeSize, rootHash: hex(await treeRoot(this.dataSource, treeSize)), headSeq: treeSize, headHash: head.hash };
  }

  async inclusion(seq: number, requestedSize?: number): Promise<InclusionProofDto> {
    const size = await this.size();
    const treeSize = requestedSize ?? size;
    if (treeSize > size) throw new ValidationFailedError([{ field: 'treeSize', message: msg('field.exceedsTreeSize', 'treeSize', size) }]);
    if (seq > treeSize) throw new ValidationFailedError([{ field: 'seq', message: msg('field.exceedsField', 'seq', 'treeSize', treeSize) }]);
    const proof = await inclusionProof(this.dataSource, seq - 1, treeSize);
    return { seq, treeSize, leafIndex: seq - 1, leafHash: hex(proof.leafHash), rootHash: hex(proof.rootHash), proof: proof.proof.map(hex) };
  }

  async consistency(from: number, to: number): Promise<ConsistencyProofDto> {
    const size = await this.size();
    if (to > size) throw new ValidationFailedError([{ field: 'to', message: msg('field.exceedsTreeSize', 'to', size) }]);
    if (from > to) throw new ValidationFailedError([{ field: 'from', message: msg('field.after', 'from', 'to') }]);
    const proof = await consistencyProof(this.dataSource, from, to);
    return { from, to, fromRoot: hex(proof.fromRoot), toRoot: hex(proof.toRoot), proof: proof.proof.map(hex) };
  }

  private async size(): Promise<number> {
    const [head] = (await this.dataSource.query('SELECT seq FROM audit_head WHERE id = 1')) as Array<{ seq: string }>;
    return Number(head.seq);
  }
}

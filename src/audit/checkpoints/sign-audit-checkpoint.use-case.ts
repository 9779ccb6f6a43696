import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { auditConfig } from '../../config/audit.config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SIGNING_KEYS, type SigningKeys } from '../../config/keys.module';
import { type AuditCheckpointDto } from './audit-checkpoint.dto';
import { signCheckpoint } from './audit-checkpoint.signing';
import { AuditCheckpointsQuery, type CheckpointRow, toCheckpointDto } from './audit-checkpoints.query';
import { AuditChainBrokenError } from '../audit.errors';
import { treeRoot } from '../tree/audit-tree';
import { checkpointNoteText, signNoteText } from './signed-note';
import { type AuditActor, AuditService } from '../log/audit.service';

interface HeadRow {
  seq: string;
  hash: string;
}

/**
 * Signs the chain head with the audit key and stores the checkpoint. Before signing, the
 * entries since the previous checkpoint are recomputed from it, so each checkpoint vouches
 * that the chain links all the way back and a broken chain is never signed.
 */
@Injectable()
export class SignAuditCheckpointUseCase {
  private readonly logger = new Logger(SignAuditCheckpointUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointsQuery,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
    @Inject(auditConfig.KEY) private readonly config: ConfigType<typeof auditConfig>,
  ) {}

  /**
   * The scheduled run: signs the head only when it has moved past the last checkpoint, and
   * appends no entry of its own (or the chain would grow by itself at every interval).
   * Null when there is nothing new to sign.
   */
  async signIfMoved(): Promise<AuditCheckpointDto | null> {
    const head = await this.head();
    const headSeq = Number(head.seq);
    const last = await this.checkpoints.latest();
    if (headSeq === 0 || headSeq <= (last?.seq ?? 0)) return null;
    await this.assertIntact((last?.seq ?? 0) + 1, headSeq, head.hash);
    return this.store(headSeq, head.hash);
  }

  /**
   * On request: appends an entry naming who asked, then signs the new head, which is that
   * entry. The long recomputation runs before the head is locked; only entries appended
   * meanwhile are checked under the lock.
   */
  async signRequested(actor: AuditActor): Promise<AuditCheckpointDto> {
    const head = await this.head();
    const verifiedTo = Number(head.seq);
    const last = await this.checkpoints.latest();
    await this.assertIntact((last?.seq ?? 0) + 1, verifiedTo, head.hash);
    const signed = await this.dataSource.transaction(async (manager) => {
      const locked = await this.head(manager, true);
      const lockedSeq = Number(locked.seq);
      await this.assertIntact(verifiedTo + 1, lockedSeq, locked.hash, manager);
      const entry = await this.audit.append(manager, actor, {
        action: 'audit.checkpoint_requested',
        entityType: 'audit_checkpoint',
        entityId: String(lockedSeq + 1),
        before: null,
        after: { keyId: this.checkpoints.key.keyId },
      });
      return this.store(entry.seq, entry.hash, manager);
    });
    if (!signed) throw new Error(`seq ${verifiedTo} was signed twice`);
    return signed;
  }

  private async head(manager?: EntityManager, lock = false): Promise<HeadRow> {
    const [head] = (await (manager ?? this.dataSource).query(
      `SELECT seq, hash FROM audit_head WHERE id = 1${lock ? ' FOR UPDATE' : ''}`,
    )) as HeadRow[];
    return head;
  }

  private async assertIntact(from: number, to: number, headHash: string, manager?: EntityManager): Promise<void> {
    if (from > to) return;
    const report = await this.audit.verifyRange({ from, to }, this.checkpoints, manager);
    if (report.valid && report.headHash === headHash) return;
    this.logger.error(`refusing to sign seq ${to}: the chain does not verify at seq ${report.firstInvalidSeq}: ${report.problem}`);
    throw new AuditChainBrokenError(report);
  }

  /**
   * Null when another signer stored this seq first: a seq is signed once. The checkpoint is
   * also a signed tree head: the root of the tree of entries 1…seq (complete and unchanging,
   * since the head is at or past seq), signed as a C2SP note under the log's origin.
   */
  private async store(seq: number, hash: string, manager?: EntityManager): Promise<AuditCheckpointDto | null> {
    const runner = manager ?? this.dataSource;
    const checkpoint = signCheckpoint({ seq, hash, signedAt: new Date().toISOString() }, this.keys.audit.privateKey, this.checkpoints.key.keyId);
    const rootHash = await treeRoot(runner, seq);
    const origin = this.config.logOrigin;
    const text = checkpointNoteText({ origin, treeSize: seq, rootHash });
    const noteSignature = signNoteText(text, origin, this.keys.audit.privateKey, this.keys.audit.publicKey);
    const rows = (await runner.query(
      `INSERT INTO audit_checkpoints (seq, hash, signed_at, key_id, signature, root_hash, origin, note_signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (seq) DO NOTHING
       RETURNING seq, hash, signed_at, key_id, signature, root_hash, origin, note_signature`,
      [checkpoint.seq, checkpoint.hash, checkpoint.signedAt, checkpoint.keyId, checkpoint.signature, rootHash.toString('hex'), origin, noteSignature],
    )) as CheckpointRow[];
    return rows.length > 0 ? toCheckpointDto({ ...rows[0], cosignatures: [] }) : null;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SIGNING_KEYS, type SigningKeys } from '../../config/keys.module';
import { type CheckpointKey } from '../verification/audit-chain-check';
import { type AuditCheckpointDto, type AuditPublicKeyDto } from './audit-checkpoint.dto';
import { CHECKPOINT_ALGORITHM, keyIdOf } from './audit-checkpoint.signing';
import { type CheckpointSource, type SeqRange } from '../log/audit.service';

export interface CheckpointRow {
  seq: string;
  hash: string;
  signed_at: Date;
  key_id: string;
  signature: string;
}

export function toCheckpointDto(row: CheckpointRow): AuditCheckpointDto {
  return { seq: Number(row.seq), hash: row.hash, signedAt: row.signed_at.toISOString(), keyId: row.key_id, signature: row.signature };
}

const COLUMNS = 'seq, hash, signed_at, key_id, signature';

/** Signed checkpoints as published, and as the chain is held against when it is verified. */
@Injectable()
export class AuditCheckpointsQuery implements CheckpointSource {
  readonly key: CheckpointKey;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SIGNING_KEYS) keys: SigningKeys,
  ) {
    this.key = { keyId: keyIdOf(keys.audit.publicKey), publicKey: keys.audit.publicKey };
  }

  publicKey(): AuditPublicKeyDto {
    return {
      keyId: this.key.keyId,
      algorithm: CHECKPOINT_ALGORITHM,
      publicKey: this.key.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }

  /** Oldest first; served by pk_audit_checkpoints. */
  async list(range: SeqRange): Promise<AuditCheckpointDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE seq >= $1 AND seq <= $2 ORDER BY seq`,
      [range.from ?? 1, range.to ?? Number.MAX_SAFE_INTEGER],
    )) as CheckpointRow[];
    return rows.map(toCheckpointDto);
  }

  async between(afterSeq: number, toSeq: number, manager?: EntityManager): Promise<AuditCheckpointDto[]> {
    const rows = (await (manager ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE seq > $1 AND seq <= $2`,
      [afterSeq, toSeq],
    )) as CheckpointRow[];
    return rows.map(toCheckpointDto);
  }

  async latest(manager?: EntityManager): Promise<AuditCheckpointDto | null> {
    const [row] = (await (manager ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`,
    )) as CheckpointRow[];
    return row ? toCheckpointDto(row) : null;
  }
}

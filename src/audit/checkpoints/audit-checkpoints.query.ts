import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/domain-error';
import { SIGNING_KEYS, type SigningKeys } from '../../config/keys.module';
import { type CheckpointKey } from '../verification/audit-chain-check';
import { type AuditCheckpointDto, type AuditCosignatureDto, type AuditPublicKeyDto } from './audit-checkpoint.dto';
import { CHECKPOINT_ALGORITHM, keyIdOf, type SignedCheckpoint } from './audit-checkpoint.signing';
import { type CheckpointSource, type SeqRange } from '../log/audit.service';
import { checkpointNoteText, ed25519PublicKeyFromRaw, noteKeyHash, renderSignedNote } from './signed-note';

export interface CheckpointRow {
  seq: string;
  hash: string;
  signed_at: Date;
  key_id: string;
  signature: string;
  root_hash: string | null;
  origin: string | null;
  note_signature: string | null;
}

interface CosignatureJson {
  witness: string;
  publicKey: string;
  signature: string;
  signedAt: string;
}

type PublishedRow = CheckpointRow & { cosignatures: CosignatureJson[] };

/** A checkpoint as the chain is held against it (no cosignatures). */
export interface StoredCheckpoint extends SignedCheckpoint {
  rootHash: string | null;
}

function toStored(row: CheckpointRow): StoredCheckpoint {
  return {
    seq: Number(row.seq),
    hash: row.hash,
    signedAt: row.signed_at.toISOString(),
    keyId: row.key_id,
    signature: row.signature,
    rootHash: row.root_hash,
  };
}

function toCosignatureDto(cosignature: CosignatureJson): AuditCosignatureDto {
  const key = ed25519PublicKeyFromRaw(Buffer.from(cosignature.publicKey, 'base64'));
  return {
    witness: cosignature.witness,
    keyId: noteKeyHash(cosignature.witness, key).toString('hex'),
    signature: cosignature.signature,
    signedAt: new Date(cosignature.signedAt).toISOString(),
  };
}

/** The signed note: the checkpoint text, the registry's line, then each witness's line in the order they cosigned. */
function signedNote(row: PublishedRow, cosignatures: readonly AuditCosignatureDto[]): string | null {
  if (row.root_hash === null || row.origin === null || row.note_signature === null) return null;
  const text = checkpointNoteText({ origin: row.origin, treeSize: Number(row.seq), rootHash: Buffer.from(row.root_hash, 'hex') });
  return renderSignedNote(text, [
    { name: row.origin, signature: row.note_signature },
    ...cosignatures.map((cosignature) => ({
      name: cosignature.witness,
      signature: Buffer.concat([Buffer.from(cosignature.keyId, 'hex'), Buffer.from(cosignature.signature, 'base64')]).toString('base64'),
    })),
  ]);
}

export function toCheckpointDto(row: PublishedRow): AuditCheckpointDto {
  const cosignatures = row.cosignatures.map(toCosignatureDto);
  return {
    ...toStored(row),
    treeSize: Number(row.seq),
    note: signedNote(row, cosignatures),
    cosignatures,
  };
}

const COLUMNS = 'c.seq, c.hash, c.signed_at, c.key_id, c.signature, c.root_hash, c.origin, c.note_signature';

/** Served by pk_audit_cosignatures (tree_size, witness_id). */
const PUBLISHED_COLUMNS = `${COLUMNS},
  COALESCE((SELECT json_agg(json_build_object('witness', w.name, 'publicKey', encode(w.public_key, 'base64'),
                                              'signature', s.signature, 'signedAt', s.signed_at) ORDER BY s.signed_at, w.name)
              FROM audit_cosignatures s JOIN audit_witnesses w ON w.id = s.witness_id
             WHERE s.tree_size = c.seq), '[]'::json) AS cosignatures`;

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
      `SELECT ${PUBLISHED_COLUMNS} FROM audit_checkpoints c WHERE c.seq >= $1 AND c.seq <= $2 ORDER BY c.seq`,
      [range.from ?? 1, range.to ?? Number.MAX_SAFE_INTEGER],
    )) as PublishedRow[];
    return rows.map(toCheckpointDto);
  }

  /** One checkpoint by its tree size (= seq), or null. */
  async get(treeSize: number, manager?: EntityManager): Promise<AuditCheckpointDto | null> {
    const [row] = (await (manager ?? this.dataSource).query(`SELECT ${PUBLISHED_COLUMNS} FROM audit_checkpoints c WHERE c.seq = $1`, [
      treeSize,
    ])) as PublishedRow[];
    return row ? toCheckpointDto(row) : null;
  }

  async between(afterSeq: number, toSeq: number, manager?: EntityManager): Promise<StoredCheckpoint[]> {
    const rows = (await (manager ?? this.dataSource).query(`SELECT ${COLUMNS} FROM audit_checkpoints c WHERE c.seq > $1 AND c.seq <= $2`, [
      afterSeq,
      toSeq,
    ])) as CheckpointRow[];
    return rows.map(toStored);
  }

  async latest(manager?: EntityManager): Promise<StoredCheckpoint | null> {
    const [row] = (await (manager ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM audit_checkpoints c ORDER BY c.seq DESC LIMIT 1`,
    )) as CheckpointRow[];
    return row ? toStored(row) : null;
  }

  /** The newest checkpoint signed as a note, with its cosignatures; null when there is none. */
  async latestNote(): Promise<AuditCheckpointDto | null> {
    const [row] = (await this.dataSource.query(
      `SELECT ${PUBLISHED_COLUMNS} FROM audit_checkpoints c WHERE c.root_hash IS NOT NULL ORDER BY c.seq DESC LIMIT 1`,
    )) as PublishedRow[];
    return row ? toCheckpointDto(row) : null;
  }

  /** GET /audit/checkpoints/latest. */
  async latestNoteText(): Promise<string> {
    const checkpoint = await this.latestNote();
    if (!checkpoint?.note) throw new NotFoundError('treeHead', 'latest');
    return checkpoint.note;
  }

  /** Every checkpoint from `afterSeq` on (for the rollback check: those beyond the head). */
  async from(afterSeq: number, manager?: EntityManager): Promise<StoredCheckpoint[]> {
    const rows = (await (manager ?? this.dataSource).query(`SELECT ${COLUMNS} FROM audit_checkpoints c WHERE c.seq > $1 ORDER BY c.seq`, [
      afterSeq,
    ])) as CheckpointRow[];
    return rows.map(toStored);
  }

  /** Checkpoints that carry a root, for holding the tree against them. */
  async withRoots(manager?: EntityManager): Promise<Array<{ seq: number; rootHash: string }>> {
    const rows = (await (manager ?? this.dataSource).query(
      'SELECT seq, root_hash FROM audit_checkpoints WHERE root_hash IS NOT NULL ORDER BY seq',
    )) as Array<{ seq: string; root_hash: string }>;
    return rows.map((row) => ({ seq: Number(row.seq), rootHash: row.root_hash }));
  }
}

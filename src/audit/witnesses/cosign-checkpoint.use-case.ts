import { msg } from '../../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { ForbiddenError } from '../../auth/auth.errors';
import { NotFoundError } from '../../common/domain-error';
import { type RequestContext } from '../../common/request-context';
import { actorOf, AuditService } from '../log/audit.service';
import { type AuditCosignatureDto } from '../checkpoints/audit-checkpoint.dto';
import { checkpointNoteText, ed25519PublicKeyFromRaw, ed25519SignatureValid, noteKeyHash } from '../checkpoints/signed-note';
import { AlreadyCosignedError, InvalidCosignatureError } from './witnesses.errors';

interface CheckpointNoteRow {
  seq: string;
  root_hash: string | null;
  origin: string | null;
}

/**
 * A witness's cosignature of one signed checkpoint: an Ed25519 signature over the checkpoint's
 * note text by the key registered for the caller's witness, stored once, with its audit entry.
 */
@Injectable()
export class CosignCheckpointUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(treeSize: number, signature: string, context: RequestContext): Promise<AuditCosignatureDto> {
    const userId = context.principal?.id;
    const [witness] = (await this.dataSource.query('SELECT id, name, public_key FROM audit_witnesses WHERE user_id = $1', [userId])) as Array<{
      id: string;
      name: string;
      public_key: Buffer;
    }>;
    if (!witness) throw new ForbiddenError(msg('auth.notAWitness'));
    const [checkpoint] = (await this.dataSource.query('SELECT seq, root_hash, origin FROM audit_checkpoints WHERE seq = $1', [
      treeSize,
    ])) as CheckpointNoteRow[];
    if (!checkpoint || checkpoint.root_hash === null || checkpoint.origin === null) throw new NotFoundError('checkpoint', String(treeSize));
    const key = ed25519PublicKeyFromRaw(witness.public_key);
    const text = checkpointNoteText({ origin: checkpoint.origin, treeSize, rootHash: Buffer.from(checkpoint.root_hash, 'hex') });
    if (!ed25519SignatureValid(text, signature, key)) throw new InvalidCosignatureError(witness.name, treeSize);
    const signedAt = new Date().toISOString();
    const cosignature: AuditCosignatureDto = { witness: witness.name, keyId: noteKeyHash(witness.name, key).toString('hex'), signature, signedAt };
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO audit_cosignatures (tree_size, witness_id, signature, signed_at) VALUES ($1, $2, $3, $4)', [
          treeSize,
          witness.id,
          signature,
          signedAt,
        ]);
        await this.audit.append(manager, actorOf(context), {
          action: 'audit.checkpoint_cosigned',
          entityType: 'witness',
          entityId: witness.id,
          before: null,
          after: { treeSize, ...cosignature },
        });
      });
    } catch (error) {
      const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (error instanceof QueryFailedError && driver?.code === '23505' && driver.constraint === 'pk_audit_cosignatures') {
        throw new AlreadyCosignedError(witness.name, treeSize);
      }
      throw error;
    }
    return cosignature;
  }
}

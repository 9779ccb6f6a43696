import { ApiProperty } from '@nestjs/swagger';
import { CHECKPOINT_ALGORITHM } from './audit-checkpoint.signing';

export class AuditCosignatureDto {
  @ApiProperty({ description: 'The witness name: the key name of its line in the note' }) witness: string;
  @ApiProperty({ example: '3f9a0c1b', description: "Hex of the signed-note key hash of the witness's key (first 4 bytes)" }) keyId: string;
  @ApiProperty({ description: "Base64 Ed25519 signature over the checkpoint's note text" }) signature: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
}

export class AuditCheckpointDto {
  @ApiProperty({ description: 'The chain head that was signed' }) seq: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'Hash of the entry at seq' }) hash: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
  @ApiProperty({ example: '3f9a0c1b2d4e5f60', description: 'First 16 hex of SHA-256 over the public key (DER SPKI)' }) keyId: string;
  @ApiProperty({
    description:
      'Base64 Ed25519 signature over the UTF-8 bytes of {"hash":"<hash>","seq":<seq>,"signedAt":"<signedAt>"} ' +
      '(keys in that order, no white space)',
  })
  signature: string;

  @ApiProperty({ description: 'Leaves of the signed Merkle tree: equals seq' }) treeSize: number;
  @ApiProperty({
    type: String,
    nullable: true,
    pattern: '^[0-9a-f]{64}$',
    description: 'RFC 9162 root of the tree of entries 1…seq; null on checkpoints signed before the transparency log',
  })
  rootHash: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The C2SP signed note: "<origin>\\n<treeSize>\\n<base64 rootHash>\\n", a blank line, the registry\'s signature ' +
      "line (key name = origin), then one line per witness cosignature; null where rootHash is",
  })
  note: string | null;

  @ApiProperty({ type: [AuditCosignatureDto] }) cosignatures: AuditCosignatureDto[];
}

export class AuditPublicKeyDto {
  @ApiProperty({ example: '3f9a0c1b2d4e5f60' }) keyId: string;
  @ApiProperty({ enum: [CHECKPOINT_ALGORITHM] }) algorithm: typeof CHECKPOINT_ALGORITHM;
  @ApiProperty({ example: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n', description: 'SPKI PEM' }) publicKey: string;
}

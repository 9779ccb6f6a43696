import { ApiProperty } from '@nestjs/swagger';
import { CHECKPOINT_ALGORITHM } from './audit-checkpoint.signing';

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
}

export class AuditPublicKeyDto {
  @ApiProperty({ example: '3f9a0c1b2d4e5f60' }) keyId: string;
  @ApiProperty({ enum: [CHECKPOINT_ALGORITHM] }) algorithm: typeof CHECKPOINT_ALGORITHM;
  @ApiProperty({ example: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n', description: 'SPKI PEM' }) publicKey: string;
}

import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { parseEnv } from './env';

class AuditEnv {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\\n/g, '\n') : value))
  @Matches(/-----BEGIN PRIVATE KEY-----/, {
    message: 'AUDIT_SIGNING_PRIVATE_KEY must be a PKCS#8 PEM Ed25519 private key',
  })
  AUDIT_SIGNING_PRIVATE_KEY?: string = undefined;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\\n/g, '\n') : value))
  @Matches(/-----BEGIN PUBLIC KEY-----/, {
    message: 'AUDIT_SIGNING_PUBLIC_KEY must be an SPKI PEM Ed25519 public key',
  })
  AUDIT_SIGNING_PUBLIC_KEY?: string = undefined;

  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'AUDIT_CHECKPOINT_INTERVAL must be a whole number of seconds' })
  @Min(10)
  @Max(86_400)
  AUDIT_CHECKPOINT_INTERVAL = 300;

  @Matches(/^[^\s+]{1,128}$/u, { message: 'AUDIT_LOG_ORIGIN must be a signed-note key name: no spaces, no plus sign, at most 128 characters' })
  AUDIT_LOG_ORIGIN = 'pa-firearms-registry/audit';
}

export interface AuditConfig {
  /** PEM of the Ed25519 key that signs audit checkpoints; absent outside production means the development key. */
  signingPrivateKey?: string;
  /**
   * PEM of its public key, for a process that does not sign (the API with WORKERS=off): it
   * publishes the key and checks checkpoints with it, and needs no private key.
   */
  signingPublicKey?: string;
  /** How often the queue signs the chain head, in seconds; nothing is signed while the head has not moved. */
  checkpointIntervalSeconds: number;
  /** The transparency log's origin: the first line of its checkpoints and the registry's key name in their signed notes. */
  logOrigin: string;
}

export function parseAuditConfig(env: NodeJS.ProcessEnv): AuditConfig {
  const parsed = parseEnv(AuditEnv, env);
  return {
    signingPrivateKey: parsed.AUDIT_SIGNING_PRIVATE_KEY,
    signingPublicKey: parsed.AUDIT_SIGNING_PUBLIC_KEY,
    checkpointIntervalSeconds: parsed.AUDIT_CHECKPOINT_INTERVAL,
    logOrigin: parsed.AUDIT_LOG_ORIGIN,
  };
}

export const auditConfig = registerAs('audit', () => parseAuditConfig(process.env));

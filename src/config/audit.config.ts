import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { parseEnv } from './env';

class AuditEnv {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\\n/g, '\n') : value))
  @Matches(/-----BEGIN PRIVATE KEY-----/, {
    message: 'AUDIT_SIGNING_PRIVATE_KEY must be a PKCS#8 PEM Ed25519 private key',
  })
  AUDIT_SIGNING_PRIVATE_KEY?: string = undefined;
}

export interface AuditConfig {
  /** PEM of the Ed25519 key that signs audit checkpoints; absent outside production means the development key. */
  signingPrivateKey?: string;
}

export function parseAuditConfig(env: NodeJS.ProcessEnv): AuditConfig {
  return { signingPrivateKey: parseEnv(AuditEnv, env).AUDIT_SIGNING_PRIVATE_KEY };
}

export const auditConfig = registerAs('audit', () => parseAuditConfig(process.env));

import { Global, Logger, Module } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { auditConfig } from './audit.config';
import { authConfig } from './auth.config';
import { resolveSigningKeys, SigningKeys } from './keys';

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');
export type { SigningKeys };

@Global()
@Module({
  providers: [
    {
      provide: SIGNING_KEYS,
      inject: [authConfig.KEY, auditConfig.KEY],
      useFactory: (auth: ConfigType<typeof authConfig>, audit: ConfigType<typeof auditConfig>): SigningKeys => {
        const logger = new Logger('Keys');
        return resolveSigningKeys(
          {
            jwtPrivateKey: auth.jwtPrivateKey,
            auditSigningPrivateKey: audit.signingPrivateKey,
            auditSigningPublicKey: audit.signingPublicKey,
          },
          (path) => logger.warn(`No key configured: generated a development key pair at ${path}`),
        );
      },
    },
  ],
  exports: [SIGNING_KEYS],
})
export class KeysModule {}

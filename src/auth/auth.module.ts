import { Module } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { authConfig } from '../config';
import { SIGNING_KEYS, type SigningKeys } from '../config/keys.module';
import { AuthController } from './auth.controller';
import { AuthSessions } from './auth-sessions.service';
import { JwtAuthGuard, RolesGuard } from './auth.guards';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle.service';
import { LoginUseCase } from './login.use-case';
import { LogoutUseCase } from './logout.use-case';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensUseCase } from './refresh-tokens.use-case';
import { TokensService } from './tokens.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [authConfig.KEY, SIGNING_KEYS],
      useFactory: (config: ConfigType<typeof authConfig>, keys: SigningKeys) => ({
        privateKey: keys.jwt.privateKey,
        signOptions: {
          algorithm: 'ES256',
          issuer: config.issuer,
          audience: config.audience,
          expiresIn: config.accessTokenTtlSeconds,
        },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    JwtStrategy,
    PasswordHasher,
    LoginThrottle,
    TokensService,
    LoginUseCase,
    RefreshTokensUseCase,
    LogoutUseCase,
    AuthSessions,
    // Order matters: authenticate first, then check roles.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [PasswordHasher, AuthSessions],
})
export class AuthModule {}

import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { authConfig } from '../config';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface AccessTokenClaims {
  sub: string;
  /** The login (session) the token belongs to. */
  sid: string;
  /** The user's token version when it was issued. */
  tv: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface ParsedRefreshToken {
  id: string;
  secret: string;
}

const REFRESH_TOKEN_PATTERN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** Issues an access token and a fresh refresh token in the given session (inside the caller's transaction). */
  async issue(manager: EntityManager, claims: AccessTokenClaims): Promise<TokenPair> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await manager.insert(RefreshTokenEntity, {
      id,
      sessionId: claims.sid,
      tokenHash: digest(secret),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
      spentAt: null,
    });
    const accessToken = await this.jwt.signAsync({ sid: claims.sid, tv: claims.tv }, { subject: claims.sub });
    return {
      accessToken,
      refreshToken: `${id}.${secret}`,
      tokenType: 'Bearer',
      expiresIn: this.config.accessTokenTtlSeconds,
    };
  }

  parseRefreshToken(token: string): ParsedRefreshToken | null {
    const match = REFRESH_TOKEN_PATTERN.exec(token);
    return match ? { id: match[1], secret: match[2] } : null;
  }

  secretMatches(stored: RefreshTokenEntity, secret: string): boolean {
    return timingSafeEqual(Buffer.from(stored.tokenHash, 'hex'), Buffer.from(digest(secret), 'hex'));
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { authConfig } from '../config';
import { SIGNING_KEYS, type SigningKeys } from '../config/keys.module';
import { Principal } from './principal';
import { Role } from './role.enum';

interface VerifiedClaims {
  sub?: unknown;
  sid?: unknown;
  tv?: unknown;
}

/**
 * Verifies an access token with the algorithm pinned (ES256 only, so `alg: none` and HMAC
 * tricks fail), checks iss, aud and exp, then reloads the user: a disabled user, a revoked
 * login or a bumped token version ends the token at once.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The principal the token stands for, or null for any token that must be refused. */
  async verify(token: string): Promise<Principal | null> {
    let claims: VerifiedClaims;
    try {
      claims = await this.jwt.verifyAsync<VerifiedClaims & object>(token, {
        // jsonwebtoken takes a KeyObject (the typings say string | Buffer).
        publicKey: this.keys.jwt.publicKey as unknown as Buffer,
        algorithms: ['ES256'],
        issuer: this.config.issuer,
        audience: this.config.audience,
      });
    } catch {
      // Bad signature, wrong algorithm, expired, malformed: all the same refusal.
      return null;
    }
    if (!isUUID(claims.sub) || !isUUID(claims.sid) || !Number.isSafeInteger(claims.tv)) return null;
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.username, u.full_name, u.roles, u.jurisdiction
         FROM users u JOIN auth_sessions s ON s.user_id = u.id
        WHERE u.id = $1 AND s.id = $2 AND s.revoked_at IS NULL AND NOT u.disabled AND u.token_version = $3`,
      [claims.sub, claims.sid, claims.tv],
    )) as Array<{ id: string; username: string; full_name: string; roles: Role[]; jurisdiction: string[] | null }>;
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      username: row.username,
      fullName: row.full_name,
      roles: row.roles,
      jurisdiction: row.jurisdiction,
      sessionId: claims.sid as string,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
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
 * Verifies the signature with the algorithm pinned (ES256 only, so `alg: none` and HMAC
 * tricks fail), checks iss, aud and exp, then reloads the user on every request: a disabled
 * user, a revoked login or a bumped token version ends the token at once. Run by the
 * onRequest hook (auth-http.hooks.ts) through passport, before the body is read.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    @Inject(SIGNING_KEYS) keys: SigningKeys,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // jsonwebtoken takes a KeyObject (the typings say string | Buffer); a parsed key is not
      // re-read from PEM on every request.
      secretOrKey: keys.jwt.publicKey as unknown as Buffer,
      algorithms: ['ES256'],
      issuer: config.issuer,
      audience: config.audience,
      ignoreExpiration: false,
    });
  }

  async validate(claims: VerifiedClaims): Promise<Principal | false> {
    if (!isUUID(claims.sub) || !isUUID(claims.sid) || !Number.isSafeInteger(claims.tv)) return false;
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.username, u.full_name, u.roles, u.jurisdiction
         FROM users u JOIN auth_sessions s ON s.user_id = u.id
        WHERE u.id = $1 AND s.id = $2 AND s.revoked_at IS NULL AND NOT u.disabled AND u.token_version = $3`,
      [claims.sub, claims.sid, claims.tv],
    )) as Array<{ id: string; username: string; full_name: string; roles: Role[]; jurisdiction: string[] | null }>;
    const row = rows[0];
    if (!row) return false;
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

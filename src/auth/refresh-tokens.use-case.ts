import { msg } from '../i18n/message';
import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, actorOf } from '../audit/audit.service';
import { RequestContext } from '../common/request-context';
import { authConfig } from '../config';
import { UserEntity } from '../users/user.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { RefreshTokenReusedError, UnauthenticatedError } from './auth.errors';
import { RefreshTokenEntity } from './refresh-token.entity';
import { TokenPair, TokensService } from './tokens.service';

type Outcome = { kind: 'rotated'; tokens: TokenPair } | { kind: 'reused' } | { kind: 'invalid' };

@Injectable()
export class RefreshTokensUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /**
   * Spends the presented token and issues the next one of the same login. The token row is
   * locked, so two racing refreshes with one token give one rotation and one reuse.
   */
  async execute(refreshToken: string, context: RequestContext): Promise<TokenPair> {
    const parsed = this.tokens.parseRefreshToken(refreshToken);
    if (!parsed) throw new UnauthenticatedError(msg('auth.refreshTokenInvalid'));
    // The revocation on reuse must commit, so the transaction returns an outcome and the
    // error is thrown only after it.
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const stored = await manager.findOne(RefreshTokenEntity, {
        where: { id: parsed.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!stored || !this.tokens.secretMatches(stored, parsed.secret)) return { kind: 'invalid' };
      const session = await manager.findOne(AuthSessionEntity, {
        where: { id: stored.sessionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!session) return { kind: 'invalid' };
      if (stored.spentAt) {
        await this.revokeFamily(manager, session, context);
        return { kind: 'reused' };
      }
      if (session.revokedAt || stored.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
      // A login lasts SESSION_MAX_AGE from the password check, however often its tokens rotate.
      if (session.createdAt.getTime() + this.config.sessionMaxAgeSeconds * 1000 <= Date.now()) return { kind: 'invalid' };
      const user = await manager.findOneBy(UserEntity, { id: session.userId });
      if (!user || user.disabled) return { kind: 'invalid' };
      await manager.update(RefreshTokenEntity, { id: stored.id }, { spentAt: new Date() });
      const tokens = await this.tokens.issue(manager, { sub: user.id, sid: session.id, tv: user.tokenVersion });
      return { kind: 'rotated', tokens };
    });
    switch (outcome.kind) {
      case 'rotated':
        return outcome.tokens;
      case 'reused':
        throw new RefreshTokenReusedError();
      case 'invalid':
        throw new UnauthenticatedError(msg('auth.refreshTokenInvalid'));
    }
  }

  private async revokeFamily(manager: EntityManager, session: AuthSessionEntity, context: RequestContext): Promise<void> {
    if (session.revokedAt) return;
    await manager.update(
      AuthSessionEntity,
      { id: session.id },
      { revokedAt: new Date(), revokedReason: 'refresh_token_reused' },
    );
    const user = await manager.findOneBy(UserEntity, { id: session.userId });
    await this.audit.append(
      manager,
      { ...actorOf(context), actorId: session.userId, actorUsername: user?.username ?? 'unknown' },
      {
        action: 'auth.refresh_token_reused',
        entityType: 'user',
        entityId: session.userId,
        after: { sessionId: session.id, revoked: true },
      },
    );
  }
}

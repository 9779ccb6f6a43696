import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService, actorOf } from '../audit/audit.service';
import { RequestContext } from '../common/request-context';
import { AuthSessionEntity } from './auth-session.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { TokensService } from './tokens.service';

@Injectable()
export class LogoutUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Ends the login the refresh token belongs to: its refresh and access tokens stop working.
   * A token that is unknown or belongs to someone else changes nothing, and says nothing.
   */
  async execute(refreshToken: string, context: RequestContext): Promise<void> {
    const parsed = this.tokens.parseRefreshToken(refreshToken);
    const principal = context.principal;
    if (!parsed || !principal) return;
    await this.dataSource.transaction(async (manager) => {
      const stored = await manager.findOneBy(RefreshTokenEntity, { id: parsed.id });
      if (!stored || !this.tokens.secretMatches(stored, parsed.secret)) return;
      const result = await manager.update(
        AuthSessionEntity,
        { id: stored.sessionId, userId: principal.id, revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: 'logout' },
      );
      if (!result.affected) return;
      await this.audit.append(manager, actorOf(context), {
        action: 'auth.logout',
        entityType: 'user',
        entityId: principal.id,
        after: { sessionId: stored.sessionId },
      });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, actorOf } from '../audit/audit.service';
import { RequestContext } from '../common/request-context';
import { UserEntity } from '../users/user.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { InvalidCredentialsError } from './auth.errors';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher.service';
import { TokenPair, TokensService } from './tokens.service';

@Injectable()
export class LoginUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Unknown user, wrong password and disabled account give the same error after the same
   * argon2 work, so a caller cannot tell which it was. The attempt is counted before the
   * password is checked (LoginThrottle), so the limit holds under concurrency.
   */
  async execute(username: string, password: string, context: RequestContext): Promise<TokenPair> {
    const name = username.trim().toLowerCase();
    const attempt = { username: name, clientIp: context.clientIp };
    await this.throttle.countAttempt(attempt);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :name', { name })
      .getOne();
    const matched = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !matched || user.disabled) throw new InvalidCredentialsError();
    await this.throttle.recordSuccess(attempt);
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.save(manager.create(AuthSessionEntity, { userId: user.id }));
      await this.audit.append(
        manager,
        { ...actorOf(context), actorId: user.id, actorUsername: user.username },
        { action: 'auth.login', entityType: 'user', entityId: user.id, after: { sessionId: session.id } },
      );
      return this.tokens.issue(manager, { sub: user.id, sid: session.id, tv: user.tokenVersion });
    });
  }
}

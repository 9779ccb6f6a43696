import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AuthSessionEntity } from './auth-session.entity';

/** The logins (sessions) of users, for the modules that end them. */
@Injectable()
export class AuthSessions {
  /** Revokes every live login of the user inside the caller's transaction; returns how many. */
  async revokeAllOf(manager: EntityManager, userId: string, reason: string): Promise<number> {
    const result = await manager.update(
      AuthSessionEntity,
      { userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }
}
